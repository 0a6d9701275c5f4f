package com.trustwatch.console;

import com.trustwatch.decision.Band;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Matters per band before and after a change, as an SVG bar chart drawn on the server: for each band
 * a pale bar (before) and a dark bar (after), each labelled with its count.
 */
public record BandBars(List<Bar> bars, int width, int height) {

    /** One band's two bars, in SVG user units. */
    public record Bar(String name, int before, int after, double y, double beforeWidth, double afterWidth) {
    }

    static final int LEFT = 90;
    static final int BAR = 14;
    static final int GROUP = 44;
    static final int CHART_WIDTH = 420;

    static BandBars of(Map<String, Integer> before, Map<String, Integer> after) {
        int max = 1;
        for (Band b : Band.values()) {
            max = Math.max(max, Math.max(before.getOrDefault(b.name(), 0), after.getOrDefault(b.name(), 0)));
        }
        List<Bar> bars = new ArrayList<>();
        int i = 0;
        for (Band b : Band.values()) {
            int x = before.getOrDefault(b.name(), 0);
            int y = after.getOrDefault(b.name(), 0);
            bars.add(new Bar(b.name(), x, y, 10 + i * GROUP, (double) x / max * CHART_WIDTH, (double) y / max * CHART_WIDTH));
            i++;
        }
        return new BandBars(bars, LEFT + CHART_WIDTH + 130, 20 + Band.values().length * GROUP);
    }

    public int left() {
        return LEFT;
    }

    public int bar() {
        return BAR;
    }
}
