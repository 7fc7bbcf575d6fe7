package io.mttcgj.experiments.campaign;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/** summary.txt (counts per outcome and per fault model) and summary.png (stacked bars per fault model). */
final class Summary {
    private static final Color[] COLORS = {
        new Color(0x4c9a2a), new Color(0xd62728), new Color(0x1f77b4), new Color(0x9467bd), new Color(0xff7f0e)};

    private final Map<String, EnumMap<Outcome, Integer>> perModel = new TreeMap<>();
    private final EnumMap<Outcome, Integer> total = new EnumMap<>(Outcome.class);
    private int runs;

    Summary(List<ResultsCsv.Row> rows) {
        for (ResultsCsv.Row r : rows) {
            Outcome o = Outcome.valueOf(r.outcome());
            perModel.computeIfAbsent(r.model(), k -> new EnumMap<>(Outcome.class)).merge(o, 1, Integer::sum);
            total.merge(o, 1, Integer::sum);
            runs++;
        }
    }

    int count(Outcome o) {
        return total.getOrDefault(o, 0);
    }

    String text(String title) {
        StringBuilder sb = new StringBuilder(title).append('\n').append(runs).append(" injections\n\nper outcome:\n");
        for (Outcome o : Outcome.values()) {
            int n = count(o);
            sb.append(String.format("  %-18s %6d  %5.1f%%%n", o, n, runs == 0 ? 0 : 100.0 * n / runs));
        }
        sb.append("\nper fault model:\n").append(String.format("  %-15s", "model"));
        for (Outcome o : Outcome.values()) {
            sb.append(String.format(" %17s", o));
        }
        sb.append('\n');
        for (var e : perModel.entrySet()) {
            sb.append(String.format("  %-15s", e.getKey()));
            for (Outcome o : Outcome.values()) {
                sb.append(String.format(" %17d", e.getValue().getOrDefault(o, 0)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    void writePng(Path file, String title) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int w = 200 + 90 * Math.max(1, perModel.size());
        int h = 520;
        int left = 70;
        int top = 50;
        int bottom = 140;
        int plotH = h - top - bottom;
        BufferedImage img = new BufferedImage(w + 190, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), h);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, left, 25);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int max = 1;
        for (var m : perModel.values()) {
            max = Math.max(max, m.values().stream().mapToInt(Integer::intValue).sum());
        }
        int step = niceStep(max);
        int yMax = ((max + step - 1) / step) * step;
        // axes and gridlines
        int plotW = w - left - 20;
        for (int v = 0; v <= yMax; v += step) {
            int y = top + plotH - plotH * v / yMax;
            g.setColor(new Color(0xdddddd));
            g.drawLine(left, y, left + plotW, y);
            g.setColor(Color.BLACK);
            String s = String.valueOf(v);
            g.drawString(s, left - 8 - g.getFontMetrics().stringWidth(s), y + 4);
        }
        g.setStroke(new BasicStroke(1.5f));
        g.drawLine(left, top, left, top + plotH);
        g.drawLine(left, top + plotH, left + plotW, top + plotH);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString("injections", -(top + plotH / 2 + 30), 18);
        g.setTransform(saved);
        g.drawString("fault model", left + plotW / 2 - 30, h - 15);
        // bars
        int slot = plotW / Math.max(1, perModel.size());
        int barW = Math.max(10, slot * 3 / 5);
        int i = 0;
        FontMetrics fm = g.getFontMetrics();
        for (var e : perModel.entrySet()) {
            int x = left + i * slot + (slot - barW) / 2;
            int base = top + plotH;
            for (Outcome o : Outcome.values()) {
                int n = e.getValue().getOrDefault(o, 0);
                int bh = plotH * n / yMax;
                g.setColor(COLORS[o.ordinal()]);
                g.fillRect(x, base - bh, barW, bh);
                base -= bh;
            }
            g.setColor(Color.BLACK);
            saved = g.getTransform();
            g.translate(x + barW / 2 + 4, top + plotH + 8);
            g.rotate(Math.PI / 4);
            g.drawString(e.getKey(), 0, 0);
            g.setTransform(saved);
            String n = String.valueOf(e.getValue().values().stream().mapToInt(Integer::intValue).sum());
            g.drawString(n, x + (barW - fm.stringWidth(n)) / 2, base - 4);
            i++;
        }
        // legend
        int lx = w + 10;
        int ly = top + 10;
        for (Outcome o : Outcome.values()) {
            g.setColor(COLORS[o.ordinal()]);
            g.fillRect(lx, ly - 11, 14, 14);
            g.setColor(Color.BLACK);
            g.drawString(o.name() + " (" + count(o) + ")", lx + 20, ly);
            ly += 22;
        }
        g.dispose();
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(img, "png", file.toFile());
    }

    private static int niceStep(int max) {
        int raw = Math.max(1, max / 8);
        int p = 1;
        while (p * 10 <= raw) {
            p *= 10;
        }
        for (int m : new int[] {1, 2, 5, 10}) {
            if (m * p >= raw) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
