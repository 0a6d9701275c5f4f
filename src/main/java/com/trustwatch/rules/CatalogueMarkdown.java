package com.trustwatch.rules;

import com.trustwatch.decision.Obligation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The rule catalogue as a Markdown page for ethics counsel and billing managers: one table per
 * compliance pack (the DRL files whose rules carry legal metadata), then the decision-table rows by
 * workbook and sheet, then the other DRL rules. Rendered from the catalogue itself, so the page in
 * docs/ cannot drift from the rules (RuleCatalogueDocTest compares them); the HTTP layer can serve it too.
 */
public final class CatalogueMarkdown {

    static final String REGENERATE = "mvn -B -ntp -Pwrite-docs test";

    private CatalogueMarkdown() {
    }

    private static String signoffLine(PackSignoff p) {
        String digest = "`" + p.sha256().substring(0, 16) + "…`";
        return switch (p.status()) {
            case PackSignoff.SIGNED_OFF -> "Sign-off: **signed off** by " + p.reviewer() + " on " + p.signedOn()
                    + " (text " + digest + ")" + (p.note() == null || p.note().isBlank() ? "" : ": " + p.note());
            case PackSignoff.CHANGED -> "Sign-off: **changed since the sign-off** by " + p.reviewer() + " on "
                    + p.signedOn() + "; the current text " + digest + " awaits review.";
            default -> "Sign-off: **not signed off**; current text " + digest + ".";
        };
    }

    /** The page for a ruleset: its catalogue, with each compliance pack's obligations and sign-off status. */
    public static String render(Ruleset ruleset) {
        return render(ruleset.catalogue(), ruleset.packs(), ruleset.obligations().all());
    }

    public static String render(List<RuleEntry> catalogue) {
        return render(catalogue, List.of(), List.of());
    }

