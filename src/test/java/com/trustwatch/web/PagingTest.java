package com.trustwatch.web;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PagingTest {

    private final InputSettings settings = new InputSettings(366, 366, 100, 1000);

    @Test
    @DisplayName("no parameters is the first page of 100; size is capped at 1000; the older limit sets the size when size is absent")
    void defaultsAndCap() {
        assertThat(Paging.of(null, null, null, settings)).isEqualTo(new Paging(1, 100));
        assertThat(Paging.of(3, 5000, null, settings)).isEqualTo(new Paging(3, 1000));
        assertThat(Paging.of(null, null, 7, settings)).isEqualTo(new Paging(1, 7));
        assertThat(Paging.of(null, 20, 7, settings)).isEqualTo(new Paging(1, 20));
        assertThat(new Paging(3, 25).offset()).isEqualTo(50);
        assertThat(new Paging(1, 25).lastPage(0)).isEqualTo(1);
        assertThat(new Paging(1, 25).lastPage(51)).isEqualTo(3);
        assertThat(new Paging(Integer.MAX_VALUE, 1000).offset()).isEqualTo((Integer.MAX_VALUE - 1L) * 1000);
    }

    @Test
    @DisplayName("page 0 and a size below 1 are refused, naming the parameter")
    void refusals() {
        assertThatThrownBy(() -> Paging.of(0, null, null, settings)).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("page: must be 1 or more");
        assertThatThrownBy(() -> Paging.of(1, -5, null, settings)).hasMessageContaining("size: must be 1 or more");
        assertThatThrownBy(() -> Paging.of(1, null, 0, settings)).hasMessageContaining("limit: must be 1 or more");
    }

    @Test
    @DisplayName("a refusal lists the first 100 problems and counts them all; its message names the first five")
    void problemsAreCapped() {
        Problems problems = new Problems();
        for (int i = 1; i <= 2500; i++) {
            problems.add(new FieldError(i + 1, "floor", "bad"));
        }
        assertThatThrownBy(problems::refuseIfAny).isInstanceOfSatisfying(InvalidInput.class, e -> {
            assertThat(e.errors()).hasSize(100);
            assertThat(e.total()).isEqualTo(2500);
            assertThat(e.getMessage()).startsWith("line 2, floor: bad; line 3, floor: bad").endsWith("; and 2495 more problems")
                    .hasSizeLessThan(200);
        });
    }
}
