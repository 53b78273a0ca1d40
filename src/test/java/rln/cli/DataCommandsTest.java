package rln.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import rln.io.Dataset;
import rln.io.Npy;
import rln.micro.Laminate;

/** rln solve / generate / merge driven in-process: exit codes, one-line errors, no partial output. */
class DataCommandsTest {
    @TempDir Path dir;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    Path micro(String name, byte[] phases, int... shape) throws Exception {
        Path p = dir.resolve(name);
        Npy.writeBytes(p, phases, shape);
        return p;
    }

    /** Asserts exit 2 and one error line containing every fragment, and that {@code output} was not created. */
    static void assertBadInput(Run r, Path output, String... fragments) {
        assertEquals(2, r.code, r.err);
        String[] lines = r.err.strip().split("\n");
        for (String f : fragments) assertTrue(lines[0].contains(f), "expected '" + f + "' in: " + r.err);
        assertTrue(lines[0].contains(": error: "), r.err);
        if (output != null) {
            assertFalse(Files.exists(output), "no output after bad input");
            assertFalse(Files.exists(output.resolveSibling("." + output.getFileName() + ".partial")), "no checkpoint either");
        }
    }

    @Test
    void solveWritesSixComponentsMatchingTheLaminateClosedForm() throws Exception {
        int n = 5;
        byte[] lam = Laminate.generate(n, n, n, 0, 0.4, 0); // 2 stiff layers of 5 normal to x
        Path m = micro("lam.npy", lam, n, n, n);
        Path out = dir.resolve("s.npy");
        Run r = run("solve", "--micro", m.toString(), "--contrast", "10", "--tol", "1e-11", "--threads", "1", "--out", out.toString());
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.matches("(?s)sample 0: \\d+ iterations, residual [0-9.e+-]+, [0-9.]+ s\\s*"), r.out);
        Npy.Array a = Npy.read(out);
        assertArrayEquals(new int[] {1, 6, n, n, n}, a.shape);
        double[] s = a.toDoubles();
        double eps0 = 1 / (0.6 + 0.4 / 10); // METHOD.md section 3: eps_xx = E / (f0 + f1/c) in phase 0, / c in phase 1
        for (int v = 0; v < n * n * n; v++) {
            double expected = lam[v] == 1 ? eps0 / 10 : eps0;
            assertEquals(expected, s[v], 1e-8, "voxel " + v); // solver tolerance 1e-11 on a residual of O(1)
        }
    }

    @Test
    void solveEffectiveWritesOneSixBySixPerSample() throws Exception {
        int n = 4;
        byte[] two = new byte[2 * n * n * n];
        Arrays.fill(two, n * n * n, two.length, (byte) 1);
        Path m = micro("two.npy", two, 2, n, n, n);
        Path out = dir.resolve("c.npy");
        Run r = run("solve", "--micro", m.toString(), "--contrast", "3", "--effective", "--out", out.toString(), "--threads", "1");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("sample 1: effective stiffness"), r.out);
        Npy.Array a = Npy.read(out);
        assertArrayEquals(new int[] {2, 6, 6}, a.shape);
        double[] c = a.toDoubles();
        double lambda = 0.3 / (1.3 * 0.4), mu = 1 / 2.6; // E = 1, nu = 0.3
        assertEquals(lambda + 2 * mu, c[0], 1e-7);
        assertEquals(3 * (lambda + 2 * mu), c[36], 1e-7, "the all-stiff sample scales by the contrast");
    }

    @Test
    void solveRejectsBadInputWithOneLineAndNoOutput() throws Exception {
        int n = 3;
        Path out = dir.resolve("never.npy");
        byte[] ok = new byte[n * n * n];
        Path good = micro("good.npy", ok, n, n, n);
        byte[] two = ok.clone();
        two[5] = 2;
        assertBadInput(run("solve", "--micro", micro("two.npy", two, n, n, n).toString(), "--contrast", "10", "--out", out.toString()),
                out, "two.npy", "voxel (0, 1, 2) holds 2", "must be 0 or 1");
        assertBadInput(run("solve", "--micro", micro("rank2.npy", new byte[9], 3, 3).toString(), "--contrast", "10", "--out", out.toString()),
                out, "rank2.npy", "rank 2");
        Path f8 = dir.resolve("f8.npy");
        Npy.writeDoubles(f8, new double[27], 3, 3, 3);
        assertBadInput(run("solve", "--micro", f8.toString(), "--contrast", "10", "--out", out.toString()), out, "f8.npy", "dtype <f8");
        Path cut = dir.resolve("cut.npy");
        byte[] img = Files.readAllBytes(good);
        Files.write(cut, Arrays.copyOf(img, img.length - 4));
        assertBadInput(run("solve", "--micro", cut.toString(), "--contrast", "10", "--out", out.toString()), out, "cut.npy", "truncated");
        assertBadInput(run("solve", "--micro", dir.resolve("missing.npy").toString(), "--contrast", "10", "--out", out.toString()), out, "missing.npy", "no such file");
        assertBadInput(run("solve", "--micro", good.toString(), "--contrast", "NaN", "--out", out.toString()), out, "--contrast", "NaN");
        assertBadInput(run("solve", "--micro", good.toString(), "--contrast", "0", "--out", out.toString()), out, "--contrast", "[1e-8, 1e8]");
        assertBadInput(run("solve", "--micro", good.toString(), "--contrast", "-5", "--out", out.toString()), out, "--contrast");
        assertBadInput(run("solve", "--micro", good.toString(), "--contrast", "abc", "--out", out.toString()), out, "--contrast", "abc");
        assertBadInput(run("solve", "--micro", good.toString(), "--contrast", "10", "--nu", "0.5", "--out", out.toString()), out, "--nu", "(-1, 0.5)");
        assertBadInput(run("solve", "--micro", good.toString(), "--contrast", "10", "--nu", "-1.2", "--out", out.toString()), out, "--nu");
        assertBadInput(run("solve", "--micro", good.toString(), "--contrast", "10", "--element", "tet4", "--out", out.toString()), out, "--element", "tet4");
        assertBadInput(run("solve", "--micro", good.toString(), "--contrast", "10", "--strain", "xq", "--out", out.toString()), out, "--strain", "xq");
        assertBadInput(run("solve", "--micro", good.toString(), "--contrast", "10", "--tol", "0", "--out", out.toString()), out, "--tol");
        assertBadInput(run("solve", "--micro", good.toString(), "--contrast", "10"), null, "--out");
    }

    @Test
    void generateIsThreadCountIndependentAndShardsMergeToTheSameBytes() throws Exception {
        String[] common = {"--count", "5", "--size", "5", "--contrast", "10", "--seed", "3", "--chunk", "2"};
        Path one = dir.resolve("one"), two = dir.resolve("two");
        Run a = run(concat(new String[] {"generate", "--out", one.toString(), "--threads", "1"}, common));
        Run b = run(concat(new String[] {"generate", "--out", two.toString(), "--threads", "2"}, common));
        assertEquals(0, a.code, a.err);
        assertEquals(0, b.code, b.err);
        assertTrue(a.out.contains("generate: 5/5 samples (100.0%)") && a.out.contains("ETA"), a.out);
        for (String shard : new String[] {"0/2", "1/2"}) {
            Run s = run(concat(new String[] {"generate", "--out", dir.resolve("shards/" + shard.charAt(0)).toString(), "--shard", shard, "--threads", "2"}, common));
            assertEquals(0, s.code, s.err);
        }
        Path merged = dir.resolve("merged");
        Run m = run("merge", "--out", merged.toString(), dir.resolve("shards/1").toString(), dir.resolve("shards/0").toString());
        assertEquals(0, m.code, m.err);
        for (String f : new String[] {"micro.npy", "strain.npy", "meta.json"}) {
            byte[] ref = Files.readAllBytes(one.resolve(f));
            assertArrayEquals(ref, Files.readAllBytes(two.resolve(f)), f + ": threads 1 vs 2");
            assertArrayEquals(ref, Files.readAllBytes(merged.resolve(f)), f + ": merged shards vs single run");
        }
        Dataset d = Dataset.open(one);
        assertEquals(5, d.size());
        // a FE strain field averages to the applied strain exactly (METHOD.md section 3): <eps_xx> = 1
        for (int i = 0; i < 5; i++) {
            double mean = 0;
            for (float v : d.exx(i)) mean += v;
            assertEquals(1, mean / d.voxels(), 1e-6, "sample " + i); // float32 sum of 125 values ~ 1: 1e-6 covers rounding
        }
    }

    @Test
    void generateAndMergeRejectBadInputWithoutLeavingAnything() throws Exception {
        Path out = dir.resolve("ds");
        String[] base = {"generate", "--out", out.toString(), "--count", "4", "--size", "4", "--contrast", "10"};
        assertBadInput(run(concat(base, "--shard", "4/4")), out, "--shard", "4/4");
        assertBadInput(run(concat(base, "--shard", "one/two")), out, "--shard", "one/two");
        assertBadInput(run(concat(base, "--shard", "1")), out, "--shard");
        assertBadInput(run(concat(base, "--fields", "eyy")), out, "--fields", "eyy");
        assertBadInput(run(concat(base, "--kind", "voronoi")), out, "--kind", "voronoi");
        assertBadInput(run(concat(base, "--nu", "0.7")), out, "--nu");
        assertBadInput(run("generate", "--out", out.toString(), "--count", "0", "--contrast", "10"), out, "--count");
        assertBadInput(run("generate", "--out", out.toString(), "--count", "2", "--contrast", "Infinity"), out, "--contrast");
        Files.createDirectories(out);
        Run exists = run(base);
        assertEquals(2, exists.code);
        assertTrue(exists.err.contains("already exists"), exists.err);

        Path merged = dir.resolve("merged");
        Path half = dir.resolve("half");
        Run h = run("generate", "--out", half.toString(), "--count", "4", "--size", "4", "--contrast", "10", "--shard", "0/2", "--threads", "1");
        assertEquals(0, h.code, h.err);
        assertBadInput(run("merge", "--out", merged.toString(), half.toString()), merged, "samples [2, 4) are missing");
        Path bogus = dir.resolve("bogus");
        Files.createDirectories(bogus.resolve("shard0"));
        assertBadInput(run("merge", "--out", merged.toString(), bogus.toString()), merged, "shard0/micro.npy", "missing");
        assertBadInput(run("merge", "--out", merged.toString(), dir.resolve("nothere").toString()), merged, "nothere", "no such dataset directory");
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(0, s.filter(p -> p.getFileName().toString().startsWith(".")).count(), "no temporary directories left");
        }
    }

    static String[] concat(String[] a, String... b) {
        String[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
