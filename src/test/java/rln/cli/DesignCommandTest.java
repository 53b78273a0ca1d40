package rln.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rln.io.Json;
import rln.io.Npy;
import rln.solve.EffectiveStiffness;
import rln.solve.Element;
import rln.solve.problem.Problem;
import rln.solve.hex8.Hex8Solver;

/**
 * rln design end to end on tiny grids: every output written, and report.json's exact objectives equal to what the
 * solver gives for start.npy and design.npy when recomputed here by other code paths (EffectiveStiffness for C11,
 * the plain two-phase solve and the formula for matrix-peak).
 */
class DesignCommandTest {
    @TempDir Path dir;

    @SuppressWarnings("unchecked")
    static Map<String, Object> report(Path out) throws Exception {
        Path f = out.resolve("report.json");
        return Json.parseObject(f, Files.readString(f));
    }

    static double exact(Map<String, Object> report, String which) {
        return ((Number) ((Map<?, ?>) report.get(which)).get("exact")).doubleValue();
    }

    static byte[] phases(Path file, int n) {
        Npy.Array a = Npy.read(file);
        assertArrayEquals(new int[] {n, n, n}, a.shape, file.toString());
        assertEquals(Npy.DType.U1, a.dtype);
        return a.toBytes();
    }

    /** rln design at vf 0.3, contrast 10, filter 1.5 on n^3 into {@code out}; asserts success. */
    static DataCommandsTest.Run design(String objective, int n, String through, int iterations, Path out) {
        DataCommandsTest.Run r = DataCommandsTest.run("design", "--objective", objective, "--vf", "0.3", "--size", Integer.toString(n),
                "--contrast", "10", "--through", through, "--iterations", Integer.toString(iterations), "--filter", "1.5", "--threads", "2",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        return r;
    }

    @Test
    void feRouteWritesEveryOutputAndScoresItExactly() throws Exception {
        int n = 6;
        Path out = dir.resolve("d");
        DataCommandsTest.Run r = design("c11-max", n, "fe", 6, out);
        assertEquals(6, r.out().lines().filter(l -> l.startsWith("it ")).count(), r.out());
        for (String f : List.of("start.npy", "design.npy", "history.csv", "design.png", "design.vti", "report.json"))
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        byte[] start = phases(out.resolve("start.npy"), n), d = phases(out.resolve("design.npy"), n);
        int ones = 0;
        for (byte b : d) ones += b;
        assertEquals(Math.round(0.3 * n * n * n), ones, "the binary design holds vf");
        Map<String, Object> rep = report(out);
        for (String which : List.of("start", "design")) {
            byte[] phase = which.equals("start") ? start : d;
            double c11 = EffectiveStiffness.compute(Element.HEX8_BBAR, 1, n, n, n, phase, 10, 0.3, 1e-10)[0][0];
            assertEquals(c11, exact(rep, which), 1e-6 * c11, which + ": report.json's C11 is the solver's");
        }
        assertEquals(7, Files.readAllLines(out.resolve("history.csv")).size(), "header + one row per iteration");
        assertNotNull(javax.imageio.ImageIO.read(out.resolve("design.png").toFile()));
        assertTrue(Files.readString(out.resolve("design.vti")).contains("Name=\"design\""));
    }

    @Test
    void modelRouteDesignIsScoredByTheExactSolver() throws Exception {
        int n = 7;
        Path out = dir.resolve("m");
        design("matrix-peak", n, "published:FLN_c10", 2, out);
        Map<String, Object> rep = report(out);
        assertEquals("published:FLN_c10", rep.get("through"));
        byte[] d = phases(out.resolve("design.npy"), n);
        double[] exx = new Hex8Solver(true, 1).solve(new Problem(n, n, n, d, 10, 0.3, Problem.unitStrain(0)), 1e-10).strain();
        double sum = 0;
        int soft = 0;
        for (int e = 0; e < d.length; e++)
            if (d[e] == 0) {
                sum += Math.pow(exx[e], 8);
                soft++;
            }
        double j = Math.pow(sum / soft, 1.0 / 8);
        assertEquals(j, exact(rep, "design"), 1e-6, "report.json's matrix-peak J of design.npy is the solver's");
        Map<?, ?> design = (Map<?, ?>) rep.get("design");
        assertTrue(design.get("predicted") instanceof Number, "the network's own J beside the exact one");
    }

    @Test
    void badInputEndsWithOneLineAndNoOutput() {
        Path out = dir.resolve("bad");
        DataCommandsTest.assertBadInput(DataCommandsTest.run("design", "--objective", "c11-min", "--vf", "0.3", "--size", "7", "--contrast", "10",
                "--through", "published:RLN_t_c10", "--out", out.toString()), out, "--through", "use --through fe");
        DataCommandsTest.assertBadInput(DataCommandsTest.run("design", "--objective", "peak", "--vf", "0.3", "--size", "7", "--contrast", "10",
                "--through", "fe", "--out", out.toString()), out, "--objective", "matrix-peak");
        DataCommandsTest.assertBadInput(DataCommandsTest.run("design", "--objective", "c11-max", "--vf", "1.3", "--size", "7", "--contrast", "10",
                "--through", "fe", "--out", out.toString()), out, "--vf");
        DataCommandsTest.assertBadInput(DataCommandsTest.run("design", "--objective", "matrix-peak", "--vf", "0.3", "--size", "7", "--contrast", "10",
                "--through", "published:NOPE", "--out", out.toString()), out, "--through", "NOPE");
    }
}
