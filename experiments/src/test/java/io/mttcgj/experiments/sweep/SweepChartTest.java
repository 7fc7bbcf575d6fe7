package io.mttcgj.experiments.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepChartTest {
    @TempDir
    Path dir;

    /** Pixels of about colour {@code rgb}. */
    private static int count(BufferedImage img, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                // Anti-aliasing blends edges: count pixels close to the colour.
                int d = Math.abs((p >> 16 & 0xff) - (rgb >> 16 & 0xff)) + Math.abs((p >> 8 & 0xff) - (rgb >> 8 & 0xff))
                        + Math.abs((p & 0xff) - (rgb & 0xff));
                if (d < 24) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void writesAPngOfTheRightSizeWithALinePerSeries() throws Exception {
        List<RunResult> runs = new ArrayList<>();
        runs.add(ResultsTest.ok("ours", "multi", 1, 1, 2.0));
        runs.add(ResultsTest.ok("ours", "multi", 2, 1, 2.4));
        runs.add(ResultsTest.ok("ours", "multi", 4, 1, 4.0));
        runs.add(ResultsTest.ok("qemu", "multi", 1, 1, 1.0));
        runs.add(ResultsTest.ok("qemu", "multi", 2, 1, 1.1));
        runs.add(ResultsTest.ok("qemu", "multi", 4, 1, 1.5));
        runs.add(ResultsTest.ok("ours", "single", 1, 1, 2.0));
        runs.add(ResultsTest.ok("ours", "single", 2, 1, 4.0));
        runs.add(ResultsTest.failed("ours", "single", 4, 1, 8.0)); // a point without a value: no crash
        Path png = dir.resolve("sweep.png");
        SweepChart.write(png, Summary.of(runs, SweepConfig.Work.PER_VCPU), "title", "subtitle");
        if (System.getProperty("sweep.chart.copy") != null) { // to look at it: -Dsweep.chart.copy=FILE
            java.nio.file.Files.copy(png, Path.of(System.getProperty("sweep.chart.copy")),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }

        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(SweepChart.WIDTH, img.getWidth());
        assertEquals(SweepChart.HEIGHT, img.getHeight());
        int white = count(img, 0xffffff);
        int total = img.getWidth() * img.getHeight();
        assertTrue(white < total * 0.98 && white > total * 0.5, "drawn but mostly background: " + white + "/" + total);
        // Each of the three lines is drawn in its own palette colour (markers are solid discs of it).
        assertTrue(count(img, 0x1f77b4) > 200, "first series");
        assertTrue(count(img, 0xff7f0e) > 200, "second series");
        assertTrue(count(img, 0x2ca02c) > 200, "third series");
    }

    @Test
    void niceSteps() {
        assertEquals(0.5, SweepChart.niceStep(0.45), 1e-12);
        assertEquals(1, SweepChart.niceStep(0.7), 1e-12);
        assertEquals(25, SweepChart.niceStep(21), 1e-12);
        assertEquals(1, SweepChart.niceStep(0), 1e-12);
    }
}
