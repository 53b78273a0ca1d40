package rln.nn;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rln.autodiff.Parameter;
import rln.io.InputException;
import rln.io.Json;
import rln.io.Npy;
import rln.tensor.Tensor;

/** Model directories: round trips, the PyTorch layout on disk, imports, atomic replacement, and bad input. */
class ModelsTest {
    @TempDir Path dir;

    /** The shipped FLN_c10 tensors, as the authors exported them (a directory in the repository). */
    static final Path FLN_C10 = Path.of("src/main/resources/rln/published/FLN_c10");

    @Test
    void saveThenLoadPredictsBitwiseTheSame() throws Exception {
        for (String kind : new String[] {"fln", "rln-t", "rln"}) {
            LocalizationModel model = Models.create(kind, kind.equals("fln") ? 1 : 3, kind.equals("rln"), 21);
            Path d = dir.resolve(kind);
            Models.save(model, d);
            LocalizationModel back = Models.load(d);
            assertEquals(model.kind(), back.kind());
            assertEquals(model.passes(), back.passes());
            assertEquals(model.batchMean(), back.batchMean());
            Tensor m = RecurrenceTest.micro(9, 2, 5, 5, 5);
            List<Tensor> a = model.predict(m), b = back.predict(m);
            for (int k = 0; k < a.size(); k++) assertTrue(a.get(k).bitwiseEquals(b.get(k)), kind + " pass " + k);
            Map<String, Object> json = Json.parseObject("model.json", Files.readString(d.resolve("model.json")));
            assertEquals(kind, json.get("kind"));
            assertEquals("xyz", json.get("input_axes"));
            assertEquals(model.parameterCount(), json.get("parameters"));
            assertEquals(21L, ((Map<?, ?>) json.get("provenance")).get("seed"));
        }
    }

    @Test
    void importedTensorsAreStoredInTheirPyTorchLayoutUnchanged() throws Exception {
        LocalizationModel imported = Models.importTorch(FLN_C10, "fln", 1, true);
        Models.save(imported, dir.resolve("m"));
        for (Parameter p : imported.parameters()) {
            Npy.Array src = Npy.read(FLN_C10.resolve(p.name() + ".npy")), out = Npy.read(dir.resolve("m").resolve(p.name() + ".npy"));
            assertArrayEquals(src.shape, out.shape, p.name());
            assertArrayEquals(src.toFloats(), out.toFloats(), 0f, p.name() + ": the same numbers in the same PyTorch layout");
        }
        LocalizationNetwork back = (LocalizationNetwork) Models.load(dir.resolve("m"));
        assertEquals(InputAxes.ZYX, back.inputAxes(), "an import keeps its loading-axis handling");
        assertTrue(back.batchMean());
        List<Parameter> shipped = Models.published("FLN_c10").parameters();
        for (int i = 0; i < shipped.size(); i++)
            assertTrue(shipped.get(i).value().bitwiseEquals(back.parameters().get(i).value()), shipped.get(i).name());
    }

    @Test
    void ourLayoutIsThePyTorchLayoutPermuted() {
        // conv_begin_1.conv.weight: PyTorch [16, 6, 3, 3, 3]; ours [3, 3, 3, 6, 16]; ours[a,b,e,i,o] = torch[o,i,a,b,e]
        Npy.Array a = Npy.read(FLN_C10.resolve("model.conv_begin_1.conv.weight.npy"));
        float[] torch = a.toFloats();
        Tensor ours = Models.importTorch(FLN_C10, "fln", 1, false).parameters().get(0).value();
        assertArrayEquals(new int[] {3, 3, 3, 6, 16}, ours.shape());
        assertEquals(torch[(((5 * 6 + 2) * 3 + 1) * 3 + 0) * 3 + 2], ours.get(1, 0, 2, 2, 5), 0.0, "torch[5,2,1,0,2] = ours[1,0,2,2,5]");
        // the transposed convolution: PyTorch [Ci, Co, 2, 2, 2]; ours [2, 2, 2, Co, Ci]
        float[] up = Npy.read(FLN_C10.resolve("model.up_block.conv_up.weight.npy")).toFloats();
        Tensor upOurs = Models.importTorch(FLN_C10, "fln", 1, false).parameters().get(15).value();
        assertEquals("model.up_block.conv_up.weight", Models.importTorch(FLN_C10, "fln", 1, false).parameters().get(15).name());
        assertEquals(up[(((7 * 32 + 30) * 2 + 1) * 2 + 0) * 2 + 1], upOurs.get(1, 0, 1, 30, 7), 0.0, "torch[ci=7,co=30,1,0,1] = ours[1,0,1,co=30,ci=7]");
    }

    @Test
    void savingOverAModelKeepsOtherFilesAndDropsStaleTensors() throws Exception {
        Path d = dir.resolve("m");
        Models.save(Models.create("rln", 2, false, 1), d);
        Files.writeString(d.resolve("train.csv"), "epoch,loss\n");
        Models.save(Models.create("fln", 1, false, 2), d);
        assertEquals("epoch,loss\n", Files.readString(d.resolve("train.csv")), "a training log beside the model stays");
        assertFalse(Files.exists(d.resolve("models.0.conv_begin_1.conv.weight.npy")), "the old RLN's tensors are gone");
        assertEquals("fln", Models.load(d).kind());
        try (var s = Files.list(dir)) {
            assertEquals(List.of(d), s.toList(), "no temporary directories left behind");
        }
    }

    @Test
    void badModelDirectoriesAreRejectedWithOneLineNamingTheFile() throws Exception {
        Path d = dir.resolve("m");
        Models.save(Models.create("fln", 1, false, 3), d);
        Path w = d.resolve("model.conv_end_2.conv.weight.npy");

        Npy.writeFloats(w, new float[16 * 31 * 27], 16, 31, 3, 3, 3);
        InputException e = assertThrows(InputException.class, () -> Models.load(d));
        assertTrue(e.getMessage().contains(w.toString()) && e.getMessage().contains("expected (16, 32, 3, 3, 3)"), e.getMessage());

        float[] nan = new float[16 * 32 * 27];
        nan[5] = Float.NaN;
        Npy.writeFloats(w, nan, 16, 32, 3, 3, 3);
        e = assertThrows(InputException.class, () -> Models.load(d));
        assertTrue(e.getMessage().contains("not finite"), e.getMessage());

        Files.delete(w);
        e = assertThrows(InputException.class, () -> Models.load(d));
        assertTrue(e.getMessage().startsWith(w.toString()) && e.getMessage().contains("missing"), e.getMessage());

        Files.writeString(d.resolve("model.json"), Files.readString(d.resolve("model.json")).replace("\"fln\"", "\"cnn\""));
        e = assertThrows(InputException.class, () -> Models.load(d));
        assertTrue(e.getMessage().contains("model.json") && e.getMessage().contains("cnn"), e.getMessage());

        e = assertThrows(InputException.class, () -> Models.load(dir.resolve("nothing")));
        assertTrue(e.getMessage().contains("model.json"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void importingTheWrongKindNamesTheMissingTensor() {
        InputException e = assertThrows(InputException.class, () -> Models.importTorch(FLN_C10, "rln", 5, false));
        assertTrue(e.getMessage().contains("models.0.conv_begin_1.conv.weight.npy") && e.getMessage().contains("missing"), e.getMessage());
        e = assertThrows(InputException.class, () -> Models.importTorch(FLN_C10, "mlp", 1, false));
        assertTrue(e.getMessage().startsWith("--model:"), e.getMessage());
    }
}
