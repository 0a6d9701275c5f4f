package com.trustwatch.clio;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClioMappingTest {

    static ClioMapping parse(String yaml) {
        return ClioMapping.parse(new StringReader(yaml), "clio-mapping.yml");
    }

    @Test
    @DisplayName("custom fields by id, picklist labels and defaults are read as written")
    void reads() {
        ClioMapping m = parse("custom-fields:\n  4401: floor\n  4402: clientTier\nvalues:\n  clientTier:\n    Gold: TIER_1\n"
                + "defaults:\n  feeType: HOURLY\n");
        assertThat(m.customFields()).isEqualTo(Map.of(4401L, "floor", 4402L, "clientTier"));
        assertThat(m.values()).isEqualTo(Map.of("clientTier", Map.of("Gold", "TIER_1")));
        assertThat(m.defaults()).isEqualTo(Map.of("feeType", "HOURLY"));
        assertThat(parse("")).isEqualTo(ClioMapping.empty());
    }

    @Test
    @DisplayName("what is not understood is refused with its place named: a field name instead of an id, an unknown target, an unknown key, a default for a field Clio holds, one target twice")
    void refusals() {
        assertThatThrownBy(() -> parse("custom-fields:\n  Trust floor: floor\n"))
                .hasMessageContaining("custom-fields.Trust floor").hasMessageContaining("by its id");
        assertThatThrownBy(() -> parse("custom-fields:\n  4401: trustBalance\n"))
                .hasMessageContaining("custom-fields.4401").hasMessageContaining("'trustBalance' is not a field");
        assertThatThrownBy(() -> parse("custom_fields:\n  4401: floor\n")).hasMessageContaining("unknown key 'custom_fields'");
        assertThatThrownBy(() -> parse("defaults:\n  trustBalance: '0.00'\n")).hasMessageContaining("defaults.trustBalance");
        assertThatThrownBy(() -> parse("custom-fields:\n  4401: floor\n  4403: floor\n"))
                .hasMessageContaining("custom-fields.4403").hasMessageContaining("another custom field");
        assertThatThrownBy(() -> parse("custom-fields: [4401]\n")).hasMessageContaining("expected a mapping");
    }
}
