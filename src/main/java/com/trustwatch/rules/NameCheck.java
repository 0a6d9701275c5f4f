package com.trustwatch.rules;

import org.apache.poi.ss.util.CellReference;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A row's name may not contradict its cells. The name is what people read everywhere the row acts
 * (the catalogue, reasons, the audit), so a number it states must be one the row holds: every number
 * in the name must be the value of one of the row's cells (a percentage one of its percentage cells,
 * or the width of the band they bound: "within 10% above the threshold" for 100% to 110%), or the
 * tier the row names ("Tier 2" for TIER_2). A name that states 25 days while its cell holds 21 is
 * refused, naming the name's cell and the cell that holds the other value.
 */
final class NameCheck {

    /** A number as people write it in a name: 8000, 8,000, 3760.00, 25%, 60-day. */
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])(\\d{1,3}(?:,\\d{3})+|\\d+)(\\.\\d+)?(\\s*%)?");

    /** Where a problem goes: the column key it is about, and the message (cells named). */
    @FunctionalInterface
    interface Problems {
        void add(String columnKey, String message);
    }

    private NameCheck() {
    }

    static void check(TableTemplate template, TableRow row, Problems problems) {
        String name = row.name();
        if (name == null) {
            return;
        }
        List<Stated> plain = new ArrayList<>();
        List<Stated> percent = new ArrayList<>();
        Map<String, BigDecimal> percentCells = new LinkedHashMap<>();
        List<TableTemplate.Column> columns = template.columns();
        for (int c = 2; c < columns.size(); c++) {
            TableTemplate.Column column = columns.get(c);
            String value = row.values().get(column.key());
            if (value == null || TableTemplate.NONE.equals(value)) {
                continue;
            }
            String ref = ref(row, c);
            switch (column.kind()) {
                case MONEY, SIGNED_MONEY, WHOLE_NUMBER -> plain.add(new Stated(ref, column.header(), new BigDecimal(value), value));
                case TIER -> plain.add(new Stated(ref, column.header(), new BigDecimal(value.substring(value.indexOf('_') + 1)), value));
                case PERCENT -> {
                    BigDecimal p = new BigDecimal(value).movePointRight(2);
                    percent.add(new Stated(ref, column.header(), p, column.kind().display(value)));
                    percentCells.put(ref, p);
                }
                default -> {
                }
            }
        }
        // the width of a band two percentage cells bound (100% to 110% is "10% above the threshold")
        List<BigDecimal> widths = new ArrayList<>();
        List<BigDecimal> bounds = new ArrayList<>(percentCells.values());
        for (int i = 0; i < bounds.size(); i++) {
            for (int j = i + 1; j < bounds.size(); j++) {
                widths.add(bounds.get(i).subtract(bounds.get(j)).abs());
            }
        }
        List<Stated> unstatedPlain = new ArrayList<>(plain);
        List<Stated> unstatedPercent = new ArrayList<>(percent);
        List<String[]> contradictions = new ArrayList<>();
        Matcher m = NUMBER.matcher(name);
        while (m.find()) {
            BigDecimal n = new BigDecimal(m.group(1).replace(",", "") + (m.group(2) == null ? "" : m.group(2)));
            boolean isPercent = m.group(3) != null;
            List<Stated> candidates = isPercent ? percent : plain;
            Stated match = candidates.stream().filter(s -> s.value().compareTo(n) == 0).findFirst().orElse(null);
            if (match != null) {
                (isPercent ? unstatedPercent : unstatedPlain).remove(match);
                continue;
            }
            if (isPercent && widths.stream().anyMatch(w -> w.compareTo(n) == 0)) {
                continue;
            }
            contradictions.add(new String[]{m.group().strip(), isPercent ? "%" : ""});
        }
        String nameRef = ref(row, 1);
        for (String[] c : contradictions) {
            List<Stated> others = "%".equals(c[1]) ? unstatedPercent : unstatedPlain;
            String message;
            if (others.size() == 1) {
                Stated other = others.get(0);
                message = nameRef + ", " + other.ref() + ": the name of " + row.id() + " (" + nameRef + ") states " + c[0]
                        + " but '" + other.header() + "' (" + other.ref() + ") holds " + other.shown()
                        + "; make the name say what the row does, or change the cell";
            } else {
                message = nameRef + ": the name of " + row.id() + " states " + c[0] + ", which none of the row's cells holds"
                        + (others.isEmpty() ? "" : " (" + String.join(", ", others.stream()
                        .map(o -> "'" + o.header() + "' " + o.ref() + " holds " + o.shown()).toList()) + ")")
                        + "; make the name say what the row does";
            }
            problems.add("name", message);
        }
    }

    private static String ref(TableRow row, int column) {
        return new CellReference(row.sheetRow() - 1, column).formatAsString();
    }

    private record Stated(String ref, String header, BigDecimal value, String shown) {
    }
}