    public static String render(List<RuleEntry> catalogue, List<PackSignoff> signoffs, List<Obligation> obligations) {
        Map<String, List<RuleEntry>> packs = new TreeMap<>(group(catalogue, e -> !isTableRow(e) && hasLegalMetadata(e)));
        signoffs.forEach(p -> packs.putIfAbsent("rules/compliance/" + p.pack(), List.of()));
        Map<String, List<RuleEntry>> tables = group(catalogue, CatalogueMarkdown::isTableRow);
        Map<String, List<RuleEntry>> otherDrl = new LinkedHashMap<>(group(catalogue, e -> !isTableRow(e)));
        otherDrl.keySet().removeAll(packs.keySet());
        Map<String, String> readBy = new TreeMap<>();
        catalogue.stream().filter(e -> e.table() != null).forEach(e -> readBy.merge(e.table(), e.id(), (a, b) -> a + ", " + b));

        StringBuilder md = new StringBuilder();
        md.append("# Rule catalogue\n\n")
          .append("Every rule the shipped ruleset holds: the DRL rule packs with the obligations each jurisdiction's\n")
          .append("pack states as data, and each decision-table row, with the stable id that travels into every action\n")
          .append("and audit entry. Generated from the ruleset; do not edit by hand. After changing a rule, a pack's\n")
          .append("obligations table or a decision table, regenerate it with\n")
          .append("`").append(REGENERATE).append("`.\n\n")
          .append("- **Jurisdiction**: `ALL` rules apply to every matter; `ABA` rules apply to matters in ABA and in any\n")
          .append("  jurisdiction without a pack of its own; a state pack (`US-CA`, ...) applies to that state only.\n")
          .append("- **Obligations**: rows a pack states as data in its `.obligations.csv` file (reconciliation period,\n")
          .append("  notice on receipt, negative-ledger citation, record retention); one rule of the common pack reads\n")
          .append("  the row of the matter's own pack, so the flag cites that jurisdiction. The rows are part of the\n")
          .append("  pack and of its sign-off.\n")
          .append("- **Severity**: CRITICAL likely misappropriation; HIGH contradicts rule text; MEDIUM a presumption or\n")
          .append("  guidance; LOW best practice, a review or data-quality item, or firm policy.\n")
          .append("- **Confidence**: `verified` when the primary text (the rule on the court's or bar's own site, the\n")
          .append("  opinion, the regulation) was read; `secondary` when it was read only in a reproduction, a summary\n")
          .append("  or a secondary source; `unverified` when no text stating it was read; `policy` for the firm's own\n")
          .append("  billing policy, which cites no rule. Check anything not `verified` before relying on it.\n")
          .append("- **Source**: where the cited text can be read.\n")
          .append("- **Note**: where a number of days is a product default rather than law, and what the data cannot show.\n");

        md.append("- **Sign-off**: whether ethics counsel signed off the pack's current text (the SHA-256 of its DRL file\n")
          .append("  and its obligations table); see docs/ethics-counsel.md.\n");
        md.append("\n## Compliance packs\n");
        packs.forEach((source, rules) -> {
            List<Obligation> rows = obligations.stream()
                    .filter(o -> o.file().equals(source.replace(".drl", ObligationTables.SUFFIX))).toList();
            String jurisdictions = java.util.stream.Stream.concat(rules.stream().map(RuleEntry::jurisdiction),
                            rows.stream().map(Obligation::jurisdiction)).filter(Objects::nonNull)
                    .distinct().sorted().collect(Collectors.joining(", "));
            md.append("\n### ").append(jurisdictions).append(" — `").append(source).append("`");
            if (!rows.isEmpty()) {
                md.append(" and `").append(rows.get(0).file()).append("`");
            }
            md.append(" (").append(count(rules)).append(rows.isEmpty() ? "" : ", " + rows.size() + " obligations")
              .append(")\n\n");
            signoffs.stream().filter(p -> source.equals("rules/compliance/" + p.pack())).findFirst()
                    .ifPresent(p -> md.append(signoffLine(p)).append("\n\n"));
            if (!rules.isEmpty()) {
                table(md, List.of("Id", "Rule", "Code", "Severity", "Confidence", "Citation", "Source", "Note"),
                        sorted(rules, Comparator.comparing(RuleEntry::id)), e -> cells(e.id(), e.name(), e.code(),
                                e.table() != null && e.severity() == null ? "per jurisdiction" : e.severity(),
                                e.table() != null ? "per jurisdiction" : e.confidence(),
                                citationCell(e), links(e.sourceUrl()), e.note()));
            } else {
                md.append("No rule of its own: this pack's obligations are all rows of its table.\n");
            }
            if (!rows.isEmpty()) {
                md.append("\nObligations this pack states as data:\n\n");
                tableOf(md, List.of("Obligation", "Read by", "Period", "Severity", "Confidence", "Citation", "Source",
                                "The flag says", "Note"), rows,
                        o -> cells(o.kind().label(),
                                o.kind() == Obligation.Kind.RECORD_RETENTION ? "the matter view (retain records until)"
                                        : readBy.get(o.kind().label()),
                                period(o), o.severity() == null ? null : o.severity().name(), o.confidence(),
                                o.citation(), links(o.source()), o.says(), o.note()));
            }
        });

        md.append("\n## Decision tables\n");
        tables.forEach((source, rows) -> {
            Map<String, List<RuleEntry>> bySheet = rows.stream().collect(Collectors.groupingBy(
                    e -> e.sheet() == null ? "" : e.sheet(), TreeMap::new, Collectors.toList()));
            bySheet.forEach((sheet, sheetRows) -> {
                md.append("\n### `").append(source).append("` › ").append(sheet).append(" (")
                  .append(count(sheetRows)).append(")\n\n");
                table(md, List.of("Id", "Row", "Rule"),
                        sorted(sheetRows, Comparator.comparing(RuleEntry::row, Comparator.nullsLast(Integer::compare))
                                .thenComparing(RuleEntry::id)),
                        e -> cells(e.id(), e.row() == null ? null : e.row().toString(), e.name()));
            });
        });

        md.append("\n## Other DRL rules\n");
        otherDrl.forEach((source, rules) -> {
            md.append("\n### `").append(source).append("` (").append(count(rules)).append(")\n\n");
            table(md, List.of("Id", "Rule"), sorted(rules, Comparator.comparing(RuleEntry::id)),
                    e -> cells(e.id(), e.name()));
        });
        return md.toString();
    }

