package rln.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import rln.io.DatasetWriter;
import rln.io.Fields;
import rln.io.Npy;

/**
 * Issue 11, failures 3 to 6: every failure a demanding user met, one test each. The rule they share: bad input or
 * environment ends with one line naming the file or option and the fix, exit status 2, nothing written (no output,
 * no lock, no temporary file); only a bug exits 1, its trace behind --debug; every "wrote" names files that exist.
 */
class FailureModesTest {
    @TempDir Path dir;

    record Run(int code, String out, String err) {
        /** The error lines (one expected). */
        List<String> errors() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    /** Runs in this JVM, capturing the command's writers and System.out (which some commands print to). */
    static Run run(String... args) {
        return run(Main.commandLine(), args);
    }

    static Run run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        PrintStream old = System.out;
        ByteArrayOutputStream sys = new ByteArrayOutputStream();
        System.setOut(new PrintStream(sys, true));
        try {
            int code = cl.execute(args);
            return new Run(code, out + sys.toString(), err.toString());
        } finally {
            System.setOut(old);
        }
    }

    /** Exit 2, one line "rln CMD: error: ..." holding every fragment and no exception class name. */
    static void assertOneLine(Run r, String... fragments) {
        assertEquals(2, r.code(), r.err() + r.out());
        assertEquals(1, r.errors().size(), "one line: " + r.err());
        String line = r.errors().get(0);
        assertTrue(line.matches("rln( [a-z-]+)*: error: .*"), line);
        assertFalse(line.matches(".*[A-Za-z]+(Exception|Error)\\b.*"), "no exception class: " + line);
        for (String f : fragments) assertTrue(line.contains(f), "expected '" + f + "' in: " + line);
    }

    /** Nothing in {@code dir} but the given names: no output, lock, checkpoint or temporary file was left. */
    void assertOnly(String... names) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(names).stream().sorted().toList(), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    Path micro(String name, int n, int size) throws Exception {
        byte[] b = new byte[n * size * size * size];
        java.util.Random r = new java.util.Random(5);
        for (int i = 0; i < b.length; i++) b[i] = (byte) r.nextInt(2);
        Npy.writeBytes(dir.resolve(name), b, n, size, size, size);
        return dir.resolve(name);
    }

    /**
     * TrainKillResumeTest's 7^3 eps_xx dataset of n samples; {@code bad} >= 0 puts {@code value} into voxel 10 of that
     * sample; without {@code meta} its meta.json is {@code {}}.
     */
    static Path dataset(Path dir, int n, int bad, double value, boolean meta) throws Exception {
        TrainKillResumeTest.dataset(dir, n, n);
        if (bad >= 0) {
            Npy.Array a = Npy.read(dir.resolve("exx.npy"));
            float[] exx = a.toFloats();
            exx[bad * 343 + 10] = (float) value;
            Npy.writeFloats(dir.resolve("exx.npy"), exx, a.shape);
        }
        if (!meta) Files.writeString(dir.resolve("meta.json"), "{}\n");
        return dir;
    }

    // ------------------------------------------------------------------------------------------ the command line

    @Test
    void noCommandAndTyposEndWithOneLineAndSuggestions() {
        assertOneLine(run(), "missing command: one of solve, generate", "(see: rln --help)");
        assertOneLine(run("mks"), "rln mks: error: missing command: one of fit, predict");
        assertOneLine(run("trian"), "'trian'", "did you mean train?");
        assertOneLine(run("solve", "--micro", "m.npy", "--contrast", "10", "--otu", "s.npy"), "'--otu'", "did you mean --out?");
        assertEquals(0, run("--help").code());
        assertEquals(0, run("mks", "--help").code());
    }

