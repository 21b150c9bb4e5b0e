package dev.hermeticbuild.report;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.DoubleFunction;

/**
 * Inline SVG charts for the dashboard: stacked bars over time, lines over time, and horizontal
 * percentage bars. Fixed viewBox, labelled axes and a legend; no script, no external asset.
 */
final class SvgChart {

    /** One series: its name, fill colour and one value per x position (empty: no data). */
    record Series(String name, String color, List<OptionalDouble> values) {
    }

    private static final int W = 720;
    private static final int H = 260;
    private static final int LEFT = 56;
    private static final int RIGHT = 16;
    private static final int TOP = 34;
    private static final int BOTTOM = 40;

    private SvgChart() {
    }

    /** Stacked bars, one stack per x label; {@code id} lets tests find the chart. */
    static String stackedBars(String id, String title, List<String> x, List<Series> series) {
        double max = 1;
        for (int i = 0; i < x.size(); i++) {
            double sum = 0;
            for (Series s : series) {
                sum += s.values().get(i).orElse(0);
            }
            max = Math.max(max, sum);
        }
        max = 4 * Math.ceil(niceCeiling(max / 4)); // counts: four whole-number grid steps
        StringBuilder b = open(id, title);
        axes(b, max, v -> fmt(v, 0));
        double slot = (W - LEFT - RIGHT) / (double) x.size();
        double barW = Math.max(1, slot * 0.7);
        for (int i = 0; i < x.size(); i++) {
            double y = H - BOTTOM;
            for (Series s : series) {
                double v = s.values().get(i).orElse(0);
                if (v <= 0) {
                    continue;
                }
                double h = v / max * (H - TOP - BOTTOM);
                y -= h;
                b.append(String.format(Locale.ROOT,
                        "<rect class=\"bar\" data-series=\"%s\" data-x=\"%s\" data-value=\"%s\" x=\"%.1f\" y=\"%.1f\""
                                + " width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s %s: %s</title></rect>",
                        Html.esc(s.name()), Html.esc(x.get(i)), fmt(v, 0), LEFT + i * slot + (slot - barW) / 2, y,
                        barW, h, s.color(), Html.esc(x.get(i)), Html.esc(s.name()), fmt(v, 0)));
            }
        }
        xLabels(b, x, slot);
        legend(b, series);
        return b.append("</svg>").toString();
    }

    /** Lines with points, one per series; gaps where a value is empty. */
    static String lines(String id, String title, List<String> x, List<Series> series, DoubleFunction<String> unit) {
        double max = 1e-9;
        for (Series s : series) {
            for (OptionalDouble v : s.values()) {
                if (v.isPresent()) {
                    max = Math.max(max, v.getAsDouble());
                }
            }
        }
        double scale = max >= 7200 ? 3600 : max >= 120 ? 60 : 1; // grid steps in whole hours, minutes or seconds
        max = 4 * niceCeiling(max / scale / 4) * scale;
        StringBuilder b = open(id, title);
        axes(b, max, unit);
        double slot = (W - LEFT - RIGHT) / (double) x.size();
        for (Series s : series) {
            StringBuilder path = new StringBuilder();
            boolean pen = false;
            for (int i = 0; i < x.size(); i++) {
                OptionalDouble v = s.values().get(i);
                if (v.isEmpty()) {
                    pen = false;
                    continue;
                }
                double px = LEFT + i * slot + slot / 2;
                double py = H - BOTTOM - v.getAsDouble() / max * (H - TOP - BOTTOM);
                path.append(pen ? " L" : " M").append(String.format(Locale.ROOT, "%.1f %.1f", px, py));
                pen = true;
                b.append(String.format(Locale.ROOT, "<circle class=\"point\" data-series=\"%s\" cx=\"%.1f\" cy=\"%.1f\""
                                + " r=\"3.5\" fill=\"%s\"><title>%s %s: %s</title></circle>", Html.esc(s.name()), px, py,
                        s.color(), Html.esc(x.get(i)), Html.esc(s.name()), Html.esc(unit.apply(v.getAsDouble()))));
            }
            if (path.length() > 0) {
                b.append("<path class=\"line\" d=\"").append(path.toString().trim()).append("\" fill=\"none\" stroke=\"")
                        .append(s.color()).append("\" stroke-width=\"2\"/>");
            }
        }
        xLabels(b, x, slot);
        legend(b, series);
        return b.append("</svg>").toString();
    }

