package com.trustwatch.rules;

import org.kie.api.KieBase;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One compiled ruleset version: the KieBase built once from the DRL files and decision tables,
 * its version (a digest of every input, so two replicas with the same files agree), the rule
 * catalogue, and the DRL text each spreadsheet compiled to.
 */
public final class Ruleset {

    private final String version;
    private final KieBase kieBase;
    private final List<RuleEntry> catalogue;
    private final Map<String, String> tableDrl;
    private final Map<String, String> citations = new java.util.HashMap<>();

    private final List<PackSignoff> packs;

    Ruleset(String version, KieBase kieBase, List<RuleEntry> catalogue, Map<String, String> tableDrl,
            List<PackSignoff> packs) {
        this.packs = List.copyOf(packs);
        this.version = version;
        this.kieBase = kieBase;
        this.catalogue = List.copyOf(catalogue);
        this.tableDrl = Map.copyOf(tableDrl);
        for (RuleEntry e : catalogue) {
            if (e.citation() != null) {
                citations.put(e.id(), e.citation());
            }
        }
    }

    /** Each compliance pack with its digest and sign-off status. */
    public List<PackSignoff> packs() {
        return packs;
    }

    /** The citation of rule {@code ruleId}, or null when the rule cites nothing. */
    public String citation(String ruleId) {
        return citations.get(ruleId);
    }

    public String version() {
        return version;
    }

    KieBase kieBase() {
        return kieBase;
    }

    public List<RuleEntry> catalogue() {
        return catalogue;
    }

    public Optional<RuleEntry> rule(String id) {
        return catalogue.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /** Generated DRL per sheet, keyed {@code workbook › sheet}; what reviewers diff instead of binaries. */
    public Map<String, String> tableDrl() {
        return tableDrl;
    }
}
