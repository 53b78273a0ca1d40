package rln.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rln.io.Json;

/** rln demo on a miniature (9^3, a handful of samples): every step runs and its outputs are there and consistent. */
class DemoCommandTest {

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
        for (Object o : models) {
            Map<?, ?> m = (Map<?, ?>) o;
            double mase = (Double) m.get("mase_mean");
            // any model that sees the microstructure beats "strain = applied strain everywhere" by far less than 100 %;
            // this only checks the numbers are sane percentages, the models' accuracy is tested where they live
            assertTrue(mase > 0 && mase < 100, m.toString());
            assertEquals((Double) j.get("fe_seconds_per_sample") / (Double) m.get("seconds_per_sample"), (Double) m.get("speed_up"), 1e-9);
        }
        assertTrue(Files.size(out.resolve("slice.png")) > 1000);
        assertTrue(Files.exists(out.resolve("data/meta.json")));
        // a second run never writes into an existing directory
        TrainEvalCommandsTest.Run again = TrainEvalCommandsTest.run("demo", "--out", out.toString());
        assertEquals(2, again.code());
        assertTrue(again.err().contains("already exists"), again.err());
    }
}
