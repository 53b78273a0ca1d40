package rln.train;

import static org.junit.jupiter.api.Assertions.*;
import static rln.train.TrainerTest.*;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rln.autodiff.Parameter;
import rln.io.InputException;
import rln.io.Npy;

/** Training with --ema: the average is the one of the steps taken, the steps are the plain run's, and it resumes bitwise. */
class TrainerAverageTest {
    static final double BETA = 0.6;

    static TrainingConfig averaged(int epochs) {
        TrainingConfig c = config(epochs);
        return new TrainingConfig(c.kind(), c.passes(), c.epochs(), c.batch(), c.lr(), c.lrMin(), c.seed(), false, false, c.evalBatch(), true,
                null, 0, rln.nn.Parallelism.LAYERS, BETA);
    }

    static TrainingConfig plain(int epochs) {
        TrainingConfig c = averaged(epochs);
        return new TrainingConfig(c.kind(), c.passes(), c.epochs(), c.batch(), c.lr(), c.lrMin(), c.seed(), false, false, c.evalBatch(), true,
                null, 0, rln.nn.Parallelism.LAYERS);
    }

    /** The parameters a model directory written by {@link TrainerTest#writeModel} holds, into a fresh tiny model. */
    static TinyModel read(Path dir) {
        TinyModel m = new TinyModel(2, 5);
        for (Parameter p : m.parameters()) {
            System.arraycopy(Npy.read(dir.resolve(p.name() + ".npy")).toFloats(), 0, p.value().floats(), 0, p.value().size());
            p.value().markModified();
        }
        return m;
    }

    @Test
    void theWrittenModelIsTheAverageOfTheStepsTheTrainingIsThePlainOne(@TempDir Path tmp) throws IOException {
        PrintWriter quiet = new PrintWriter(new StringWriter());
        int epochs = 2, steps = epochs * 3; // 10 samples in batches of 4, 4, 2
        TinyModel trained = new TinyModel(2, 5), plainRun = new TinyModel(2, 5);
        List<Trainer.EpochReport> r = new Trainer(trained, averaged(epochs), TRAIN, VALID, tmp.resolve("avg"), TrainerTest::writeModel).run(quiet);
        List<Trainer.EpochReport> p = new Trainer(plainRun, plain(epochs), TRAIN, VALID, tmp.resolve("plain"), TrainerTest::writeModel).run(quiet);
        // the optimizer never sees the average: the same steps, the same train losses, the same parameters as trained
        assertSameParameters(plainRun, trained);
        for (int e = 0; e < epochs; e++) assertEquals(p.get(e).trainLoss(), r.get(e).trainLoss(), 0);
        // the parameters after every step s, from runs that crash after s steps; the average replayed from them
        double[][] mean = null;
        for (int s = 0; s <= steps; s++) {
            TinyModel m = new TinyModel(2, 5);
            if (s < steps) {
                m.failAfterSteps = s;
                TinyModel crashing = m;
                Path dir = tmp.resolve("crash-" + s);
                assertThrows(IllegalStateException.class, () -> new Trainer(crashing, plain(epochs), TRAIN, VALID, dir, TrainerTest::writeModel).run(quiet));
            } else m = plainRun;
            List<Parameter> ps = m.parameters();
            if (mean == null) {
                mean = new double[ps.size()][];
                for (int k = 0; k < ps.size(); k++) mean[k] = new double[ps.get(k).value().size()];
                for (int k = 0; k < ps.size(); k++) for (int i = 0; i < mean[k].length; i++) mean[k][i] = ps.get(k).value().floats()[i];
            } else
                for (int k = 0; k < ps.size(); k++)
                    for (int i = 0; i < mean[k].length; i++) mean[k][i] = BETA * mean[k][i] + (1 - BETA) * ps.get(k).value().floats()[i];
        }
        TinyModel written = read(tmp.resolve("avg"));
        for (int k = 0; k < mean.length; k++)
            for (int i = 0; i < mean[k].length; i++)
                assertEquals((float) mean[k][i], written.parameters().get(k).value().floats()[i], 0, "parameter " + k + " value " + i);
        assertFalse(written.w.value().bitwiseEquals(trained.w.value()), "the written model is the average, not the last step");
        // the validation reported is the average's
        assertEquals(Evaluation.of(written, VALID, 3).loss(), r.get(epochs - 1).valid().loss(), 0);
        assertNotEquals(p.get(epochs - 1).valid().loss(), r.get(epochs - 1).valid().loss());
    }

