package rln.train;

import static org.junit.jupiter.api.Assertions.*;
import static rln.train.TrainerTest.*;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rln.io.InputException;
import rln.nn.Parallelism;
import rln.nn.PassWeights;

/** Training with --pass-weights: the weights reach every step, are part of the run's settings, and a weighted run resumes bitwise. */
class TrainerPassWeightsTest {

    static TrainingConfig weighted(int epochs, PassWeights w) {
        TrainingConfig c = config(epochs);
        return new TrainingConfig(c.kind(), c.passes(), c.epochs(), c.batch(), c.lr(), c.lrMin(), c.seed(), false, false, c.evalBatch(), false,
                null, 0, Parallelism.LAYERS, 0, w);
    }

    @Test
    void theWeightsReachTheStepsAndAreRecorded(@TempDir Path tmp) throws IOException {
        PrintWriter quiet = new PrintWriter(new StringWriter());
        PassWeights lastOnly = PassWeights.of(2, 0, 1);
        TinyModel plain = new TinyModel(2, 5), last = new TinyModel(2, 5);
        new Trainer(plain, weighted(2, null), TRAIN, VALID, tmp.resolve("plain"), TrainerTest::writeModel).run(quiet);
        new Trainer(last, weighted(2, lastOnly), TRAIN, VALID, tmp.resolve("last"), TrainerTest::writeModel).run(quiet);
        assertFalse(plain.w.value().bitwiseEquals(last.w.value()), "another objective, other steps");
        assertEquals("0.0,1.0", weighted(2, lastOnly).fingerprint().get("pass_weights"));
        assertFalse(weighted(2, null).fingerprint().containsKey("pass_weights"), "the paper's loss is not recorded: older checkpoints resume");
    }

    @Test
    void aWeightedRunKilledInsideAnEpochResumesBitwiseAndOnlyWithItsWeights(@TempDir Path tmp) throws IOException {
        PrintWriter quiet = new PrintWriter(new StringWriter());
        PassWeights w = PassWeights.of(2, 1, 3);
        TinyModel straight = new TinyModel(2, 5);
        new Trainer(straight, weighted(3, w), TRAIN, VALID, tmp.resolve("a"), TrainerTest::writeModel).run(quiet);
        TinyModel crashing = new TinyModel(2, 5);
        crashing.failAfterSteps = 3 + 2;
        assertThrows(IllegalStateException.class,
                () -> new Trainer(crashing, weighted(3, w), TRAIN, VALID, tmp.resolve("b"), TrainerTest::writeModel).checkpointEvery(0).run(quiet));
        InputException e = assertThrows(InputException.class,
                () -> new Trainer(new TinyModel(2, 5), weighted(3, PassWeights.of(2, 1, 1)), TRAIN, VALID, tmp.resolve("b"), TrainerTest::writeModel).run(quiet));
        assertTrue(e.getMessage().contains("pass_weights = \"0.25,0.75\", this run asks for \"0.5,0.5\""), e.getMessage());
        e = assertThrows(InputException.class,
                () -> new Trainer(new TinyModel(2, 5), weighted(3, null), TRAIN, VALID, tmp.resolve("b"), TrainerTest::writeModel).run(quiet));
        assertTrue(e.getMessage().contains("pass_weights = \"0.25,0.75\", this run asks for the default"), e.getMessage());
        TinyModel resumed = new TinyModel(2, 5);
        new Trainer(resumed, weighted(3, w), TRAIN, VALID, tmp.resolve("b"), TrainerTest::writeModel).run(quiet);
        assertSameParameters(straight, resumed);
        assertArrayEquals(curveWithoutTime(tmp.resolve("a")), curveWithoutTime(tmp.resolve("b")));
    }
}
