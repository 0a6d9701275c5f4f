package com.trustwatch.evaluation;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LeasedPathConditionTest {

    @Test
    @DisplayName("unset, whole-book runs lease chunks on MySQL and MariaDB and not on H2 or an unknown database")
    void defaultFollowsTheDatabase() {
        assertThat(LeasedPathCondition.leased(null, "jdbc:mysql://db:3306/trustwatch")).isTrue();
        assertThat(LeasedPathCondition.leased(null, "jdbc:mariadb://db:3306/trustwatch")).isTrue();
        assertThat(LeasedPathCondition.leased(null, "jdbc:h2:file:./data/trustwatch;MODE=MySQL")).isFalse();
        assertThat(LeasedPathCondition.leased(null, "jdbc:postgresql://db/trustwatch")).isFalse();
        assertThat(LeasedPathCondition.leased(null, null)).isFalse();
    }

    @Test
    @DisplayName("trustwatch.evaluation.partitioned, when set, decides whatever the database")
    void settingWins() {
        assertThat(LeasedPathCondition.leased(false, "jdbc:mysql://db:3306/trustwatch")).isFalse();
        assertThat(LeasedPathCondition.leased(true, "jdbc:h2:mem:x")).isTrue();
    }
}