    @Test
    void enumOptionsNameTheirValues() {
        String m = dir.resolve("m").toString();
        assertOneLine(run("solve", "--micro", "m.npy", "--contrast", "10", "--element", "hex9", "--out", "s.npy"),
                "'--element': unknown element 'hex9' (expected one of hex8-bbar, hex8, spectral, basic)");
        assertOneLine(run("solve", "--micro", "m.npy", "--contrast", "10", "--strain", "xq", "--out", "s.npy"),
                "'--strain': unknown strain component 'xq' (expected xx, yy, zz, yz, xz or xy)");
        assertOneLine(run("import-weights", "--from", "w", "--model", "unet", "--out", m), "'--model': unknown model kind 'unet' (expected fln, rln-t, rln or cnn)");
        assertOneLine(run("import-weights", "--from", "w", "--model", "cnn", "--out", m), "--model cnn: import-weights reads the authors' tensors of a proximal network");
        assertOneLine(run("import-weights", "--from", "w", "--model", "fln", "--passes", "3", "--out", m), "--passes: an FLN has exactly 1 pass, got 3");
    }

    @Test
    void impossibleThreadsToleranceContrastAndGridAreRefusedUpFront() throws Exception {
        Path m = micro("m.npy", 1, 5), s = dir.resolve("s.npy");
        assertOneLine(run("solve", "--micro", m.toString(), "--contrast", "10", "--threads", "40000", "--out", s.toString()), "--threads", "1..1024", "40000");
        assertOneLine(run("solve", "--micro", m.toString(), "--contrast", "10", "--tol", "1e-300", "--out", s.toString()), "--tol", "[1e-14, 1)");
        assertOneLine(run("solve", "--micro", m.toString(), "--contrast", "1e160", "--out", s.toString()), "--contrast", "[1e-8, 1e8]");
        assertOneLine(run("generate", "--out", dir.resolve("g").toString(), "--count", "1", "--size", "1291", "--contrast", "10"), "--size", "355^3");
        assertOneLine(run("bench", "solve", "--n", "400"), "--n", "355^3");
        assertOneLine(run("bench", "conv", "--n", "8", "--cin", "1", "--cout", "1", "--threads", "40000"), "--threads", "1..1024");
        assertOnly("m.npy");
    }

    @Test
    void aGenerateThatCannotFitTheHeapIsRefusedBeforeItStarts() throws Exception {
        Run r = run("generate", "--out", dir.resolve("g").toString(), "--count", "100", "--size", "350", "--contrast", "10", "--threads", "2");
        assertOneLine(r, "--size 350: needs about", "of heap", "the JVM has", "JAVA_OPTS=-Xmx", "fewer --threads or a smaller --chunk");
        assertOnly();
    }

    /** A real JVM with a small heap: the out-of-memory error is one line with the heap hint, and nothing is left. */
    @Test
    void outOfMemoryIsOneLineWithTheHeapHintAndLeavesNothing() throws Exception {
        Path m = micro("m.npy", 1, 64);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-Xmx40m", "-cp", System.getProperty("java.class.path"),
                "rln.cli.Main", "solve", "--micro", m.toString(), "--contrast", "10", "--threads", "1", "--out", dir.resolve("s.npy").toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        List<String> lines = log.lines().filter(l -> !l.startsWith("WARNING: Using incubator")).toList();
        assertEquals(2, p.exitValue(), log);
        assertEquals(1, lines.size(), log);
        assertTrue(lines.get(0).startsWith("rln solve: error: out of memory: the Java heap holds at most"), log);
        assertTrue(lines.get(0).contains("JAVA_OPTS=-Xmx"), log);
        assertOnly("m.npy");
    }

    // ------------------------------------------------------------------------------------------ outputs

