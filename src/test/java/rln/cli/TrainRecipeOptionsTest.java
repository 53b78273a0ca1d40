package rln.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rln.nn.LocalizationModel;
import rln.nn.Models;
import rln.tensor.Tensor;

/** The recipe options of rln train: --init (warm start), --augment, --samples, and their input errors. */
class TrainRecipeOptionsTest {

    static TrainEvalCommandsTest.Run train(String... extra) {
        return TrainEvalCommandsTest.run(extra);
    }

    @Test
    void anFlnWarmStartsAnAugmentedRlnTOnPartOfTheSet(@TempDir Path tmp) throws Exception {
        Path d = TrainKillResumeTest.dataset(tmp.resolve("d"), 6, 1), v = TrainKillResumeTest.dataset(tmp.resolve("v"), 2, 2);
        TrainEvalCommandsTest.Run r = train("train", "--train", d.toString(), "--valid", v.toString(), "--model", "fln", "--epochs", "1",
                "--batch", "3", "--threads", "1", "--out", tmp.resolve("fln").toString());
        assertEquals(0, r.code(), r.err());
        r = train("train", "--train", d.toString(), "--valid", v.toString(), "--model", "rln-t", "--passes", "2", "--epochs", "1", "--batch", "2",
                "--threads", "1", "--init", tmp.resolve("fln").toString(), "--augment", "--samples", "4", "--out", tmp.resolve("rlnt").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("4 training and 2 validation samples"), r.out());
        // the checkpoint records the warm start and the augmentation, so a resume with other ones is refused
        String pointer = Files.readString(tmp.resolve("rlnt/checkpoint.json"));
        String epoch = Files.readString(tmp.resolve("rlnt").resolve(pointerTarget(pointer)).resolve("state.json"));
        assertTrue(epoch.contains("\"augment\": true") && epoch.contains("\"warm_start\": \"fln (fln, 1 passes, parameters sha256 "), epoch);
        LocalizationModel m = Models.load(tmp.resolve("rlnt"));
        assertEquals(2, m.passes());
        Tensor x = Tensor.zeros(rln.tensor.Precision.FLOAT, 1, 7, 7, 7, 1);
        assertTrue(Double.isFinite(m.predict(x).get(1).get(0)));
    }

    static String pointerTarget(String pointerJson) {
        int i = pointerJson.indexOf("checkpoints/");
        return pointerJson.substring(i, pointerJson.indexOf('"', i));
    }

    @Test
    void badRecipeOptionsEndWithOneLineAndNoOutput(@TempDir Path tmp) throws Exception {
        Path d = TrainKillResumeTest.dataset(tmp.resolve("d"), 3, 1);
        Path out = tmp.resolve("m");
        TrainEvalCommandsTest.Run r = train("train", "--train", d.toString(), "--valid", d.toString(), "--model", "rln-t", "--init",
                tmp.resolve("none").toString(), "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("none") && r.err().contains("--init") && r.err().strip().lines().count() == 1, r.err());
        r = train("train", "--train", d.toString(), "--valid", d.toString(), "--model", "fln", "--samples", "4", "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--samples 4: the set holds only 3 samples"), r.err());
        r = train("train", "--train", d.toString(), "--valid", d.toString(), "--model", "fln", "--samples", "0", "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--samples: must be >= 1"), r.err());
        assertFalse(Files.exists(out));
    }
}
