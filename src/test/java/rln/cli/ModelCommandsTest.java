package rln.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rln.io.Npy;

/** rln import-weights and rln predict, in-process: outputs, shapes, the authors' predictions, one-line errors. */
class ModelCommandsTest {
    @TempDir Path dir;

    static final String WEIGHTS = "src/main/resources/rln/published/FLN_c10";

    @Test
    void importedPublishedFlnPredictsTheAuthorsOutput() throws Exception {
        Path model = dir.resolve("fln"), out = dir.resolve("p.npy"), all = dir.resolve("all.npy");
        DataCommandsTest.Run r = DataCommandsTest.run("import-weights", "--from", WEIGHTS, "--model", "fln", "--batch-mean", "--out", model.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isRegularFile(model.resolve("model.json")));
        r = DataCommandsTest.run("predict", "--model", model.toString(), "--micro", "testdata/published-rln/micro.npy", "--out", out.toString(), "--threads", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("predicted 2 samples of 31x31x31"), r.out());
        Npy.Array p = Npy.read(out), ref = Npy.read(Path.of("testdata/published-rln/pred_FLN_c10.npy"));
        assertArrayEquals(new int[] {2, 31, 31, 31}, p.shape);
        assertEquals(Npy.DType.F4, p.dtype);
        float[] a = p.toFloats(), b = ref.toFloats();
        // 1e-4: PublishedWeightsTest's tolerance (float32 networks summing in different orders)
        for (int i = 0; i < a.length; i++) assertEquals(b[i], a[i], 1e-4, "voxel " + i);

        r = DataCommandsTest.run("predict", "--model", "published:FLN_c10", "--micro", "testdata/published-rln/micro.npy", "--out", all.toString(), "--all-passes");
        assertEquals(0, r.code(), r.err());
        Npy.Array q = Npy.read(all);
        assertArrayEquals(new int[] {2, 1, 31, 31, 31}, q.shape, "(n, passes, nx, ny, nz)");
        assertArrayEquals(a, q.toFloats(), 0f, "the shipped model = the imported one, bit for bit");
    }

    @Test
    void badInputEndsWithOneLineAndNoOutput() throws Exception {
        Path out = dir.resolve("p.npy");
        DataCommandsTest.assertBadInput(DataCommandsTest.run("predict", "--model", dir.resolve("none").toString(), "--micro",
                "testdata/published-rln/micro.npy", "--out", out.toString()), out, "none", "is not a model directory");
        DataCommandsTest.assertBadInput(DataCommandsTest.run("predict", "--model", "published:FLN_c99", "--micro",
                "testdata/published-rln/micro.npy", "--out", out.toString()), out, "--model", "FLN_c99");
        Path mixed = dir.resolve("mixed.npy");
        Npy.writeBytes(mixed, new byte[4 * 5 * 5], 4, 5, 5);
        DataCommandsTest.assertBadInput(DataCommandsTest.run("predict", "--model", "published:FLN_c10", "--micro", mixed.toString(),
                "--out", out.toString()), out, "mixed.npy", "all odd or all even");
        Path model = dir.resolve("m");
        DataCommandsTest.assertBadInput(DataCommandsTest.run("import-weights", "--from", WEIGHTS, "--model", "rln-t", "--passes", "0",
                "--out", model.toString()), model, "--passes");
        DataCommandsTest.assertBadInput(DataCommandsTest.run("import-weights", "--from", dir.toString(), "--model", "fln",
                "--out", model.toString()), model, "model.conv_begin_1.conv.weight.npy", "missing");
    }
}