    @Test
    void anUnwritableOutputIsReportedBeforeAnyCompute() throws Exception {
        Path m = micro("m.npy", 1, 5);
        Path plain = Files.writeString(dir.resolve("plain"), "not a directory");
        Run r = run("solve", "--micro", m.toString(), "--contrast", "10", "--out", plain.resolve("s.npy").toString());
        assertOneLine(r, plain.resolve("s.npy") + ": cannot write in " + plain, "choose another output");
        assertFalse(r.out().contains("sample 0"), "refused before the first solve: " + r.out());
        if (!System.getProperty("user.name").equals("root")) { // permissions bind everyone but root
            Path ro = Files.createDirectory(dir.resolve("ro"));
            Files.setPosixFilePermissions(ro, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
            Run d = run("generate", "--out", ro.resolve("g").toString(), "--count", "2", "--size", "5", "--contrast", "10");
            assertOneLine(d, "cannot write in " + ro, "permission denied");
            assertFalse(d.out().contains("generate: "), d.out());
        }
    }

    /** The write fails half-way (a file size limit, as a full disk would): the file is named, nothing is left. */
    @Test
    void aWriteThatFailsHalfWayNamesTheFileAndLeavesNothing() throws Exception {
        Path m = micro("m.npy", 4, 16); // 4 x 6 x 16^3 float64: 786 kB of strain
        String java = ProcessHandle.current().info().command().orElse("java");
        String cmd = "ulimit -f 100; exec '" + java + "' --add-modules jdk.incubator.vector -Xmx512m -cp '" + System.getProperty("java.class.path")
                + "' rln.cli.Main solve --micro '" + m + "' --contrast 10 --threads 1 --out '" + dir.resolve("s.npy") + "'";
        Process p = new ProcessBuilder("bash", "-c", cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        List<String> errors = log.lines().filter(l -> l.startsWith("rln ")).toList();
        assertEquals(2, p.exitValue(), log);
        assertEquals(List.of("rln solve: error: " + dir.resolve("s.npy") + ": File too large (a file size limit (ulimit -f) or the file system's limit stops it;"
                + " choose another file system)"), errors, log);
        assertOnly("m.npy");
    }

    @Test
    void aFileWhereADirectoryIsNeededAndTheReverseAreRefused() throws Exception {
        Path d = TrainEvalCommandsTest.dataset(dir.resolve("d"), 1);
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertOneLine(run("train", "--train", d.toString(), "--valid", d.toString(), "--model", "fln", "--out", file.toString()),
                file + ": is a file (--out needs a directory)");
        Run e = run("eval", "--model", "mks", "--train", d.toString(), "--data", d.toString(), "--json", dir.toString());
        assertOneLine(e, dir + ": is a directory (--json needs the name of a file to write)");
        assertFalse(e.out().contains("MASE"), "refused before the evaluation: " + e.out());
        assertOneLine(run("merge", "--out", file.toString(), d.toString()), file + ": already exists (--out needs a new directory)");
    }

    /** A grid the proximal network cannot take (axes of mixed parity) is refused with its dataset, before any work. */
    @Test
    void aMixedParityGridIsRefusedWithItsDatasetByEvalAndTrain() throws Exception {
        Path d = TrainEvalCommandsTest.dataset(dir.resolve("d"), 1); // 5 x 4 x 3
        String why = d + ": grid 5x4x3: the network needs axes that are all odd or all even";
        Run e = run("eval", "--model", "published:RLN_t_c10", "--data", d.toString(), "--json", dir.resolve("e.json").toString());
        assertOneLine(e, why);
        assertFalse(e.out().contains("MASE"), "refused before the evaluation: " + e.out());
        assertOneLine(run("train", "--train", d.toString(), "--valid", d.toString(), "--model", "fln", "--out", dir.resolve("m").toString()), why);
        assertOnly("d");
        // the MKS baseline is not a network: it scores any grid
        assertEquals(0, run("eval", "--model", "mks", "--train", d.toString(), "--data", d.toString()).code());
    }

    /** A resubmitted job (the same arguments, the dataset finished) has nothing to do; other arguments are refused. */
    @Test
    void generateIntoItsOwnFinishedDatasetHasNothingToDo() throws Exception {
        Path g = dir.resolve("g");
        String[] args = {"generate", "--out", g.toString(), "--count", "4", "--size", "4", "--contrast", "10", "--shard", "1/2", "--threads", "1"};
        assertEquals(0, run(args).code());
        long modified = Files.getLastModifiedTime(g.resolve("strain.npy")).toMillis();
        Run again = run(args);
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains(g + ": already made with these arguments; nothing to do"), again.out());
        assertEquals(modified, Files.getLastModifiedTime(g.resolve("strain.npy")).toMillis(), "not rewritten");
        assertOneLine(run(concat(args, "--seed", "9")), g + ": already exists (--out needs a new directory)");
        assertOneLine(run("generate", "--out", g.toString(), "--count", "4", "--size", "4", "--contrast", "10", "--threads", "1"), "already exists");
    }

    // ------------------------------------------------------------------------------------------ rln train's report

    /** Every path a "wrote" line names exists; a stopped run says so and names no final model. */
    static void assertWroteExists(String out) {
        Matcher w = Pattern.compile("(?m)^wrote (.*?)(;.*)?$").matcher(out);
        while (w.find())
            for (String item : w.group(1).split(", | and ")) {
                String path = item.replaceAll(" \\(.*\\)$", "");
                assertTrue(Files.exists(Path.of(path)), "'wrote " + path + "' but it does not exist: " + out);
            }
    }

    @Test
    void trainReportsOnlyWhatItWrote() throws Exception {
        Path train = dataset(dir.resolve("train"), 4, -1, 0, true), valid = dataset(dir.resolve("valid"), 2, -1, 0, true);
        Path m = dir.resolve("m");
        String[] args = {"train", "--train", train.toString(), "--valid", valid.toString(), "--model", "fln", "--out", m.toString(),
                "--epochs", "2", "--batch", "4", "--threads", "1"};
        assertOneLine(run(concat(args, "--stop-after", "0")), "--stop-after: must be >= 1");
        assertOneLine(run(concat(args, "--checkpoint-minutes", "-1")), "--checkpoint-minutes: must be a number >= 0, got -1.0");
        assertOneLine(run(concat(args, "--warmup-steps", "-3")), "--warmup-steps: must be >= 0, got -3");
        assertOneLine(run(concat(args, "--ema", "1")), "--ema: must be in [0, 1) (0 = none; 0.99 averages about the last 100 steps), got 1.0");
        assertOneLine(run(concat(args, "--pass-weights", "1,4")), "--pass-weights: 2 weights for 1 passes (one per pass)");
        assertOneLine(run(concat(args, "--parallel", "samples", "--batch-mean")), "--parallel samples: the batch mean");
        assertOneLine(run(concat(args, "--parallel", "rows")), "--parallel", "unknown parallel mode 'rows' (expected layers or samples)");
        assertFalse(Files.exists(m), "nothing written");

        Run one = run(concat(args, "--stop-after", "1"));
        assertEquals(0, one.code(), one.err());
        String last = one.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(last.contains("stopped after 1 epoch") && !last.contains("final model"), last);
        assertWroteExists(one.out());
        assertFalse(Files.exists(m.resolve("model.json")));

        Run again = run(concat(args, "--stop-after", "1"));
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("nothing to train") && !again.out().contains("wrote"), again.out());

        Run mismatch = run(concat(args, "--lr", "1e-3"));
        assertOneLine(mismatch, "checkpoint.json: the checkpoint was made with lr = 0.002, this run asks for 0.001");
        assertOneLine(run(concat(args, "--parallel", "samples")), "the checkpoint was made with parallel = the default, this run asks for \"samples\"");

        Run rest = run(args);
        assertEquals(0, rest.code(), rest.err());
        assertTrue(rest.out().contains("wrote " + m + " (final model)"), rest.out());
        assertWroteExists(rest.out());
    }