    @Test
    void keptCheckpointsAreTheRunsSnapshotsAndLeaveTheNumbersAlone(@TempDir Path tmp) throws IOException {
        PrintWriter quiet = new PrintWriter(new StringWriter());
        TinyModel latestOnly = new TinyModel(2, 5), keeping = new TinyModel(2, 5), oneEpoch = new TinyModel(2, 5);
        new Trainer(latestOnly, plain(2), TRAIN, VALID, tmp.resolve("a"), TrainerTest::writeModel).checkpointEvery(0).run(quiet);
        new Trainer(keeping, plain(2), TRAIN, VALID, tmp.resolve("b"), TrainerTest::writeModel).checkpointEvery(0).keepCheckpoints(true).run(quiet);
        assertSameParameters(latestOnly, keeping);
        assertArrayEquals(curveWithoutTime(tmp.resolve("a")), curveWithoutTime(tmp.resolve("b")));
        try (java.util.stream.Stream<Path> a = java.nio.file.Files.list(tmp.resolve("a/checkpoints"));
             java.util.stream.Stream<Path> b = java.nio.file.Files.list(tmp.resolve("b/checkpoints"))) {
            assertEquals(List.of("epoch-0002"), a.map(p -> p.getFileName().toString()).toList());
            // batches of 4, 4, 2: a checkpoint after every batch but an epoch's last, and at every epoch's end
            assertEquals(List.of("epoch-0000-s000004", "epoch-0000-s000008", "epoch-0001", "epoch-0001-s000004", "epoch-0001-s000008", "epoch-0002"),
                    b.map(p -> p.getFileName().toString()).sorted().toList());
        }
        // a kept snapshot holds the parameters as they were then: epoch-0001 = the model after one epoch
        new Trainer(oneEpoch, plain(2), TRAIN, VALID, tmp.resolve("c"), TrainerTest::writeModel).run(quiet, 1);
        TinyModel snapshot = new TinyModel(2, 5);
        Checkpoint.readParameters(tmp.resolve("b/checkpoints/epoch-0001"), snapshot.parameters());
        assertSameParameters(oneEpoch, snapshot);
    }

    @Test
    void anAveragedRunKilledInsideAnEpochResumesBitwise(@TempDir Path tmp) throws IOException {
        PrintWriter quiet = new PrintWriter(new StringWriter());
        new Trainer(new TinyModel(2, 5), averaged(3), TRAIN, VALID, tmp.resolve("a"), TrainerTest::writeModel).run(quiet);
        TinyModel crashing = new TinyModel(2, 5);
        crashing.failAfterSteps = 3 + 2; // dies in epoch 2's last batch; the last checkpoint holds the average after 5 steps
        assertThrows(IllegalStateException.class,
                () -> new Trainer(crashing, averaged(3), TRAIN, VALID, tmp.resolve("b"), TrainerTest::writeModel).checkpointEvery(0).run(quiet));
        new Trainer(new TinyModel(2, 5), averaged(3), TRAIN, VALID, tmp.resolve("b"), TrainerTest::writeModel).run(quiet);
        for (String dir : new String[] {"", "best"})
            assertSameParameters(read(tmp.resolve("a").resolve(dir)), read(tmp.resolve("b").resolve(dir)));
        assertArrayEquals(curveWithoutTime(tmp.resolve("a")), curveWithoutTime(tmp.resolve("b")));
        // the average is part of the run: a plain resume of it, or an averaged resume of a plain run, is refused
        InputException e = assertThrows(InputException.class,
                () -> new Trainer(new TinyModel(2, 5), plain(3), TRAIN, VALID, tmp.resolve("b"), TrainerTest::writeModel).run(quiet));
        assertTrue(e.getMessage().contains("ema"), e.getMessage());
        new Trainer(new TinyModel(2, 5), plain(3), TRAIN, VALID, tmp.resolve("c"), TrainerTest::writeModel).run(quiet, 1);
        e = assertThrows(InputException.class,
                () -> new Trainer(new TinyModel(2, 5), averaged(3), TRAIN, VALID, tmp.resolve("c"), TrainerTest::writeModel).run(quiet));
        assertTrue(e.getMessage().contains("ema = the default, this run asks for 0.6"), e.getMessage());
    }
}
