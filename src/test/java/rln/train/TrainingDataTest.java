package rln.train;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rln.io.DatasetWriter;
import rln.io.Fields;
import rln.io.InputException;

/** Reading a dataset directory for training: component xx only, normalized by the applied E_xx. */
class TrainingDataTest {

    static Path write(Path dir, Fields fields, Object applied) throws IOException {
        int n = 3, v = 2 * 3 * 4;
        try (DatasetWriter w = new DatasetWriter(dir, n, 2, 3, 4, fields)) {
            for (int s = 0; s < n; s++) {
                byte[] phase = new byte[v];
                double[] strain = new double[6 * v];
                for (int x = 0; x < v; x++) {
                    phase[x] = (byte) ((x + s) % 2);
                    for (int c = 0; c < 6; c++) strain[c * v + x] = 100 * c + s + 0.25 * x; // component c readable from the value
                }
                w.append(phase, strain);
            }
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("count", n);
            meta.put("indices", new int[] {0, n});
            if (applied != null) meta.put("applied_strain", applied);
            w.finish(meta);
        }
        return dir;
    }

    @Test
    void readsComponentXxDividedByTheAppliedStrain(@TempDir Path tmp) throws IOException {
        for (Fields f : Fields.values()) {
            TrainingData unit = TrainingData.read(write(tmp.resolve("unit-" + f), f, new double[] {1, 0, 0, 0, 0, 0}));
            TrainingData half = TrainingData.read(write(tmp.resolve("two-" + f), f, new double[] {2, 0, 0, 0, 0, 0}));
            assertEquals(3, unit.size());
            assertEquals(24, unit.voxels());
            for (int s = 0; s < 3; s++)
                for (int x = 0; x < 24; x++) {
                    assertEquals(s + 0.25 * x, unit.target(s)[x], 0); // exact in float: multiples of 1/4 below 100
                    assertEquals((s + 0.25 * x) / 2, half.target(s)[x], 0);
                    assertEquals((x + s) % 2, unit.micro(s)[x], 0);
                    assertEquals((x + s) % 2, unit.phases(s)[x]);
                }
            // batches are channels-last [B, nx, ny, nz, 1], samples in the order asked
            var batch = unit.targetBatch(new int[] {2, 0}, 0, 2);
            assertArrayEquals(new int[] {2, 2, 3, 4, 1}, batch.shape());
            assertEquals(2 + 0.25 * 5, batch.get(5), 0);
            assertEquals(0.25 * 5, batch.get(24 + 5), 0);
        }
    }

    @Test
    void refusesALoadThatIsNotUniaxialXx(@TempDir Path tmp) throws IOException {
        Path d = write(tmp.resolve("shear"), Fields.EXX, List.of(1.0, 0.0, 0.0, 0.0, 0.0, 0.5));
        InputException e = assertThrows(InputException.class, () -> TrainingData.read(d));
        assertTrue(e.getMessage().contains("meta.json") && e.getMessage().contains("applied_strain"), e.getMessage());
    }
}