    @Test
    void aDivergingTrainingEndsWithOneLineAndLeavesNothing() throws Exception {
        Path train = dataset(dir.resolve("train"), 4, -1, 0, true), m = dir.resolve("m");
        String[] args = {"train", "--train", train.toString(), "--valid", train.toString(), "--model", "fln", "--out", m.toString(),
                "--epochs", "2", "--lr", "1e30", "--threads", "1"};
        // two steps per epoch: the first step's update makes the second loss NaN, in epoch 1
        assertOneLine(run(concat(args, "--batch", "2")), m + ": epoch 1: the training loss is NaN (training diverged: try a smaller --lr)");
        assertFalse(Files.exists(m), "nothing written");
        // one step per epoch: epoch 1 completes, epoch 2 diverges, and epoch 1's checkpoint stays to resume from
        assertOneLine(run(concat(args, "--batch", "4")), m + ": epoch 2: the training loss is NaN (training diverged: try a smaller --lr;"
                + " the checkpoint of epoch 1 is kept)");
        assertTrue(Files.exists(m.resolve("checkpoints/epoch-0001/state.json")));
    }

    static String[] concat(String[] a, String... b) {
        List<String> l = new ArrayList<>(List.of(a));
        l.addAll(List.of(b));
        return l.toArray(String[]::new);
    }