    private static String citationCell(RuleEntry e) {
        if (e.policy() != null) {
            return "Firm policy, not a rule: " + e.policy();
        }
        if (e.table() != null && e.citation() == null) {
            return "per jurisdiction: the " + e.table() + " row of the matter's pack";
        }
        return e.citation();
    }

    private static String period(Obligation o) {
        if (o.afterDays() != null) {
            return "more than " + o.afterDays() + " days" + (o.untilDays() == null ? "" : ", up to " + o.untilDays());
        }
        return o.years() == null ? null : o.years() + " years";
    }

    /** Markdown links, one per URL, each named by its host ("courts.wa.gov"). */
    static String links(String urls) {
        if (urls == null || urls.isBlank()) {
            return null;
        }
        return Arrays.stream(urls.trim().split("\\s+")).map(u -> {
            String host = u.replaceFirst("^https?://", "").replaceFirst("^www\\.", "");
            int slash = host.indexOf('/');
            return "[" + (slash < 0 ? host : host.substring(0, slash)) + "](" + u + ")";
        }).collect(Collectors.joining(" "));
    }

    private static <T> void tableOf(StringBuilder md, List<String> headers, List<T> rows, Function<T, List<String>> cells) {
        md.append("| ").append(String.join(" | ", headers)).append(" |\n");
        md.append("|").append("---|".repeat(headers.size())).append("\n");
        for (T row : rows) {
            md.append("| ").append(cells.apply(row).stream().map(CatalogueMarkdown::cell)
                    .collect(Collectors.joining(" | "))).append(" |\n");
        }
    }

    private static boolean isTableRow(RuleEntry e) {
        return e.sheet() != null;
    }

    private static boolean hasLegalMetadata(RuleEntry e) {
        return e.jurisdiction() != null || e.citation() != null;
    }

    /** Entries that pass {@code filter}, by source, sources in alphabetical order. */
    private static Map<String, List<RuleEntry>> group(List<RuleEntry> catalogue, Predicate<RuleEntry> filter) {
        return catalogue.stream().filter(filter).collect(Collectors.groupingBy(
                e -> e.source() == null ? "(unknown source)" : e.source(), TreeMap::new, Collectors.toList()));
    }

    private static List<RuleEntry> sorted(List<RuleEntry> entries, Comparator<RuleEntry> order) {
        List<RuleEntry> copy = new ArrayList<>(entries);
        copy.sort(order);
        return copy;
    }

    /** One row's cell values; null means unknown and renders empty. */
    private static List<String> cells(String... values) {
        return Arrays.asList(values);
    }

    private static String count(List<RuleEntry> entries) {
        return entries.size() + (entries.size() == 1 ? " rule" : " rules");
    }

    private static void table(StringBuilder md, List<String> headers, List<RuleEntry> rows,
                              Function<RuleEntry, List<String>> cells) {
        md.append("| ").append(String.join(" | ", headers)).append(" |\n");
        md.append("|").append("---|".repeat(headers.size())).append("\n");
        for (RuleEntry row : rows) {
            md.append("| ").append(cells.apply(row).stream().map(CatalogueMarkdown::cell)
                    .collect(Collectors.joining(" | "))).append(" |\n");
        }
    }

    /** A table cell: empty for an unknown value, pipes escaped, on one line. */
    private static String cell(String value) {
        return value == null ? "" : value.replace("\\", "\\\\").replace("|", "\\|").replaceAll("\\s*\\R\\s*", " ");
    }
}
