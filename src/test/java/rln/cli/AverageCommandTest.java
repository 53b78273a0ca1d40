package rln.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rln.autodiff.Parameter;
import rln.nn.LocalizationModel;
import rln.nn.Models;
import rln.train.Adam;
import rln.train.Checkpoint;
import rln.train.TrainingConfig;

/** rln average over model and checkpoint directories: the mean it writes, and the inputs it refuses. */
class AverageCommandTest {
    /** The settings a checkpoint of an rln-t run of 2 passes records. */
    static final Map<String, Object> RUN = new TrainingConfig("rln-t", 2, 1, 4, 1e-3, 1e-8, 0, false, false, 4).fingerprint();

    @Test
    void itWritesTheMeanOfModelAndCheckpointSnapshots(@TempDir Path tmp) throws Exception {
        LocalizationModel a = Models.create("rln-t", 2, false, 1), b = Models.create("rln-t", 2, false, 2);
        Path ma = tmp.resolve("a"), mb = tmp.resolve("b"), run = tmp.resolve("run");
        Models.save(a, ma);
        Models.save(b, mb);
        new Checkpoint(1, 3, 1.0, 1, new ArrayList<>(), RUN).save(run, b.parameters(), new Adam(b.parameters(), 1e-3));
        Path checkpoint = run.resolve("checkpoints/epoch-0001");

        // a model and a checkpoint of another: the midpoint, rounded to float once
        TrainEvalCommandsTest.Run r = TrainEvalCommandsTest.run("average", "--out", tmp.resolve("mid").toString(), ma.toString(), checkpoint.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("the mean of 2 parameter sets of rln-t (2 passes)"), r.out());
        List<Parameter> mid = Models.load(tmp.resolve("mid")).parameters();
        for (int k = 0; k < mid.size(); k++) {
            float[] x = a.parameters().get(k).value().floats(), y = b.parameters().get(k).value().floats(), m = mid.get(k).value().floats();
            for (int i = 0; i < m.length; i++) assertEquals((float) (((double) x[i] + y[i]) / 2), m[i], 0, mid.get(k).name() + " " + i);
        }
        // the checkpoint alone (its model named by --like) is the model saved from the same parameters, file for file
        r = TrainEvalCommandsTest.run("average", "--like", ma.toString(), "--out", tmp.resolve("same").toString(), checkpoint.toString());
        assertEquals(0, r.code(), r.err());
        List<Parameter> same = Models.load(tmp.resolve("same")).parameters();
        for (int k = 0; k < same.size(); k++) assertTrue(same.get(k).value().bitwiseEquals(b.parameters().get(k).value()), same.get(k).name());
    }

    @Test
    void itRefusesWhatIsNotASnapshotOfOneModel(@TempDir Path tmp) throws Exception {
        Path rlnt = tmp.resolve("rlnt"), fln = tmp.resolve("fln"), run = tmp.resolve("run");
        LocalizationModel m = Models.create("rln-t", 2, false, 1);
        Models.save(m, rlnt);
        Models.save(Models.create("fln", 1, false, 1), fln);
        new Checkpoint(1, 3, 1.0, 1, new ArrayList<>(), RUN).save(run, m.parameters(), new Adam(m.parameters(), 1e-3));
        String ckpt = run.resolve("checkpoints/epoch-0001").toString();
        TrainEvalCommandsTest.Run r = TrainEvalCommandsTest.run("average", "--out", tmp.resolve("o1").toString(), ckpt);
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--like: needed when every SOURCE is a checkpoint directory"), r.err());
        r = TrainEvalCommandsTest.run("average", "--out", tmp.resolve("o2").toString(), rlnt.toString(), fln.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("not snapshots of one model"), r.err());
        r = TrainEvalCommandsTest.run("average", "--like", fln.toString(), "--out", tmp.resolve("o3").toString(), ckpt);
        assertEquals(2, r.code());
        assertTrue(r.err().contains("a rln-t model of 2 passes") && r.err().contains("not snapshots of one model"), r.err());
        for (String o : new String[] {"o1", "o2", "o3"}) assertFalse(java.nio.file.Files.exists(tmp.resolve(o)), o + ": nothing written");
    }
}
