package com.trustwatch.rules;

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

    static final String REGENERATE = "mvn test -Dtest=RuleCatalogueDocTest -Dtrustwatch.writeDocs=true";

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

    /** The page for a ruleset: its catalogue, with each compliance pack's sign-off status. */
    public static String render(Ruleset ruleset) {
        return render(ruleset.catalogue(), ruleset.packs());
    }

    public static String render(List<RuleEntry> catalogue) {
        return render(catalogue, List.of());
    }

    public static String render(List<RuleEntry> catalogue, List<PackSignoff> signoffs) {
        Map<String, List<RuleEntry>> packs = group(catalogue, e -> !isTableRow(e) && hasLegalMetadata(e));
        Map<String, List<RuleEntry>> tables = group(catalogue, CatalogueMarkdown::isTableRow);
        Map<String, List<RuleEntry>> otherDrl = new LinkedHashMap<>(group(catalogue, e -> !isTableRow(e)));
        otherDrl.keySet().removeAll(packs.keySet());

        StringBuilder md = new StringBuilder();
        md.append("# Rule catalogue\n\n")
          .append("Every rule the shipped ruleset holds: the DRL rule packs and each decision-table row, with the\n")
          .append("stable id that travels into every action and audit entry. Generated from the ruleset; do not edit\n")
          .append("by hand. After changing a rule or a table, regenerate it with\n")
          .append("`").append(REGENERATE).append("`.\n\n")
          .append("- **Jurisdiction**: `ALL` rules apply to every matter; `ABA` rules apply to matters in ABA and in any\n")
          .append("  jurisdiction without a pack of its own; a state pack (`US-CA`, ...) applies to that state only.\n")
          .append("- **Severity**: CRITICAL likely misappropriation; HIGH contradicts rule text; MEDIUM a presumption or\n")
          .append("  guidance; LOW best practice or a data-quality item.\n")
          .append("- **Confidence**: `verified` when the primary rule text or an official page was seen; `unverified`\n")
          .append("  when the source is secondary or only partly seen: check it before relying on the rule.\n")
          .append("- **Note**: where a number of days is a product default rather than law, and what the data cannot show.\n");

        md.append("- **Sign-off**: whether ethics counsel signed off the pack's current text (its SHA-256); see\n")
          .append("  docs/ethics-counsel.md.\n");
        md.append("\n## Compliance packs\n");
        packs.forEach((source, rules) -> {
            String jurisdictions = rules.stream().map(RuleEntry::jurisdiction).filter(Objects::nonNull)
                    .distinct().sorted().collect(Collectors.joining(", "));
            md.append("\n### ").append(jurisdictions).append(" — `").append(source).append("` (")
              .append(count(rules)).append(")\n\n");
            signoffs.stream().filter(p -> source.equals("rules/compliance/" + p.pack())).findFirst()
                    .ifPresent(p -> md.append(signoffLine(p)).append("\n\n"));
            table(md, List.of("Id", "Rule", "Code", "Severity", "Confidence", "Citation", "Note"),
                    sorted(rules, Comparator.comparing(RuleEntry::id)), e -> cells(e.id(), e.name(), e.code(),
                            e.severity(), e.confidence(), e.citation(), e.note()));
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
