package com.trustwatch.console;

import com.trustwatch.money.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A trust balance over time as an SVG line chart, drawn on the server (no script, no CDN): a step
 * line through the balance after each ledger entry, dates along the bottom, dollars up the side, and
 * a dashed line at the threshold when there is one. Coordinates are in SVG user units.
 *
 * @param points    the balance before the first ledger entry (dated as that entry), then after each entry,
 *                  oldest first
 * @param threshold the replenishment threshold to draw, or null
 */
public record BalanceChart(List<Point> points, BigDecimal threshold) {

    /** A balance on a date. */
    public record Point(LocalDate date, BigDecimal balance) {
    }

    /** A label at a position: {@code at} is x for the date axis, y for the dollar axis. */
    public record Tick(double at, String label) {
    }

    static final int WIDTH = 720;
    static final int HEIGHT = 260;
    static final int LEFT = 80;
    static final int RIGHT = 20;
    static final int TOP = 16;
    static final int BOTTOM = 36;

    public boolean empty() {
        return points.isEmpty();
    }

    public int width() {
        return WIDTH;
    }

    public int height() {
        return HEIGHT;
    }

    public int left() {
        return LEFT;
    }

    public int baseline() {
        return HEIGHT - BOTTOM;
    }

    public int right() {
        return WIDTH - RIGHT;
    }

    private LocalDate firstDate() {
        return points.get(0).date();
    }

    private long days() {
        return Math.max(1, ChronoUnit.DAYS.between(firstDate(), points.get(points.size() - 1).date()));
    }

    private BigDecimal max() {
        BigDecimal m = BigDecimal.ZERO;
        for (Point p : points) {
            m = m.max(p.balance());
        }
        if (threshold != null) {
            m = m.max(threshold);
        }
        return m.signum() == 0 ? BigDecimal.ONE : m;
    }

    private BigDecimal min() {
        BigDecimal m = BigDecimal.ZERO;
        for (Point p : points) {
            m = m.min(p.balance());
        }
        return m;
    }

    public double x(LocalDate d) {
        return LEFT + (double) ChronoUnit.DAYS.between(firstDate(), d) / days() * (WIDTH - LEFT - RIGHT);
    }

    /**
     * The SVG y coordinate (pixels, top down) of a balance. The amount stays BigDecimal: only its share of
     * the chart's range, rounded to six places, becomes a double, because a screen position is not money.
     */
    public double y(BigDecimal amount) {
        BigDecimal span = max().subtract(min());
        double share = amount.subtract(min()).divide(span, 6, RoundingMode.HALF_UP).doubleValue();
        return TOP + (1 - share) * (HEIGHT - TOP - BOTTOM);
    }

    /** The SVG path: a step line (a balance holds until the next entry). */
    public String path() {
        if (points.isEmpty()) {
            return "";
        }
        StringBuilder d = new StringBuilder();
        double prevY = 0;
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            double x = x(p.date());
            double y = y(p.balance());
            if (i == 0) {
                d.append(String.format("M%.1f %.1f", x, y));
            } else {
                d.append(String.format(" L%.1f %.1f L%.1f %.1f", x, prevY, x, y));
            }
            prevY = y;
        }
        if (points.size() == 1) {
            d.append(String.format(" L%d %.1f", WIDTH - RIGHT, prevY));
        }
        return d.toString();
    }

    public double thresholdY() {
        return threshold == null ? -1 : y(threshold);
    }

    public String thresholdLabel() {
        return threshold == null ? "" : "threshold " + Money.letter(threshold);
    }

    public double zeroY() {
        return y(BigDecimal.ZERO);
    }

    public List<Tick> dateTicks() {
        List<Tick> out = new ArrayList<>();
        if (points.isEmpty()) {
            return out;
        }
        LocalDate last = points.get(points.size() - 1).date();
        for (int i = 0; i <= 4; i++) {
            LocalDate d = firstDate().plusDays(Math.round(days() * i / 4.0));
            if (d.isAfter(last)) {
                d = last;
            }
            out.add(new Tick(x(d), d.toString()));
        }
        return out;
    }

    public List<Tick> amountTicks() {
        List<Tick> out = new ArrayList<>();
        if (points.isEmpty()) {
            return out;
        }
        BigDecimal lo = min();
        BigDecimal step = max().subtract(lo).divide(BigDecimal.valueOf(4), 2, RoundingMode.HALF_UP);
        for (int i = 0; i <= 4; i++) {
            BigDecimal v = lo.add(step.multiply(BigDecimal.valueOf(i)));
            out.add(new Tick(y(v), Money.letter(v.setScale(0, RoundingMode.HALF_UP))));
        }
        return out;
    }

    /** A sentence for screen readers and for anyone who prefers the figures. */
    public String summary() {
        if (points.isEmpty()) {
            return "No ledger entries yet.";
        }
        Point first = points.get(0);
        Point last = points.get(points.size() - 1);
        // the first point is the balance before the first entry, dated as that entry: "on" that date would
        // read as the balance after it
        return "Trust balance from " + Money.letter(first.balance()) + " before the ledger entry of " + first.date() + " to "
                + Money.letter(last.balance()) + " on " + last.date()
                + (threshold == null ? "" : "; threshold " + Money.letter(threshold)) + ".";
    }
}
