package se.bidragskoll.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The steering group's charts as SVG rendered on the server: no script, no library, nothing fetched
 * from elsewhere. Every bar and mark carries a {@code <title>} with its exact value.
 */
final class Charts {

    /**
     * One bar: what it is, how much, the value as people read it, and where a click on it leads (the
     * queue filtered to it; none when {@code href} is null).
     */
    record Bar(String label, BigDecimal value, String text, String href) {

        Bar(String label, BigDecimal value, String text) {
            this(label, value, text, null);
        }
    }

    /** One deadline: when, and what falls due. */
    record Deadline(LocalDate due, String label) {
    }

    private static final int WIDTH = 600;
    private static final int LABEL = 230;
    private static final int ROW = 24;

    private Charts() {
    }

    /** Horizontal bars, longest first as given; empty when there is nothing to show. */
    static String bars(String id, String title, List<Bar> bars) {
        if (bars.isEmpty()) {
            return "";
        }
        BigDecimal max = bars.stream().map(Bar::value).max(BigDecimal::compareTo).orElse(BigDecimal.ONE);
        if (max.signum() <= 0) {
            max = BigDecimal.ONE;
        }
        int height = bars.size() * ROW + 8;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg id=\"").append(id).append("\" class=\"chart\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(WIDTH).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(height).append("\"><title>").append(escape(title)).append("</title>");
        int room = WIDTH - LABEL - 130; // room after the longest bar for "121 843 151,00 kr"
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = 4 + i * ROW;
            int length = Math.max(1, bar.value().multiply(BigDecimal.valueOf(room)).divide(max, 0, RoundingMode.HALF_UP).intValue());
            if (bar.href() != null) {
                svg.append("<a href=\"").append(escape(bar.href())).append("\">");
            }
            svg.append("<g class=\"bar\"><title>").append(escape(bar.label())).append(": ").append(escape(bar.text()))
                    .append("</title>")
                    .append("<text x=\"").append(LABEL - 6).append("\" y=\"").append(y + 15)
                    .append("\" text-anchor=\"end\" font-size=\"11\">").append(escape(abbreviate(bar.label(), 34))).append("</text>")
                    .append("<rect x=\"").append(LABEL).append("\" y=\"").append(y + 3).append("\" width=\"").append(length)
                    .append("\" height=\"").append(ROW - 8).append("\" fill=\"#0b3d62\"/>")
                    .append("<text x=\"").append(LABEL + length + 6).append("\" y=\"").append(y + 15)
                    .append("\" font-size=\"12\">").append(escape(bar.text())).append("</text></g>");
            if (bar.href() != null) {
                svg.append("</a>");
            }
        }
        return svg.append("</svg>").toString();
    }

    /**
     * Columns over time, oldest first (a month each): the height is the value, the label below, the exact
     * value in each column's title and above it; a column with an {@code href} leads there.
     */
    static String columns(String id, String title, List<Bar> columns) {
        if (columns.isEmpty() || columns.stream().allMatch(c -> c.value().signum() == 0)) {
            return "";
        }
        BigDecimal max = columns.stream().map(Bar::value).max(BigDecimal::compareTo).orElse(BigDecimal.ONE);
        if (max.signum() <= 0) {
            max = BigDecimal.ONE;
        }
        int top = 22;
        int room = 120;
        int height = top + room + 24;
        int step = (WIDTH - 20) / columns.size();
        StringBuilder svg = new StringBuilder();
        svg.append("<svg id=\"").append(id).append("\" class=\"chart\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(WIDTH).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(height).append("\"><title>").append(escape(title)).append("</title>")
                .append("<line x1=\"10\" y1=\"").append(top + room).append("\" x2=\"").append(WIDTH - 10).append("\" y2=\"")
                .append(top + room).append("\" stroke=\"#57606a\"/>");
        for (int i = 0; i < columns.size(); i++) {
            Bar c = columns.get(i);
            int length = c.value().signum() <= 0 ? 0
                    : Math.max(1, c.value().multiply(BigDecimal.valueOf(room)).divide(max, 0, RoundingMode.HALF_UP).intValue());
            int x = 10 + i * step + step / 6;
            int w = Math.max(4, step * 2 / 3);
            if (c.href() != null) {
                svg.append("<a href=\"").append(escape(c.href())).append("\">");
            }
            svg.append("<g class=\"column\"><title>").append(escape(c.label())).append(": ").append(escape(c.text()))
                    .append("</title><rect x=\"").append(x).append("\" y=\"").append(top + room - length).append("\" width=\"")
                    .append(w).append("\" height=\"").append(length).append("\" fill=\"#0b3d62\"/>")
                    .append("<text x=\"").append(x + w / 2).append("\" y=\"").append(top + room + 16)
                    .append("\" text-anchor=\"middle\" font-size=\"10\">").append(escape(c.label())).append("</text>");
            if (i == columns.size() - 1 || c.value().compareTo(max) == 0) {
                svg.append("<text x=\"").append(x + w / 2).append("\" y=\"").append(top + room - length - 5)
                        .append("\" text-anchor=\"middle\" font-size=\"10\">").append(escape(c.text())).append("</text>");
            }
            svg.append("</g>");
            if (c.href() != null) {
                svg.append("</a>");
            }
        }
        return svg.append("</svg>").toString();
    }

    /** A 90-day time line from today with a mark per deadline, stacked when several fall on one day. */
    static String timeline(String id, String title, LocalDate today, int days, List<Deadline> deadlines,
                           String todayText, String daysText) {
        if (deadlines.isEmpty()) {
            return "";
        }
        int left = 20;
        int right = WIDTH - 20;
        int axis = 30;
        java.util.Map<LocalDate, Integer> stacked = new java.util.HashMap<>();
        StringBuilder marks = new StringBuilder();
        int maxStack = 0;
        for (Deadline d : deadlines) {
            long offset = ChronoUnit.DAYS.between(today, d.due());
            int x = left + (int) (offset * (right - left) / days);
            int level = stacked.merge(d.due(), 1, Integer::sum) - 1;
            maxStack = Math.max(maxStack, level);
            marks.append("<g class=\"deadline\"><title>").append(d.due()).append(": ").append(escape(d.label()))
                    .append("</title><circle cx=\"").append(x).append("\" cy=\"").append(axis + 14 + level * 12)
                    .append("\" r=\"5\" fill=\"#b42318\"/></g>");
        }
        int height = axis + 30 + maxStack * 12;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg id=\"").append(id).append("\" class=\"chart\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(WIDTH).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(height).append("\"><title>").append(escape(title)).append("</title>")
                .append("<line x1=\"").append(left).append("\" y1=\"").append(axis).append("\" x2=\"").append(right)
                .append("\" y2=\"").append(axis).append("\" stroke=\"#57606a\"/>");
        for (int tick = 0; tick <= days; tick += 30) {
            int x = left + tick * (right - left) / days;
            svg.append("<line x1=\"").append(x).append("\" y1=\"").append(axis - 4).append("\" x2=\"").append(x)
                    .append("\" y2=\"").append(axis + 4).append("\" stroke=\"#57606a\"/>")
                    .append("<text x=\"").append(x).append("\" y=\"").append(axis - 10)
                    .append("\" text-anchor=\"middle\" font-size=\"11\">")
                    .append(tick == 0 ? escape(todayText) : "+" + tick + " " + escape(daysText)).append("</text>");
        }
        return svg.append(marks).append("</svg>").toString();
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
