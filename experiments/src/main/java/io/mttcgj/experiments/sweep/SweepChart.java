package io.mttcgj.experiments.sweep;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * sweep.png: two panels against the vCPU count, speedup (with the min-max range of the runs as error bars
 * and the ideal line) and efficiency, one line per series and thread mode. Drawn with Java2D, headless.
 */
public final class SweepChart {
    public static final int WIDTH = 1400;
    public static final int HEIGHT = 700;
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b)};
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 22);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 17);
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
    private static final Stroke DASHED = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {8f, 6f}, 0f);

    private SweepChart() {
    }

    public static void write(Path file, List<Summary> rows, String title, String subtitle) throws IOException {
        ImageIO.write(render(rows, title, subtitle), "png", file.toFile());
    }

    public static BufferedImage render(List<Summary> rows, String title, String subtitle) {
        System.setProperty("java.awt.headless", "true");
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(Color.BLACK);
            g.setFont(TITLE);
            centered(g, title, WIDTH / 2, 32);
            g.setFont(TICK);
            centered(g, subtitle, WIDTH / 2, 56);

            Map<String, List<Summary>> lines = new LinkedHashMap<>();
            int maxVcpus = 1;
            for (Summary s : rows) {
                lines.computeIfAbsent(s.point().line(), k -> new ArrayList<>()).add(s);
                maxVcpus = Math.max(maxVcpus, s.point().vcpus());
            }
            List<Integer> xs = rows.stream().map(s -> s.point().vcpus()).distinct().sorted().toList();
            int top = 100;
            int bottom = HEIGHT - 115;
            int half = WIDTH / 2;
            double speedMax = Math.max(maxVcpus, rows.stream().mapToDouble(Summary::speedupHigh)
                    .filter(Double::isFinite).max().orElse(1));
            double effMax = Math.max(100, rows.stream().mapToDouble(s -> 100 * s.efficiency())
                    .filter(Double::isFinite).max().orElse(100));
            panel(g, new Rect(95, top, half - 95 - 30, bottom - top), "Speedup", "speedup vs 1 vCPU (×)",
                    xs, maxVcpus, speedMax * 1.08, lines, Summary::speedup, true, 1.0);
            panel(g, new Rect(half + 95, top, half - 95 - 30, bottom - top), "Efficiency",
                    "efficiency = speedup / vCPUs (%)", xs, maxVcpus, effMax * 1.08, lines,
                    s -> 100 * s.efficiency(), false, 0.0);
            legend(g, new ArrayList<>(lines.keySet()), HEIGHT - 18);
        } finally {
            g.dispose();
        }
        return img;
    }

    private record Rect(int x, int y, int w, int h) {
    }

    /**
     * One panel; {@code idealSlope} 1 draws y = x (ideal speedup), 0 draws y = 100 (ideal efficiency).
     */
    private static void panel(Graphics2D g, Rect r, String title, String yLabel, List<Integer> xs, int maxX,
                              double maxY, Map<String, List<Summary>> lines, ToDoubleFunction<Summary> y,
                              boolean errorBars, double idealSlope) {
        double xMin = 0.5;
        double xMax = maxX + 0.5;
        double step = niceStep(maxY / 6);
        double yMax = Math.ceil(maxY / step) * step;
        java.util.function.DoubleUnaryOperator px = v -> r.x() + (v - xMin) / (xMax - xMin) * r.w();
        java.util.function.DoubleUnaryOperator py = v -> r.y() + r.h() - v / yMax * r.h();

        g.setFont(TICK);
        FontMetrics fm = g.getFontMetrics();
        for (double v = 0; v <= yMax + step / 2; v += step) { // horizontal grid and y ticks
            int yy = (int) Math.round(py.applyAsDouble(v));
            g.setColor(new Color(0xe6e6e6));
            g.drawLine(r.x(), yy, r.x() + r.w(), yy);
            g.setColor(Color.BLACK);
            String t = step < 1 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.0f", v);
            g.drawString(t, r.x() - 8 - fm.stringWidth(t), yy + fm.getAscent() / 2 - 1);
        }
        for (int x : xs) {
            int xx = (int) Math.round(px.applyAsDouble(x));
            g.setColor(new Color(0xe6e6e6));
            g.drawLine(xx, r.y(), xx, r.y() + r.h());
            g.setColor(Color.BLACK);
            centered(g, Integer.toString(x), xx, r.y() + r.h() + 6 + fm.getAscent());
        }
        g.setColor(Color.BLACK);
        g.drawRect(r.x(), r.y(), r.w(), r.h());

        g.setColor(Color.GRAY); // ideal scaling
        g.setStroke(DASHED);
        double idealEnd = idealSlope > 0 ? Math.min(xMax, yMax) : xMax;
        g.drawLine((int) px.applyAsDouble(idealSlope > 0 ? 0.5 : xMin), (int) py.applyAsDouble(idealSlope > 0 ? 0.5 : 100),
                (int) px.applyAsDouble(idealEnd), (int) py.applyAsDouble(idealSlope > 0 ? idealEnd : 100));
        g.drawString("ideal", (int) px.applyAsDouble(idealEnd) - fm.stringWidth("ideal") - 4,
                (int) py.applyAsDouble(idealSlope > 0 ? idealEnd : 100) + (idealSlope > 0 ? 16 : -6));

        int i = 0;
        for (List<Summary> line : lines.values()) {
            g.setColor(PALETTE[i++ % PALETTE.length]);
            g.setStroke(new BasicStroke(2.5f));
            int[] prev = null;
            for (Summary s : line) {
                double v = y.applyAsDouble(s);
                if (!Double.isFinite(v)) {
                    prev = null;
                    continue;
                }
                int xx = (int) Math.round(px.applyAsDouble(s.point().vcpus()));
                int yy = (int) Math.round(py.applyAsDouble(v));
                if (prev != null) {
                    g.drawLine(prev[0], prev[1], xx, yy);
                }
                g.fillOval(xx - 5, yy - 5, 10, 10);
                if (errorBars && Double.isFinite(s.speedupLow()) && Double.isFinite(s.speedupHigh())) {
                    g.setStroke(new BasicStroke(1.5f));
                    int lo = (int) Math.round(py.applyAsDouble(s.speedupLow()));
                    int hi = (int) Math.round(py.applyAsDouble(s.speedupHigh()));
                    g.drawLine(xx, lo, xx, hi);
                    g.drawLine(xx - 6, lo, xx + 6, lo);
                    g.drawLine(xx - 6, hi, xx + 6, hi);
                    g.setStroke(new BasicStroke(2.5f));
                }
                prev = new int[] {xx, yy};
            }
        }
        g.setStroke(new BasicStroke(1f));
        g.setColor(Color.BLACK);
        g.setFont(LABEL);
        centered(g, title, r.x() + r.w() / 2, r.y() - 8);
        centered(g, "vCPUs (-smp N)", r.x() + r.w() / 2, r.y() + r.h() + 48);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        centered(g, yLabel, -(r.y() + r.h() / 2), r.x() - 58);
        g.setTransform(saved);
    }

    private static void legend(Graphics2D g, List<String> names, int baseline) {
        g.setFont(LABEL);
        FontMetrics fm = g.getFontMetrics();
        List<String> labels = names.stream().map(n -> n.replace(" ", " thread=")
                + (n.equals(SweepRunner.OURS + " single") ? " (baseline)" : "")).toList();
        int total = labels.stream().mapToInt(l -> 40 + fm.stringWidth(l) + 30).sum();
        int x = Math.max(10, (WIDTH - total) / 2);
        for (int i = 0; i < labels.size(); i++) {
            g.setColor(PALETTE[i % PALETTE.length]);
            g.setStroke(new BasicStroke(2.5f));
            g.drawLine(x, baseline - 6, x + 30, baseline - 6);
            g.fillOval(x + 10, baseline - 11, 10, 10);
            g.setColor(Color.BLACK);
            g.drawString(labels.get(i), x + 40, baseline);
            x += 40 + fm.stringWidth(labels.get(i)) + 30;
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static void centered(Graphics2D g, String s, int x, int baseline) {
        g.drawString(s, x - g.getFontMetrics().stringWidth(s) / 2, baseline);
    }

    /** 1, 2, 2.5 or 5 times a power of ten, at least {@code raw}. */
    static double niceStep(double raw) {
        if (!(raw > 0)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= raw) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
