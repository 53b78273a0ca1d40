package rln.train;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rln.autodiff.Parameter;
import rln.io.InputException;
import rln.io.LearningCurveCsv;
import rln.io.Npy;
import rln.tensor.Tensor;

/** The training loop: it learns, it resumes bitwise, it survives a crash, it writes what it promises. */
class TrainerTest {
    static final int N = 6;

    /** Random microstructures; targets = the last pass of a teacher model (so the task is learnable exactly). */
    static TrainingData data(int count, long seed) {
        Random rnd = new Random(seed);
        int v = N * N * N;
        float[][] m = new float[count][v], t = new float[count][];
        TinyModel teacher = new TinyModel(2, 99);
        for (int i = 0; i < count; i++) {
            for (int x = 0; x < v; x++) m[i][x] = rnd.nextInt(2);
            Tensor mi = Tensor.wrap(m[i].clone(), 1, N, N, N, 1);
            t[i] = teacher.predict(mi).get(1).floats().clone();
        }
        return new TrainingData(N, N, N, m, t, "synthetic-" + seed);
    }

    static final TrainingData TRAIN = data(10, 1), VALID = data(4, 2);

    static TrainingConfig config(int epochs) {
        return new TrainingConfig("tiny", 2, epochs, 4, 0.01, 1e-8, 7, false, false, 3);
    }

    /** A model directory for the tiny model: one .npy per parameter and a model.json. */
    static void writeModel(rln.nn.LocalizationModel model, Path dir) throws IOException {
        Files.createDirectory(dir); // fails if it exists: the Trainer must hand over a fresh path
        for (Parameter p : model.parameters()) Npy.writeFloats(dir.resolve(p.name() + ".npy"), p.value().floats(), p.value().shape());
        Files.writeString(dir.resolve("model.json"), "{\"kind\": \"tiny\"}\n");
    }

    static List<Trainer.EpochReport> train(TinyModel model, int epochs, int stopAfter, Path dir) throws IOException {
        return new Trainer(model, config(epochs), TRAIN, VALID, dir, TrainerTest::writeModel).run(new PrintWriter(new StringWriter()), stopAfter);
    }

    static void assertSameParameters(TinyModel a, TinyModel b) {
        for (int k = 0; k < a.parameters().size(); k++)
            assertTrue(a.parameters().get(k).value().bitwiseEquals(b.parameters().get(k).value()), "parameter " + a.parameters().get(k) + " differs");
    }

    /** The CSV rows without the seconds column (wall time differs between runs). */
    static double[][] curveWithoutTime(Path dir) {
        LearningCurveCsv c = LearningCurveCsv.read(dir.resolve(Trainer.CSV));
        double[][] rows = new double[c.size()][];
        for (int r = 0; r < c.size(); r++) rows[r] = new double[] {c.epoch()[r], c.trainLoss()[r], c.validLoss()[r], c.validMase()[r]};
        return rows;
    }

