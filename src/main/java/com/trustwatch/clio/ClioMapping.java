package com.trustwatch.clio;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operator's field-mapping file: which Clio custom fields (by id: a firm can rename a field, its id
 * stays) hold which book fields, how picklist labels read, and defaults for what Clio does not hold.
 * <pre>
 * custom-fields:
 *   4401: floor
 *   4403: refillTarget
 *   4402: clientTier
 *   4404: practiceArea
 * values:
 *   clientTier: {Gold: TIER_1, Silver: TIER_2, Bronze: TIER_3}
 * defaults:
 *   feeType: HOURLY
 *   retainerType: EVERGREEN
 * </pre>
 * Anything not understood (an unknown key, a target field that cannot come from Clio, a custom-field id
 * that is not a number) is refused with its place named, never guessed.
 *
 * @param customFields custom field id to book field (JSON name)
 * @param values       book field to (Clio label to book value)
 * @param defaults     book field to value, for fields neither the book nor Clio has
 */
public record ClioMapping(Map<Long, String> customFields, Map<String, Map<String, String>> values,
                          Map<String, String> defaults) {

    /** The book fields a custom field may fill. */
    public static final Set<String> TARGETS = Set.of("floor", "refillTarget", "clientTier", "practiceArea", "feeType",
            "retainerType", "monthlyBilling", "originalRetainer", "jurisdiction", "paymentPlan", "disputed",
            "disputedAmount", "lastReconciledOn");
    /** The book fields a default may fill: those Clio's standard fields do not. */
    public static final Set<String> DEFAULTABLE = Set.of("feeType", "retainerType", "jurisdiction", "clientTier",
            "practiceArea", "billingManagerEmail", "bookkeeperEmail", "practiceGroupLeaderEmail", "managingPartnerEmail");

    public static ClioMapping empty() {
        return new ClioMapping(Map.of(), Map.of(), Map.of());
    }

    /** @throws IllegalArgumentException naming the file and the place of every problem */
    public static ClioMapping load(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(r, file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("the Clio mapping file " + file + " cannot be read: " + e.getMessage());
        }
    }

    static ClioMapping parse(Reader yaml, String name) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (YAMLException e) {
            throw new IllegalArgumentException(name + " is not YAML: " + e.getMessage());
        }
        if (root == null) {
            return empty();
        }
        List<String> problems = new ArrayList<>();
        if (!(root instanceof Map<?, ?> top)) {
            throw new IllegalArgumentException(name + ": expected the keys custom-fields, values, defaults");
        }
        Map<Long, String> custom = new LinkedHashMap<>();
        Map<String, Map<String, String>> values = new LinkedHashMap<>();
        Map<String, String> defaults = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : top.entrySet()) {
            String key = String.valueOf(e.getKey());
            switch (key) {
                case "custom-fields" -> mapOf(e.getValue(), name + ": custom-fields", problems).forEach((k, v) -> {
                    long id;
                    try {
                        id = Long.parseLong(k.trim());
                    } catch (NumberFormatException ex) {
                        problems.add(name + ": custom-fields." + k + ": a Clio custom field is named by its id (a number)");
                        return;
                    }
                    String target = String.valueOf(v);
                    if (!TARGETS.contains(target)) {
                        problems.add(name + ": custom-fields." + k + ": '" + target + "' is not a field a custom field may"
                                + " fill (one of " + String.join(", ", TARGETS.stream().sorted().toList()) + ")");
                    } else if (custom.containsValue(target)) {
                        problems.add(name + ": custom-fields." + k + ": '" + target + "' is filled by another custom field too");
                    } else {
                        custom.put(id, target);
                    }
                });
                case "values" -> mapOf(e.getValue(), name + ": values", problems).forEach((field, labels) -> {
                    if (!TARGETS.contains(field)) {
                        problems.add(name + ": values." + field + ": not a field a custom field may fill");
                        return;
                    }
                    Map<String, String> m = new LinkedHashMap<>();
                    mapOf(labels, name + ": values." + field, problems).forEach((label, v) -> m.put(label, String.valueOf(v)));
                    values.put(field, m);
                });
                case "defaults" -> mapOf(e.getValue(), name + ": defaults", problems).forEach((field, v) -> {
                    if (!DEFAULTABLE.contains(field)) {
                        problems.add(name + ": defaults." + field + ": not a field with a default (one of "
                                + String.join(", ", DEFAULTABLE.stream().sorted().toList()) + ")");
                    } else {
                        defaults.put(field, String.valueOf(v));
                    }
                });
                default -> problems.add(name + ": unknown key '" + key + "' (expected custom-fields, values, defaults)");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new ClioMapping(Map.copyOf(custom), Map.copyOf(values), Map.copyOf(defaults));
    }

    private static Map<String, Object> mapOf(Object v, String where, List<String> problems) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (v == null) {
            return out;
        }
        if (!(v instanceof Map<?, ?> m)) {
            problems.add(where + ": expected a mapping of keys to values");
            return out;
        }
        m.forEach((k, x) -> out.put(String.valueOf(k), x));
        return out;
    }
}
