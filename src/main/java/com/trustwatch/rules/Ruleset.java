package com.trustwatch.rules;

import com.trustwatch.decision.DeliveryChannels;
import com.trustwatch.decision.Obligations;
import org.kie.api.KieBase;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One compiled ruleset version: the KieBase built once from the DRL files and decision tables, its
 * fingerprint (a digest of every input: DRL files, rule templates, obligations tables and workbooks,
 * so two replicas with the same inputs agree), its version as evaluations and actions record it, the
 * rule catalogue, the DRL text each spreadsheet compiled to, the jurisdictions' obligation rows, and
 * the delivery channels in use (both inserted into every session as facts).
 */
public final class Ruleset {

    private final String fingerprint;
    private final String version;
    private final KieBase kieBase;
    private final List<RuleEntry> catalogue;
    private final Map<String, String> tableDrl;
    private final Map<String, String> citations = new java.util.HashMap<>();
    /** Rule name to citation (empty: cites nothing), filled as names are asked for; sessions run in parallel. */
    private final Map<String, java.util.Optional<String>> citationsByName = new java.util.concurrent.ConcurrentHashMap<>();

    private final List<PackSignoff> packs;
    private final Obligations obligations;
    private final DeliveryChannels channels;

    Ruleset(String version, KieBase kieBase, List<RuleEntry> catalogue, Map<String, String> tableDrl,
            List<PackSignoff> packs, Obligations obligations) {
        this(version, version, kieBase, catalogue, tableDrl, packs, obligations, DeliveryChannels.EMAIL_ONLY);
    }

    private Ruleset(String fingerprint, String version, KieBase kieBase, List<RuleEntry> catalogue,
                    Map<String, String> tableDrl, List<PackSignoff> packs, Obligations obligations,
                    DeliveryChannels channels) {
        this.fingerprint = fingerprint;
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
        return new Ruleset(fingerprint, version, kieBase, catalogue, tableDrl, packs, obligations, inUse);
    }

    /**
     * The same compiled rules as ruleset version {@code number} of the database: its version reads
     * {@code v<number>-<fingerprint>}, so every evaluation and action records both the version a person
     * approved and exactly which rule files and workbooks it ran with.
     */
    public Ruleset numbered(int number) {
        return new Ruleset(fingerprint, "v" + number + "-" + fingerprint, kieBase, catalogue, tableDrl, packs,
                obligations, channels);
    }

    /** The digest of every input (DRL files, rule templates, obligations tables, workbooks): 12 hex digits. */
    public String fingerprint() {
        return fingerprint;
    }

    /** The number of the database version, or 0 for a ruleset built from folders only. */
    public int number() {
        return version.startsWith("v") ? Integer.parseInt(version.substring(1, version.indexOf('-'))) : 0;
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

    /**
     * The citation of the rule named {@code ruleName} (its id is the name's first word, as
     * {@code ActionProposal.ruleId()} reads it), or null when the rule cites nothing. Each name is looked
     * up once: a proposal carries its rule's name, the same string for every proposal of that rule, so
     * the id is not cut out of it again for every proposal.
     */
    public String citationOfRuleNamed(String ruleName) {
        return citationsByName.computeIfAbsent(ruleName, name -> {
            int space = name.indexOf(' ');
            return java.util.Optional.ofNullable(citations.get(space < 0 ? name : name.substring(0, space)));
        }).orElse(null);
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