    @Test
    void itLearnsAndWritesCurveBestAndFinalModel(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("model");
        TinyModel model = new TinyModel(2, 5);
        double before = Evaluation.of(model, VALID, 3).loss();
        List<Trainer.EpochReport> r = train(model, 6, 6, dir);
        assertEquals(6, r.size());
        double after = r.get(5).valid().loss();
        // the teacher is in the model class: a few epochs of Adam at lr 1e-2 cut the validation loss well below half
        assertTrue(after < 0.5 * before, "validation loss " + before + " -> " + after);
        assertTrue(r.get(5).trainLoss() < r.get(0).trainLoss());
        // the learning rate follows the cosine schedule: epoch e uses eta(e - 1)
        for (Trainer.EpochReport e : r) assertEquals(1e-8 + (0.01 - 1e-8) * (1 + Math.cos(Math.PI * (e.epoch() - 1) / 6)) / 2, e.lr(), 1e-18);
        LearningCurveCsv c = LearningCurveCsv.read(dir.resolve(Trainer.CSV));
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, c.epoch());
        assertEquals(r.get(5).valid().mase().mean(), c.validMase()[5], 0);
        assertTrue(Files.size(dir.resolve(Trainer.PNG)) > 1000);
        assertTrue(Files.exists(dir.resolve("model.json")) && Files.exists(dir.resolve("proximal.conv.weight.npy")));
        // best/ holds the parameters of the epoch with the lowest validation loss
        int bestEpoch = r.stream().min((a, b) -> Double.compare(a.valid().loss(), b.valid().loss())).get().epoch();
        assertTrue(r.get(bestEpoch - 1).best());
        assertTrue(Files.exists(dir.resolve("best/model.json")));
        if (bestEpoch == 6)
            assertArrayEquals(model.w.value().floats(), Npy.read(dir.resolve("best/proximal.conv.weight.npy")).toFloats());
        // no temporary directory is left behind
        try (Stream<Path> s = Files.walk(dir)) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().startsWith(".")).toList());
        }
    }

    @Test
    void twoEpochsEqualOneEpochPlusAResumedSecond(@TempDir Path tmp) throws IOException {
        TinyModel straight = new TinyModel(2, 5);
        train(straight, 2, 2, tmp.resolve("a"));
        TinyModel first = new TinyModel(2, 5);
        assertEquals(1, train(first, 2, 1, tmp.resolve("b")).size());
        assertFalse(Files.exists(tmp.resolve("b/model.json")), "the final model is written only at the last epoch");
        TinyModel resumed = new TinyModel(2, 5); // a fresh process: fresh initialization, then the checkpoint
        assertEquals(1, train(resumed, 2, 2, tmp.resolve("b")).size());
        assertSameParameters(straight, resumed);
        assertArrayEquals(curveWithoutTime(tmp.resolve("a")), curveWithoutTime(tmp.resolve("b")));
        assertArrayEquals(Files.readAllBytes(tmp.resolve("a/proximal.conv.weight.npy")), Files.readAllBytes(tmp.resolve("b/proximal.conv.weight.npy")));
    }

    @Test
    void aRunKilledMidEpochResumesFromItsLastCheckpoint(@TempDir Path tmp) throws IOException {
        TinyModel straight = new TinyModel(2, 5);
        train(straight, 3, 3, tmp.resolve("a"));
        Path b = tmp.resolve("b");
        TinyModel crashing = new TinyModel(2, 5);
        crashing.failAfterSteps = 3 + 3 + 1; // 3 batches per epoch: dies in epoch 3's second batch
        assertThrows(IllegalStateException.class, () -> train(crashing, 3, 3, b));
        // as if killed while writing epoch 3's checkpoint too: a half-written directory under its temporary name
        // and a complete-looking one that checkpoint.json does not name yet
        Files.createDirectories(b.resolve("checkpoints/.epoch-0003-123"));
        Files.writeString(b.resolve("checkpoints/.epoch-0003-123/param-000.npy"), "garbage");
        Files.createDirectories(b.resolve("checkpoints/epoch-0003"));
        Files.createDirectories(b.resolve(".model-456"));
        TinyModel resumed = new TinyModel(2, 5);
        List<Trainer.EpochReport> r = train(resumed, 3, 3, b);
        assertEquals(List.of(3), r.stream().map(Trainer.EpochReport::epoch).toList());
        assertSameParameters(straight, resumed);
        assertArrayEquals(curveWithoutTime(tmp.resolve("a")), curveWithoutTime(b));
        try (Stream<Path> s = Files.list(b.resolve("checkpoints"))) {
            assertEquals(List.of("epoch-0003"), s.map(p -> p.getFileName().toString()).toList());
        }
        assertFalse(Files.exists(b.resolve(".model-456")));
    }

    @Test
    void aRunKilledInsideAnEpochResumesFromItsLastBatchCheckpointBitwise(@TempDir Path tmp) throws IOException {
        PrintWriter quiet = new PrintWriter(new StringWriter());
        TinyModel straight = new TinyModel(2, 5); // the default interval: no checkpoint inside these short epochs
        new Trainer(straight, augmented(3), TRAIN, VALID, tmp.resolve("a"), TrainerTest::writeModel).run(quiet);
        Path b = tmp.resolve("b");
        TinyModel crashing = new TinyModel(2, 5);
        crashing.failAfterSteps = 3 + 2; // batches of 4, 4, 2: dies in epoch 2's last batch, after samples 0-7 of it
        assertThrows(IllegalStateException.class,
                () -> new Trainer(crashing, augmented(3), TRAIN, VALID, b, TrainerTest::writeModel).checkpointEvery(0).run(quiet));
        try (Stream<Path> s = Files.list(b.resolve("checkpoints"))) {
            assertEquals(List.of("epoch-0001-s000008"), s.map(p -> p.getFileName().toString()).toList());
        }
        Checkpoint c = Checkpoint.load(b, new TinyModel(2, 5).parameters(), new Adam(new TinyModel(2, 5).parameters(), 0.01));
        assertEquals(1, c.epoch());
        assertEquals(3 + 2, c.adamSteps());
        assertEquals(8, c.partial().samples());
        TinyModel resumed = new TinyModel(2, 5); // a fresh process; where it checkpoints does not matter
        List<Trainer.EpochReport> r = new Trainer(resumed, augmented(3), TRAIN, VALID, b, TrainerTest::writeModel)
                .checkpointEvery(Double.POSITIVE_INFINITY).run(quiet);
        assertEquals(List.of(2, 3), r.stream().map(Trainer.EpochReport::epoch).toList());
        assertEquals(1 + 3, resumed.steps, "epoch 2 resumes at its last batch (1 step), then epoch 3 (3 steps)");
        assertSameParameters(straight, resumed);
        // the train loss of epoch 2 is the partial sum carried through the checkpoint plus the last batch: exact
        assertArrayEquals(curveWithoutTime(tmp.resolve("a")), curveWithoutTime(b));
        try (Stream<Path> s = Files.list(b.resolve("checkpoints"))) {
            assertEquals(List.of("epoch-0003"), s.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void checkpointsAfterEveryBatchLeaveTheNumbersAlone(@TempDir Path tmp) throws IOException {
        TinyModel plain = new TinyModel(2, 5), often = new TinyModel(2, 5);
        PrintWriter quiet = new PrintWriter(new StringWriter());
        new Trainer(plain, augmented(2), TRAIN, VALID, tmp.resolve("a"), TrainerTest::writeModel).run(quiet);
        new Trainer(often, augmented(2), TRAIN, VALID, tmp.resolve("b"), TrainerTest::writeModel).checkpointEvery(0).run(quiet);
        assertSameParameters(plain, often);
        assertArrayEquals(curveWithoutTime(tmp.resolve("a")), curveWithoutTime(tmp.resolve("b")));
    }

    static TrainingConfig warmedUp(int epochs, int warmupSteps) {
        TrainingConfig c = config(epochs);
        return new TrainingConfig(c.kind(), c.passes(), c.epochs(), c.batch(), c.lr(), c.lrMin(), c.seed(), false, false, c.evalBatch(), false,
                null, warmupSteps);
    }

    /** The largest |change| of any parameter value of {@code m} against {@code before}. */
    static double largestMove(TinyModel m, float[][] before) {
        double d = 0;
        for (int k = 0; k < before.length; k++)
            for (int i = 0; i < before[k].length; i++) d = Math.max(d, Math.abs(m.parameters().get(k).value().floats()[i] - before[k][i]));
        return d;
    }

    @Test
    void theWarmUpScalesTheFirstStepsAndAWarmedUpRunResumesBitwise(@TempDir Path tmp) throws IOException {
        PrintWriter quiet = new PrintWriter(new StringWriter());
        // Adam's first step moves every parameter by lr g / (|g| + eps) = lr (1 - O(eps / |g|)): the warm-up's first step by lr / W
        for (int w : new int[] {0, 4}) {
            TinyModel m = new TinyModel(2, 5);
            float[][] before = m.parameters().stream().map(p -> p.value().floats().clone()).toArray(float[][]::new);
            m.failAfterSteps = 1;
            assertThrows(IllegalStateException.class,
                    () -> new Trainer(m, warmedUp(3, w), TRAIN, VALID, tmp.resolve("first-" + w), TrainerTest::writeModel).run(quiet));
            double expected = w == 0 ? 0.01 : 0.01 / w;
            assertEquals(expected, largestMove(m, before), expected * 1e-3, "W = " + w); // float parameters: 2^-24 relative rounding
        }
        assertEquals(0.01 * 2 / 5, warmedUp(3, 5).stepLr(0.01, 2), 1e-18);
        assertEquals(0.01, warmedUp(3, 5).stepLr(0.01, 5), 0);
        assertEquals(0.01, warmedUp(3, 0).stepLr(0.01, 1), 0);
        // the ramp (5 steps) outlasts epoch 1 (3 steps): a resume at epoch 2 continues it from Adam's step count
        TinyModel straight = new TinyModel(2, 5), resumed = new TinyModel(2, 5), plain = new TinyModel(2, 5);
        new Trainer(straight, warmedUp(2, 5), TRAIN, VALID, tmp.resolve("a"), TrainerTest::writeModel).run(quiet);
        new Trainer(new TinyModel(2, 5), warmedUp(2, 5), TRAIN, VALID, tmp.resolve("b"), TrainerTest::writeModel).run(quiet, 1);
        new Trainer(resumed, warmedUp(2, 5), TRAIN, VALID, tmp.resolve("b"), TrainerTest::writeModel).run(quiet);
        assertSameParameters(straight, resumed);
        new Trainer(plain, config(2), TRAIN, VALID, tmp.resolve("c"), TrainerTest::writeModel).run(quiet);
        assertFalse(plain.w.value().bitwiseEquals(straight.w.value()), "the warm-up did not change the training");
        InputException e = assertThrows(InputException.class,
                () -> new Trainer(new TinyModel(2, 5), warmedUp(2, 5), TRAIN, VALID, tmp.resolve("c"), TrainerTest::writeModel).run(quiet));
        assertTrue(e.getMessage().contains("warmup_steps"), e.getMessage());
    }

    @Test
    void resumingWithOtherSettingsIsRefusedNamingTheSetting(@TempDir Path tmp) throws IOException {
        train(new TinyModel(2, 5), 2, 1, tmp);
        TrainingConfig other = new TrainingConfig("tiny", 2, 2, 5, 0.01, 1e-8, 7, false, false, 3);
        InputException e = assertThrows(InputException.class,
                () -> new Trainer(new TinyModel(2, 5), other, TRAIN, VALID, tmp, TrainerTest::writeModel).run(new PrintWriter(new StringWriter())));
        assertTrue(e.getMessage().contains("checkpoint.json") && e.getMessage().contains("batch = 4"), e.getMessage());
    }

    @Test
    void aFinishedRunIsNotTrainedAgain(@TempDir Path tmp) throws IOException {
        TinyModel a = new TinyModel(2, 5);
        train(a, 2, 2, tmp);
        TinyModel again = new TinyModel(2, 5);
        assertEquals(0, train(again, 2, 2, tmp).size());
        assertSameParameters(a, again);
    }

    @Test
    void shufflesArePermutationsDrawnFromSeedAndEpoch() {
        int[] a = Trainer.shuffle(50, 7, 3);
        assertArrayEquals(a, Trainer.shuffle(50, 7, 3));
        assertArrayEquals(java.util.stream.IntStream.range(0, 50).toArray(), Arrays.stream(a).sorted().toArray());
        assertFalse(Arrays.equals(a, Trainer.shuffle(50, 7, 4)));
        assertFalse(Arrays.equals(a, Trainer.shuffle(50, 8, 3)));
    }

    static TrainingConfig augmented(int epochs) {
        TrainingConfig c = config(epochs);
        return new TrainingConfig(c.kind(), c.passes(), c.epochs(), c.batch(), c.lr(), c.lrMin(), c.seed(), false, false, c.evalBatch(), true, null);
    }

    @Test
    void augmentationChangesTheStepsAndAnAugmentedRunResumesBitwise(@TempDir Path tmp) throws IOException {
        PrintWriter quiet = new PrintWriter(new StringWriter());
        TinyModel plain = new TinyModel(2, 5), straight = new TinyModel(2, 5);
        train(plain, 2, 2, tmp.resolve("plain"));
        new Trainer(straight, augmented(2), TRAIN, VALID, tmp.resolve("a"), TrainerTest::writeModel).run(quiet);
        assertFalse(plain.w.value().bitwiseEquals(straight.w.value()), "--augment did not change the training");
        new Trainer(new TinyModel(2, 5), augmented(2), TRAIN, VALID, tmp.resolve("b"), TrainerTest::writeModel).run(quiet, 1);
        TinyModel resumed = new TinyModel(2, 5);
        new Trainer(resumed, augmented(2), TRAIN, VALID, tmp.resolve("b"), TrainerTest::writeModel).run(quiet);
        assertSameParameters(straight, resumed);
        assertArrayEquals(curveWithoutTime(tmp.resolve("a")), curveWithoutTime(tmp.resolve("b")));
        // a checkpoint of an augmented run does not resume without --augment, nor a plain one with it
        InputException e = assertThrows(InputException.class,
                () -> new Trainer(new TinyModel(2, 5), config(2), TRAIN, VALID, tmp.resolve("b"), TrainerTest::writeModel).run(quiet));
        assertTrue(e.getMessage().contains("augment = true"), e.getMessage());
    }

    @Test
    void theAugmentedBatchIsTheMappedSamples() {
        int[] order = {3, 1, 4};
        Symmetry[] maps = Symmetry.forEpoch(3, N, N, N, 9, 1);
        Tensor m = TRAIN.microBatch(order, 0, 3, maps), t = TRAIN.targetBatch(order, 0, 3, maps);
        int v = N * N * N;
        for (int b = 0; b < 3; b++) {
            assertArrayEquals(maps[b].apply(TRAIN.micro(order[b]), N, N, N), Arrays.copyOfRange(m.floats(), b * v, (b + 1) * v));
            assertArrayEquals(maps[b].apply(TRAIN.target(order[b]), N, N, N), Arrays.copyOfRange(t.floats(), b * v, (b + 1) * v));
        }
    }

    @Test
    void validationMayUseAnotherGridThanTraining(@TempDir Path tmp) throws IOException {
        // the networks are fully convolutional: train on small cells, validate on the target size
        Random rnd = new Random(4);
        int n = 8, v = n * n * n;
        float[][] m = new float[3][v], t = new float[3][];
        TinyModel teacher = new TinyModel(2, 99);
        for (int i = 0; i < 3; i++) {
            for (int x = 0; x < v; x++) m[i][x] = rnd.nextInt(2);
            t[i] = teacher.predict(Tensor.wrap(m[i].clone(), 1, n, n, n, 1)).get(1).floats().clone();
        }
        TrainingData big = new TrainingData(n, n, n, m, t, "synthetic-8");
        List<Trainer.EpochReport> r = new Trainer(new TinyModel(2, 5), config(2), TRAIN, big, tmp, TrainerTest::writeModel).run(new PrintWriter(new StringWriter()));
        assertEquals(2, r.size());
        assertEquals(3, r.get(1).valid().mase().n());
    }

    @Test
    void theRealNetworkResumesBitwiseAndItsSavedModelsLoad(@TempDir Path tmp) throws IOException {
        TrainingConfig c = new TrainingConfig("rln-t", 2, 2, 4, 2e-3, 1e-8, 3, false, false, 4);
        PrintWriter quiet = new PrintWriter(new StringWriter());
        rln.nn.LocalizationModel straight = rln.nn.Models.create("rln-t", 2, false, 11);
        new Trainer(straight, c, TRAIN, VALID, tmp.resolve("a"), rln.nn.Models::save).run(quiet);
        rln.nn.LocalizationModel first = rln.nn.Models.create("rln-t", 2, false, 11);
        new Trainer(first, c, TRAIN, VALID, tmp.resolve("b"), rln.nn.Models::save).run(quiet, 1);
        rln.nn.LocalizationModel resumed = rln.nn.Models.create("rln-t", 2, false, 11);
        new Trainer(resumed, c, TRAIN, VALID, tmp.resolve("b"), rln.nn.Models::save).run(quiet);
        for (int k = 0; k < straight.parameters().size(); k++)
            assertTrue(straight.parameters().get(k).value().bitwiseEquals(resumed.parameters().get(k).value()), straight.parameters().get(k).name());
        // MODELDIR itself is the final model, best/ a model too; both load and the final one predicts as trained
        Tensor m = TRAIN.microBatch(TRAIN.inOrder(), 0, 2);
        rln.nn.LocalizationModel loaded = rln.nn.Models.load(tmp.resolve("a"));
        for (int k = 0; k < 2; k++) assertTrue(loaded.predict(m).get(k).bitwiseEquals(straight.predict(m).get(k)), "pass " + (k + 1));
        assertEquals(2, rln.nn.Models.load(tmp.resolve("a/best")).passes());
    }

    /**
     * --parallel samples at 2 threads: a run stopped after epoch 1 and resumed is bitwise the uninterrupted one; the
     * mode is part of the run (a resume in the other mode is refused), and the default mode is not recorded, so the
     * checkpoints written before the option existed still resume.
     */
    @Test
    void aSampleSplitRunResumesBitwiseAndTheModeIsPartOfTheRun(@TempDir Path tmp) throws IOException {
        TrainingConfig layers = new TrainingConfig("rln-t", 2, 2, 4, 2e-3, 1e-8, 3, false, false, 4);
        TrainingConfig samples = new TrainingConfig("rln-t", 2, 2, 4, 2e-3, 1e-8, 3, false, false, 4, false, null, 0, rln.nn.Parallelism.SAMPLES);
        assertFalse(layers.fingerprint().containsKey("parallel"));
        assertEquals("samples", samples.fingerprint().get("parallel"));
        PrintWriter quiet = new PrintWriter(new StringWriter());
        int before = rln.util.Parallel.threads();
        try {
            rln.util.Parallel.setThreads(2);
            rln.nn.LocalizationModel straight = rln.nn.Models.create("rln-t", 2, false, 11);
            new Trainer(straight, samples, TRAIN, VALID, tmp.resolve("a"), rln.nn.Models::save).run(quiet);
            new Trainer(rln.nn.Models.create("rln-t", 2, false, 11), samples, TRAIN, VALID, tmp.resolve("b"), rln.nn.Models::save).run(quiet, 1);
            rln.nn.LocalizationModel resumed = rln.nn.Models.create("rln-t", 2, false, 11);
            new Trainer(resumed, samples, TRAIN, VALID, tmp.resolve("b"), rln.nn.Models::save).run(quiet);
            for (int k = 0; k < straight.parameters().size(); k++)
                assertTrue(straight.parameters().get(k).value().bitwiseEquals(resumed.parameters().get(k).value()), straight.parameters().get(k).name());
            assertArrayEquals(curveWithoutTime(tmp.resolve("a")), curveWithoutTime(tmp.resolve("b")));
            new Trainer(rln.nn.Models.create("rln-t", 2, false, 11), samples, TRAIN, VALID, tmp.resolve("c"), rln.nn.Models::save).run(quiet, 1);
            InputException e = assertThrows(InputException.class,
                    () -> new Trainer(rln.nn.Models.create("rln-t", 2, false, 11), layers, TRAIN, VALID, tmp.resolve("c"), rln.nn.Models::save).run(quiet));
            assertTrue(e.getMessage().contains("parallel = \"samples\", this run asks for the default"), e.getMessage());
        } finally {
            rln.util.Parallel.setThreads(before);
        }
    }
}