    // ------------------------------------------------------------------------------------------ data checked on entry

    @Test
    void nanOrInfiniteStrainsAndBadPhasesAreRefusedWhereDataEnters() throws Exception {
        Path good = dataset(dir.resolve("good"), 3, -1, 0, true);
        Path nan = dataset(dir.resolve("nan"), 3, 1, Double.NaN, true);
        Path inf = dataset(dir.resolve("inf"), 3, 2, Double.POSITIVE_INFINITY, true);
        String voxel10 = "voxel (0, 1, 3)";
        Path m = dir.resolve("m");
        Run t = run("train", "--train", good.toString(), "--valid", nan.toString(), "--model", "fln", "--out", m.toString(), "--epochs", "1", "--threads", "1");
        assertOneLine(t, nan.resolve("exx.npy") + ": sample 1, component xx, " + voxel10 + " is NaN (strains must be finite numbers)");
        assertFalse(t.out().contains("epoch"), "refused before training: " + t.out());
        assertFalse(Files.exists(m));
        assertOneLine(run("eval", "--model", "mks", "--train", good.toString(), "--data", inf.toString(), "--json", dir.resolve("e.json").toString()),
                inf.resolve("exx.npy") + ": sample 2, component xx, " + voxel10 + " is Infinity");
        assertOneLine(run("merge", "--out", dir.resolve("merged").toString(), nan.toString()), nan.resolve("exx.npy") + ": sample 1");

        Path seven = dataset(dir.resolve("seven"), 2, -1, 0, true);
        byte[] phases = new byte[2 * 343];
        phases[343 + 5] = 7;
        Npy.writeBytes(seven.resolve("micro.npy"), phases, 2, 7, 7, 7);
        assertOneLine(run("merge", "--out", dir.resolve("merged").toString(), seven.toString()),
                seven.resolve("micro.npy") + ": sample 1, voxel (0, 0, 5) holds 7 (phases must be 0 or 1)");
        assertFalse(Files.exists(dir.resolve("merged")));
        assertFalse(Files.exists(dir.resolve("e.json")));
    }

    @Test
    void aScoreThatIsNotFiniteIsRefusedBeforeTheJsonIsWritten() throws Exception {
        Path good = dataset(dir.resolve("good"), 3, -1, 0, true);
        Path zero = dir.resolve("zero");
        try (DatasetWriter w = new DatasetWriter(zero, 1, 7, 7, 7, Fields.EXX)) { // eps_xx = 0 everywhere: MASE divides by 0
            w.append(new byte[343], new double[343]);
            w.finish(Map.of());
        }
        Run r = run("eval", "--model", "mks", "--train", good.toString(), "--data", zero.toString(), "--json", dir.resolve("e.json").toString());
        assertOneLine(r, zero + ": sample 0: the MASE of pass 1 is", "mean 0");
        assertFalse(Files.exists(dir.resolve("e.json")));
    }

