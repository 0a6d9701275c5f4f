package com.trustwatch.reports;

import com.trustwatch.mail.LetterDates;
import com.trustwatch.money.Money;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The monthly email of the three reports, written from the figures {@link TrustReports} worked out
 * (the same figures the Reports pages show and the CSV downloads hold): trust-account activity of
 * the month with the overdue reconciliations, trust aging as of the day it was prepared, and
 * replenishment performance for the requests made in the month and for all on record. The plain-text
 * and HTML parts are written from the same sentences, so a reader of either misses nothing. It
 * decides nothing and says only what the figures say: an empty month says so, and aging is dated the
 * day it was prepared (the book keeps today's balances, not the month-end ones).
 */
public final class MonthlyReportLetter {

    /** How many lines of matters a section lists before it points to the attached CSV for the rest. */
    static final int LISTED = 50;

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM uuuu", Locale.US);

    /** A written letter. */
    public record Written(String subject, String text, String html) {
    }

    /** One piece of the letter: a heading, a paragraph, or a list of lines. */
    private sealed interface Block permits Heading, Paragraph, Lines {
    }

    private record Heading(String text) implements Block {
    }

    private record Paragraph(String text) implements Block {
    }

    private record Lines(List<String> lines) implements Block {
    }

    private MonthlyReportLetter() {
    }

    /**
     * @param month         the month reported on
     * @param prepared      the firm's date the letter was prepared on (trust aging and outstanding requests are as of it)
     * @param firmName      the firm, as it signs its messages
     * @param recipientName the supervisor's name, or null
     * @param files         the names of the attached CSVs, in the order of the sections
     */
    public static Written write(YearMonth month, LocalDate prepared, String firmName, String recipientName,
                                TrustReports.Activity activity, TrustReports.TrustAging aging,
                                TrustReports.Replenishment replenishment, List<String> files) {
        String monthName = MONTH.format(month);
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Paragraph(recipientName == null || recipientName.isBlank() ? "Hello," : "Dear " + recipientName.strip() + ","));
        blocks.add(new Paragraph("These are " + firmName + "'s trust reports for " + monthName + ", prepared on "
                + LetterDates.format(prepared) + ". The attached CSV files hold every line of each report; this message"
                + " gives the figures."));
        activity(blocks, monthName, activity);
        aging(blocks, month, aging);
        replenishment(blocks, month, monthName, replenishment);
        blocks.add(new Heading("Attached"));
        blocks.add(new Lines(files));
        blocks.add(new Paragraph("Sent by Trustwatch for " + firmName + ". Trustwatch never moves money: these figures"
                + " come from the trust ledger and the book as recorded in it."));
        return new Written("Trust reports for " + monthName + ", " + firmName, text(blocks), html(blocks));
    }

    private static void activity(List<Block> blocks, String monthName, TrustReports.Activity a) {
        blocks.add(new Heading("Trust-account activity, " + LetterDates.format(a.from()) + " to " + LetterDates.format(a.to())));
        if (a.matters().isEmpty()) {
            blocks.add(new Paragraph("No deposits, drawdowns or refunds were recorded in " + monthName + "."));
        } else {
            blocks.add(new Paragraph("Deposits " + Money.letter(a.deposits()) + ", drawdowns " + Money.letter(a.drawdowns())
                    + ", refunds " + Money.letter(a.refunds()) + ", on " + count(a.matters().size(), "matter") + "."));
            List<String> lines = a.matters().stream().limit(LISTED).map(m -> m.matterNumber() + " (" + m.client()
                    + "): deposits " + Money.letter(m.deposits()) + ", drawdowns " + Money.letter(m.drawdowns())
                    + ", refunds " + Money.letter(m.refunds())).toList();
            blocks.add(new Lines(more(lines, a.matters().size(), "matter", a.csvName())));
        }
        String asOf = LetterDates.format(a.asOf());
        if (a.overdue().isEmpty()) {
            blocks.add(new Paragraph("No open matter's reconciliation was overdue as of " + asOf + "."));
            return;
        }
        blocks.add(new Paragraph("Reconciliation overdue as of " + asOf + ": " + count(a.overdue().size(), "open matter")
                + ". The list is in this message only: the activity CSV holds the month's movements."));
        List<String> lines = a.overdue().stream().limit(LISTED).map(o -> o.matterNumber() + " (" + o.client() + ", "
                + o.jurisdiction() + "): " + (o.reconciledOn() == null ? "never reconciled"
                : count(o.daysSince(), "day") + " since its last reconciliation on " + LetterDates.format(o.reconciledOn()))
                + "; due every " + count(o.dueEvery(), "day")).toList();
        blocks.add(new Lines(more(lines, a.overdue().size(), "matter", null)));
    }

    private static void aging(List<Block> blocks, YearMonth month, TrustReports.TrustAging aging) {
        blocks.add(new Heading("Trust aging as of " + LetterDates.format(aging.today())));
        blocks.add(new Paragraph("Balances and runway as they stand on the day these reports were prepared, not as they"
                + " stood at the end of " + MONTH.format(month) + "."));
        if (aging.total() == 0) {
            blocks.add(new Paragraph("There are no open matters in the book."));
            return;
        }
        blocks.add(new Paragraph(count(aging.total(), "open matter") + " by runway:"));
        List<String> lines = new ArrayList<>();
        aging.byBucket().forEach((bucket, list) -> lines.add(bucket + ": " + count(list.size(), "matter")
                + (list.isEmpty() ? "" : ", holding " + Money.letter(aging.balance(bucket)))));
        blocks.add(new Lines(lines));
    }

    private static void replenishment(List<Block> blocks, YearMonth month, String monthName,
                                      TrustReports.Replenishment r) {
        blocks.add(new Heading("Replenishment performance"));
        blocks.add(new Paragraph("A request counts as paid when a deposit to its matter followed it, before the matter's"
                + " next request; paid before stage 2 means that deposit came before the follow-up went out, counted among"
                + " the requests whose outcome is known (paid, followed up, or whose low-balance episode ended without"
                + " either: a payment plan, the matter closed). Outstanding requests are those that went to the outbox"
                + " (sent, waiting, retrying or dead), are not paid and whose episode is still open; a request held for a"
                + " person, or declined, never went out and is not one."));
        List<ReplenishmentPerformance.Request> made = r.madeIn(month);
        if (made.isEmpty()) {
            blocks.add(new Paragraph("No replenishment requests were made in " + monthName + "."));
        } else {
            blocks.add(new Paragraph("Requests made in " + monthName + ": " + figures(ReplenishmentPerformance.figures(
                    monthName, made)) + "."));
            blocks.add(new Paragraph("By attorney, requests made in " + monthName + ":"));
            blocks.add(new Lines(ReplenishmentPerformance.byAttorney(made).stream()
                    .map(f -> f.group() + ": " + figures(f)).toList()));
        }
        if (r.requests().isEmpty()) {
            blocks.add(new Paragraph("No replenishment request is on record."));
            return;
        }
        blocks.add(new Paragraph("All requests on record: " + figures(r.all()) + "."));
        Map<String, Long> ages = r.outstandingByAge();
        long outstanding = ages.values().stream().mapToLong(Long::longValue).sum();
        String asOf = LetterDates.format(r.today());
        if (outstanding == 0) {
            blocks.add(new Paragraph("No request was outstanding as of " + asOf + "."));
            return;
        }
        blocks.add(new Paragraph("Outstanding as of " + asOf + ": " + count(outstanding, "request") + ", by age:"));
        List<String> lines = new ArrayList<>();
        ages.forEach((age, n) -> lines.add(age + ": " + n));
        blocks.add(new Lines(lines));
    }

    /** "5 requests, 4 sent, 3 paid; 6.0 days on average and 5 at the median from request to deposit; 40% paid before stage 2". */
    static String figures(ReplenishmentPerformance.Figures f) {
        return count(f.requests(), "request") + ", " + f.sent() + " sent, " + f.paid() + " paid"
                + (f.paid() == 0 ? "; none paid yet"
                : "; " + f.averageDays() + " days on average and " + f.medianDays() + " at the median from request to deposit")
                + ("—".equals(f.paidBeforeStage2()) ? "; too early to say how many were paid before stage 2"
                : "; " + f.paidBeforeStage2() + " paid before stage 2");
    }

    private static List<String> more(List<String> lines, int total, String noun, String csv) {
        if (total <= lines.size()) {
            return lines;
        }
        List<String> out = new ArrayList<>(lines);
        int rest = total - lines.size();
        out.add("and " + rest + " more " + noun + (rest == 1 ? "" : "s") + (csv == null ? ", on the console's report page"
                : ", in " + csv));
        return out;
    }

    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String text(List<Block> blocks) {
        StringBuilder out = new StringBuilder();
        for (Block b : blocks) {
            if (b instanceof Heading h) {
                out.append('\n').append(h.text()).append('\n').append("-".repeat(h.text().length())).append("\n\n");
            } else if (b instanceof Paragraph p) {
                out.append(p.text()).append("\n\n");
            } else if (b instanceof Lines l) {
                l.lines().forEach(line -> out.append("  - ").append(line).append('\n'));
                out.append('\n');
            }
        }
        return out.toString().stripTrailing() + "\n";
    }

    private static String html(List<Block> blocks) {
        StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><body style=\"font-family: sans-serif\">\n");
        for (Block b : blocks) {
            if (b instanceof Heading h) {
                out.append("<h2>").append(escape(h.text())).append("</h2>\n");
            } else if (b instanceof Paragraph p) {
                out.append("<p>").append(escape(p.text())).append("</p>\n");
            } else if (b instanceof Lines l) {
                out.append("<ul>\n");
                l.lines().forEach(line -> out.append("<li>").append(escape(line)).append("</li>\n"));
                out.append("</ul>\n");
            }
        }
        return out.append("</body></html>\n").toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
