package com.trustwatch.rules;

import com.trustwatch.decision.DeliveryChannels;
import com.trustwatch.decision.Obligations;
import org.kie.api.KieBase;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One compiled ruleset version: the KieBase built once from the DRL files and decision tables,
 * its version (a digest of every input, so two replicas with the same files agree), the rule
 * catalogue, the DRL text each spreadsheet compiled to, the jurisdictions' obligation rows, and the
 * delivery channels in use (both inserted into every session as facts).
 */
public final class Ruleset {

    private final String version;
    private final KieBase kieBase;
    private final List<RuleEntry> catalogue;
    private final Map<String, String> tableDrl;
    private final Map<String, String> citations = new java.util.HashMap<>();

    private final List<PackSignoff> packs;
    private final Obligations obligations;
    private final DeliveryChannels channels;

    Ruleset(String version, KieBase kieBase, List<RuleEntry> catalogue, Map<String, String> tableDrl,
            List<PackSignoff> packs, Obligations obligations) {
        this(version, kieBase, catalogue, tableDrl, packs, obligations, DeliveryChannels.EMAIL_ONLY);
    }

    private Ruleset(String version, KieBase kieBase, List<RuleEntry> catalogue, Map<String, String> tableDrl,
                    List<PackSignoff> packs, Obligations obligations, DeliveryChannels channels) {
        this.obligations = obligations;
        this.channels = channels;
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

    /**
     * The same ruleset (same KieBase, same version) with {@code inUse} as the delivery channels its
     * sessions see. Channels are a setting of the running service, not part of the ruleset's version.
     */
    public Ruleset withChannels(DeliveryChannels inUse) {
        return new Ruleset(version, kieBase, catalogue, tableDrl, packs, obligations, inUse);
    }

    /** Every jurisdiction's obligation rows, from the packs' tables. */
    public Obligations obligations() {
        return obligations;
    }

    /** The delivery channels in use, as the rules see them (email only unless SMS is switched on). */
    public DeliveryChannels channels() {
        return channels;
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