    @Test
    void aDatasetOfOnesOwnNeedsOnlyMicroAndExx() throws Exception {
        Path own = dataset(dir.resolve("own"), 3, -1, 0, false); // meta.json is {}
        Path bare = dataset(dir.resolve("bare"), 3, -1, 0, false);
        Files.delete(bare.resolve("meta.json")); // and none at all
        for (Path d : List.of(own, bare)) {
            Run r = run("eval", "--model", "mks", "--train", d.toString(), "--data", d.toString(), "--threads", "1");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("(3 samples"), r.out());
        }
        Run t = run("train", "--train", own.toString(), "--valid", bare.toString(), "--model", "fln", "--out", dir.resolve("m").toString(),
                "--epochs", "1", "--batch", "3", "--threads", "1");
        assertEquals(0, t.code(), t.err());
    }

    // ------------------------------------------------------------------------------------------ smaller defects

    @Test
    void mksPredictWithABadTruthWritesNothingAndFitKeepsOtherModels() throws Exception {
        Path d = TrainEvalCommandsTest.dataset(dir.resolve("d"), 1);
        Path mks = dir.resolve("mks"), out = dir.resolve("p.npy");
        assertEquals(0, run("mks", "fit", "--train", d.toString(), "--out", mks.toString()).code());
        Path wrong = micro("wrong.npy", 1, 5);
        assertOneLine(run("mks", "predict", "--model", mks.toString(), "--micro", d.resolve("micro.npy").toString(), "--truth", wrong.toString(),
                "--out", out.toString()), wrong.toString());
        assertFalse(Files.exists(out), "no --out after a bad --truth");

        Path net = dir.resolve("net");
        rln.nn.Models.save(rln.nn.Models.create("fln", 1, false, 1), net);
        String before = Files.readString(net.resolve("model.json"));
        assertOneLine(run("mks", "fit", "--train", d.toString(), "--out", net.toString()), net + ": holds another kind of model");
        assertEquals(before, Files.readString(net.resolve("model.json")), "the network's model.json is untouched");
        assertEquals(0, run("mks", "fit", "--train", d.toString(), "--out", mks.toString()).code(), "an MKS model may be refitted in place");
    }

    @Test
    void predictAndEvalReportProgress() throws Exception {
        Path d = dataset(dir.resolve("d"), 4, -1, 0, true);
        Path net = dir.resolve("net");
        rln.nn.Models.save(rln.nn.Models.create("fln", 1, false, 1), net);
        Run p = run("predict", "--model", net.toString(), "--micro", d.resolve("micro.npy").toString(), "--out", dir.resolve("p.npy").toString(), "--threads", "1");
        assertEquals(0, p.code(), p.err());
        for (int i = 1; i <= 4; i++) assertTrue(p.out().contains("predict: " + i + "/4 samples (" + 25 * i + "%)"), p.out());
        Run e = run("eval", "--model", net.toString(), "--data", d.toString(), "--batch", "2", "--threads", "1");
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("eval: 2/4 samples (50%)") && e.out().contains("eval: 4/4 samples (100%)"), e.out());
    }

    @Test
    void aMissingShardIsReportedBetweenTheShardsThatSurroundIt() throws Exception {
        Path a = dir.resolve("s0"), c = dir.resolve("s2");
        for (String[] s : new String[][] {{"0/3", a.toString()}, {"2/3", c.toString()}})
            assertEquals(0, run("generate", "--out", s[1], "--count", "6", "--size", "4", "--contrast", "10", "--shard", s[0], "--threads", "1").code());
        assertOneLine(run("merge", "--out", dir.resolve("m").toString(), a.toString(), c.toString()),
                a.toAbsolutePath() + " and " + c.toAbsolutePath() + ": samples [2, 4) between them are missing");
    }

    // ------------------------------------------------------------------------------------------ bugs

    /** A command with a bug in it. */
    @CommandLine.Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("an invariant broke");
        }
    }

    @Test
    void onlyABugExitsOneWithItsTraceBehindDebug() {
        CommandLine cl = Main.commandLine();
        cl.addSubcommand(new Boom());
        Run r = run(cl, "boom");
        assertEquals(1, r.code());
        assertEquals(List.of("rln boom: failed: IllegalStateException: an invariant broke (a bug: please report it, with the trace that --debug prints)"), r.errors());
        CommandLine again = Main.commandLine();
        again.addSubcommand(new Boom());
        Run debug = run(again, "boom", "--debug");
        assertEquals(1, debug.code());
        assertTrue(debug.err().contains("\tat rln.cli.FailureModesTest$Boom.call"), debug.err());
        assertTrue(debug.errors().get(debug.errors().size() - 1).startsWith("rln boom: failed: "), debug.err());
    }
}
