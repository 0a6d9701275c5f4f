package com.trustwatch.console;

import java.util.ArrayList;
import java.util.List;

/** A horizontal bar chart drawn on the server as SVG: one labelled bar per row, scaled to the largest. */
public record Bars(List<Bar> bars, int width, int height) {

    /** One bar: its label, its value and the text printed after it, in SVG user units. */
    public record Bar(String label, double y, double width, String text) {
    }

    static final int LEFT = 170;
    static final int ROW = 26;
    static final int CHART_WIDTH = 420;

    static Bars of(List<String> labels, List<Long> values, List<String> texts) {
        long max = Math.max(1, values.stream().mapToLong(Long::longValue).max().orElse(1));
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            bars.add(new Bar(labels.get(i), 8 + i * ROW, (double) values.get(i) / max * CHART_WIDTH, texts.get(i)));
        }
        return new Bars(bars, LEFT + CHART_WIDTH + 160, 16 + labels.size() * ROW);
    }

    public int left() {
        return LEFT;
    }
}