    /** Horizontal bars from 0 to 100 %, one per indicator; "no data" where a ratio is empty. */
    static String percentBars(String id, String title, List<String> labels, List<OptionalDouble> ratios) {
        int rowH = 30;
        int height = TOP + labels.size() * rowH + 20;
        int labelW = 200;
        double span = W - labelW - RIGHT - 60;
        StringBuilder b = new StringBuilder();
        b.append("<svg id=\"").append(id).append("\" class=\"chart\" role=\"img\" viewBox=\"0 0 ").append(W).append(' ')
                .append(height).append("\" xmlns=\"http://www.w3.org/2000/svg\"><title>").append(Html.esc(title))
                .append("</title><text x=\"8\" y=\"20\" class=\"chart-title\">").append(Html.esc(title)).append("</text>");
        for (int pct = 0; pct <= 100; pct += 25) {
            double gx = labelW + span * pct / 100;
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" class=\"grid\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">%d%%</text>",
                    gx, TOP - 4, gx, height - 18, gx, height - 4, pct));
        }
        for (int i = 0; i < labels.size(); i++) {
            int y = TOP + i * rowH;
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"label\" text-anchor=\"end\">%s</text>",
                    labelW - 8, y + 18, Html.esc(labels.get(i))));
            OptionalDouble r = ratios.get(i);
            if (r.isEmpty()) {
                b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"nodata\">no data</text>",
                        labelW + 4, y + 18));
                continue;
            }
            double v = r.getAsDouble();
            String color = v >= 0.95 ? "#1a7f37" : v >= 0.8 ? "#bf8700" : "#cf222e";
            b.append(String.format(Locale.ROOT, "<rect class=\"pct\" data-label=\"%s\" data-value=\"%.4f\" x=\"%d\" y=\"%d\""
                    + " width=\"%.1f\" height=\"20\" fill=\"%s\"/><text x=\"%.1f\" y=\"%d\" class=\"value\">%s</text>",
                    Html.esc(labels.get(i)), v, labelW, y + 4, Math.max(1, span * v), color, labelW + span * v + 6, y + 18,
                    percent(v)));
        }
        return b.append("</svg>").toString();
    }

    static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f%%", ratio * 100);
    }

    private static StringBuilder open(String id, String title) {
        StringBuilder b = new StringBuilder();
        b.append("<svg id=\"").append(id).append("\" class=\"chart\" role=\"img\" viewBox=\"0 0 ").append(W).append(' ')
                .append(H).append("\" xmlns=\"http://www.w3.org/2000/svg\"><title>").append(Html.esc(title))
                .append("</title><text x=\"8\" y=\"20\" class=\"chart-title\">").append(Html.esc(title)).append("</text>");
        return b;
    }

    private static void axes(StringBuilder b, double max, DoubleFunction<String> unit) {
        for (int i = 0; i <= 4; i++) {
            double v = max * i / 4;
            double y = H - BOTTOM - (H - TOP - BOTTOM) * i / 4.0;
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"grid\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">%s</text>",
                    LEFT, y, W - RIGHT, y, LEFT - 6, y + 4, Html.esc(unit.apply(v))));
        }
        b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"axis\"/>",
                LEFT, H - BOTTOM, W - RIGHT, H - BOTTOM));
    }

    private static void xLabels(StringBuilder b, List<String> x, double slot) {
        int every = Math.max(1, (int) Math.ceil(x.size() / 10.0));
        for (int i = 0; i < x.size(); i += every) {
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">%s</text>",
                    LEFT + i * slot + slot / 2, H - BOTTOM + 16, Html.esc(x.get(i))));
        }
    }

    private static void legend(StringBuilder b, List<Series> series) {
        int x = W - RIGHT;
        for (int i = series.size() - 1; i >= 0; i--) {
            Series s = series.get(i);
            x -= 14 + 7 * s.name().length() + 18;
            b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"10\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"21\" class=\"legend\">%s</text>", x, s.color(), x + 16, Html.esc(s.name())));
        }
    }

    private static double niceCeiling(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
