package rln.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearningCurvePngTest {

    static List<double[]> rows(int epochs, boolean withMase) {
        List<double[]> r = new ArrayList<>();
        for (int e = 1; e <= epochs; e++)
            r.add(new double[] {e, 50 * Math.pow(0.8, e), 60 * Math.pow(0.85, e), withMase ? 20 * Math.pow(0.9, e) : Double.NaN, 2e-3, 12.5});
        return r;
    }

    @Test
    void csvToPngDrawsBothCurves(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("log.csv"), png = dir.resolve("curve.png");
        LearningCurveCsv.write(csv, rows(30, true));
        LearningCurvePng.Figure f = LearningCurvePng.write(csv, png, "FLN, contrast 10");
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(f.image().getWidth(), img.getWidth());
        assertEquals(LearningCurvePng.LEFT + 2 * LearningCurvePng.PW + LearningCurvePng.GAP + 30, img.getWidth()); // two panels
        assertEquals(LearningCurvePng.TOP + LearningCurvePng.PH + LearningCurvePng.BOTTOM, img.getHeight());
        // the point of epoch 10 of each curve is drawn in its colour (markers are 6 px discs on the point)
        LearningCurvePng.Axes a = f.lossAxes();
        assertEquals(LearningCurvePng.TRAIN, img.getRGB((int) Math.round(a.px(10)), (int) Math.round(a.py(50 * Math.pow(0.8, 10)))) & 0xFFFFFF);
        assertEquals(LearningCurvePng.VALID, img.getRGB((int) Math.round(a.px(20)), (int) Math.round(a.py(60 * Math.pow(0.85, 20)))) & 0xFFFFFF);
        // log axis: whole decades bracket the data
        assertEquals(Math.floor(Math.log10(50 * Math.pow(0.8, 30))), a.logLo());
        assertEquals(2.0, a.logHi());
        assertTrue(count(img, LearningCurvePng.MASE) > 100, "the MASE panel has a green line");
    }

    @Test
    void withoutMaseOnePanelAndMissingValuesAreSkipped(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("log.csv");
        List<double[]> r = rows(8, false);
        r.get(3)[2] = Double.NaN;    // no validation in epoch 4
        LearningCurveCsv.write(csv, r);
        LearningCurveCsv c = LearningCurveCsv.read(csv);
        assertTrue(Double.isNaN(c.validLoss()[3]));
        BufferedImage img = LearningCurvePng.render(c, "t").image();
        assertEquals(LearningCurvePng.LEFT + LearningCurvePng.PW + 30, img.getWidth());
        assertEquals(0, count(img, LearningCurvePng.MASE));
    }

    @Test
    void badCsvIsReportedWithFileAndLine(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "epoch,train_loss,valid_loss\n1,2.0,x3\n");
        InputException e = assertThrows(InputException.class, () -> LearningCurveCsv.read(csv));
        assertTrue(e.getMessage().contains("bad.csv") && e.getMessage().contains("line 2") && e.getMessage().contains("valid_loss"), e.getMessage());
        Files.writeString(csv, "epoch,loss\n1,2\n");
        e = assertThrows(InputException.class, () -> LearningCurveCsv.read(csv));
        assertTrue(e.getMessage().contains("train_loss"), e.getMessage());
    }

    static int count(BufferedImage img, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) for (int x = 0; x < img.getWidth(); x++) if ((img.getRGB(x, y) & 0xFFFFFF) == rgb) n++;
        return n;
    }

    /** Issue 11: a 3-epoch run's axis read "1 1 1 2 2 2 ..." (ticks every 0.25 epoch, labelled as integers). */
    @Test
    void epochTicksAreDistinctWholeEpochs() {
        assertEquals(List.of(1.0, 2.0, 3.0), java.util.Arrays.stream(LearningCurvePng.epochTicks(1, 3)).boxed().toList());
        for (int epochs : new int[] {1, 2, 5, 7, 12, 60, 1000}) {
            double[] t = LearningCurvePng.epochTicks(1, epochs);
            for (int i = 0; i < t.length; i++) {
                assertEquals(Math.rint(t[i]), t[i], "whole epochs only, " + epochs + " epochs: " + java.util.Arrays.toString(t));
                if (i > 0) assertTrue(t[i] > t[i - 1], java.util.Arrays.toString(t));
            }
            assertTrue(t.length >= 1 && t.length <= 16, epochs + " epochs: " + java.util.Arrays.toString(t));
        }
    }
}
