package rln.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rln.io.Json;
import rln.io.PngSliceFigure;

/** rln demo on a miniature (9^3, a handful of samples): every step runs and its outputs are there and consistent. */
class DemoCommandTest {

    /**
     * The published RLN-t's MASE (percent) on the miniature's 3 test samples, as this build computes it (vector
     * kernels, 2 threads). The data are deterministic (seeded generator, FE solved to 1e-8, bitwise for a thread
     * count); the network's float32 predictions (values near 1) move by at most about 1e-5 with another thread
     * count or the scalar kernels (the bound RecurrenceTest holds reordered kernels to), so MASE =
     * 100 mean|pred - FE| / mean(FE), mean(FE) = 1, moves by at most 100 * 1e-5 = 1e-3 percentage points.
     * (Measured: 1.7627446 with the vector kernels on 1 or 2 threads, 1.7627444 with the scalar ones.)
     * A change to the network, its weights, the axes or the data moves it by far more: pass 4 already differs by 0.01.
     */
    static final double PUBLISHED_RLN_T_MASE = 1.7627446295600577, MASE_TOLERANCE = 1e-3;

    @Test
    void aMiniatureDemoWritesTableFigureAndSummary(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("demo");
        TrainEvalCommandsTest.Run r = TrainEvalCommandsTest.run("demo", "--out", out.toString(), "--size", "9", "--train", "4", "--valid", "2",
                "--test", "3", "--epochs", "1", "--batch", "2", "--threads", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("FE solve (hex8-bbar)") && r.out().contains("MKS baseline"), r.out());
        Map<String, Object> j = Json.parseObject("demo.json", Files.readString(out.resolve("demo.json")));
        assertEquals(3L, j.get("test_samples"));
        List<?> models = (List<?>) j.get("models");
        assertFalse(models.isEmpty());
        boolean published = false;
        for (Object o : models) {
            Map<?, ?> m = (Map<?, ?>) o;
            double mase = (Double) m.get("mase_mean");
            if ("published RLN-t".equals(m.get("model"))) {
                published = true;
                assertEquals(PUBLISHED_RLN_T_MASE, mase, MASE_TOLERANCE, m.toString());
            }
            // the models trained or fitted here: sane percentages (their accuracy is tested where they live)
            assertTrue(mase > 0 && mase < 100, m.toString());
            assertEquals((Double) j.get("fe_seconds_per_sample") / (Double) m.get("seconds_per_sample"), (Double) m.get("speed_up"), 1e-9);
        }
        assertTrue(published, "the published RLN-t is in the table: " + models);
        // the figure: one row per model on the 9 x 9 slice, the same size as PngSliceFigure draws for it
        BufferedImage png = ImageIO.read(out.resolve("slice.png").toFile());
        PngSliceFigure.Row row = new PngSliceFigure.Row("", new byte[729], new double[729], new double[729], 0);
        BufferedImage expected = PngSliceFigure.write(tmp.resolve("expected.png"), java.util.Collections.nCopies(models.size(), row), 9, 9, 9, 2, 4).image();
        assertEquals(expected.getWidth(), png.getWidth());
        assertEquals(expected.getHeight(), png.getHeight());
        assertTrue(Files.exists(out.resolve("data/meta.json")));
        // a second run never writes into an existing directory
        TrainEvalCommandsTest.Run again = TrainEvalCommandsTest.run("demo", "--out", out.toString());
        assertEquals(2, again.code());
        assertTrue(again.err().contains("already exists"), again.err());
    }
}
