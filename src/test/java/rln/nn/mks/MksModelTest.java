package rln.nn.mks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rln.io.InputException;
import rln.io.Npy;

class MksModelTest {

    /**
     * Round-off tolerance for FFT-based fits and predictions against the direct convolution: every quantity is
     * O(1) and passes through a handful of O(V log V) double-precision transforms on grids of at most a few
     * hundred voxels, so errors are O(1e-13); 1e-9 leaves a wide margin while still catching any wrong index,
     * sign or normalization (those give O(1) errors).
     */
    static final double TOL = 1e-9;

    static byte[] randomMicro(Random rnd, int v, double fraction1) {
        byte[] m = new byte[v];
        for (int x = 0; x < v; x++) m[x] = (byte) (rnd.nextDouble() < fraction1 ? 1 : 0);
        return m;
    }

    static double[] randomField(Random rnd, int v) {
        double[] a = new double[v];
        for (int x = 0; x < v; x++) a[x] = rnd.nextGaussian();
        return a;
    }

    /** Training data made with a known kernel: y_n = sum_h alpha_h * m_h by the direct (reference) convolution. */
    static double[][] synthesize(double[][] alpha, byte[][] micros, int nx, int ny, int nz) {
        double[][] y = new double[micros.length][];
        for (int n = 0; n < micros.length; n++) y[n] = InfluenceConvolution.predict(alpha, micros[n], nx, ny, nz);
        return y;
    }

    @Test
    void recoversAKnownInfluenceKernelUpToTheNonIdentifiablePart() {
        // odd, even (Nyquist planes) and mixed sizes
        int[][] grids = {{5, 4, 6}, {3, 5, 7}, {4, 4, 4}};
        Random rnd = new Random(42);
        for (int[] g : grids) {
            int nx = g[0], ny = g[1], nz = g[2], v = nx * ny * nz;
            double[][] alpha = {randomField(rnd, v), randomField(rnd, v)};
            byte[][] micros = new byte[10][];
            for (int n = 0; n < micros.length; n++) micros[n] = randomMicro(rnd, v, 0.2 + 0.06 * n); // distinct fractions
            MksModel model = MksModel.fit(micros, synthesize(alpha, micros, nx, ny, nz), nx, ny, nz);
            assertEquals("least-squares", model.k0Solution());

            // alpha_0 - alpha_1 is identified at every k (k != 0 via beta, k = 0 via the volume-fraction regression)
            double[] a0 = model.influence(0), a1 = model.influence(1);
            double sumTrue = 0;
            for (int x = 0; x < v; x++) {
                assertEquals(alpha[0][x] - alpha[1][x], a0[x] - a1[x], TOL, "difference at voxel " + x);
                sumTrue += alpha[0][x] + alpha[1][x];
            }
            // alpha_0 + alpha_1 is invisible at k != 0 (m_0 + m_1 = 1): the minimum-norm fit makes it a constant
            for (int x = 0; x < v; x++) assertEquals(sumTrue / v, a0[x] + a1[x], TOL, "sum at voxel " + x);

            // and so it predicts exactly like the true kernel on microstructures it has not seen
            for (int t = 0; t < 3; t++) {
                byte[] fresh = randomMicro(rnd, v, 0.5);
                assertArrayEquals(InfluenceConvolution.predict(alpha, fresh, nx, ny, nz), model.predict(fresh), TOL);
            }
        }
    }

    @Test
    void fftPredictionEqualsTheDirectConvolutionOfItsOwnKernel() {
        Random rnd = new Random(7);
        int nx = 6, ny = 5, nz = 4, v = nx * ny * nz;
        byte[][] micros = new byte[6][];
        double[][] y = new double[6][];
        for (int n = 0; n < 6; n++) {
            micros[n] = randomMicro(rnd, v, 0.3 + 0.05 * n);
            y[n] = randomField(rnd, v);          // arbitrary data: the model is whatever least squares gives
        }
        MksModel model = MksModel.fit(micros, y, nx, ny, nz);
        double[][] kernel = {model.influence(0), model.influence(1)};
        byte[] m = randomMicro(rnd, v, 0.5);
        assertArrayEquals(InfluenceConvolution.predict(kernel, m, nx, ny, nz), model.predict(m), TOL);
    }

    @Test
    void homogeneousInputGivesAConstantEqualToTheKernelSum() {
        Random rnd = new Random(3);
        int nx = 5, ny = 5, nz = 5, v = 125;
        double[][] alpha = {randomField(rnd, v), randomField(rnd, v)};
        byte[][] micros = new byte[8][];
        for (int n = 0; n < 8; n++) micros[n] = randomMicro(rnd, v, 0.1 * (n + 1));
        MksModel model = MksModel.fit(micros, synthesize(alpha, micros, nx, ny, nz), nx, ny, nz);
        for (int h = 0; h < 2; h++) {
            byte[] uniform = new byte[v];
            java.util.Arrays.fill(uniform, (byte) h);
            double sum = 0;
            for (double a : alpha[h]) sum += a;    // all-h microstructure: p(x) = sum_r alpha_h(r)
            double[] p = model.predict(uniform);
            for (double px : p) assertEquals(sum, px, TOL);
        }
    }

    @Test
    void unitMeanTrainingStrainsGiveAnAverageOfOne() {
        // normalized FE strains have mean exactly 1 whatever the volume fraction: the k = 0 regression must
        // return alpha_0(0) = alpha_1(0) = 1, so every prediction averages to 1
        Random rnd = new Random(5);
        int nx = 4, ny = 5, nz = 3, v = 60;
        byte[][] micros = new byte[5][];
        double[][] y = new double[5][];
        for (int n = 0; n < 5; n++) {
            micros[n] = randomMicro(rnd, v, 0.2 * (n + 0.5));
            y[n] = randomField(rnd, v);
            double mean = java.util.Arrays.stream(y[n]).sum() / v;
            for (int x = 0; x < v; x++) y[n][x] += 1 - mean;
        }
        MksModel model = MksModel.fit(micros, y, nx, ny, nz);
        double[] p = model.predict(randomMicro(rnd, v, 0.77));
        assertEquals(1.0, java.util.Arrays.stream(p).sum() / v, TOL);
    }

    @Test
    void equalVolumeFractionsTakeTheMinimumNormSolutionAtKZero() {
        // every sample a permutation of the same voxel multiset: one volume fraction, k = 0 is rank 1
        Random rnd = new Random(11);
        int nx = 4, ny = 4, nz = 4, v = 64;
        byte[][] micros = new byte[4][];
        double[][] y = new double[4][];
        for (int n = 0; n < 4; n++) {
            micros[n] = new byte[v];
            for (int c = 0; c < 16; c++) micros[n][(c * 4 + n * 5 + c * c) % v] = 1;
            y[n] = randomField(rnd, v);
        }
        int count = 0;
        for (byte b : micros[0]) count += b;
        for (byte[] m : micros) assertEquals(count, m.length - java.util.Arrays.stream(toInts(m)).filter(b -> b == 0).count());
        MksModel model = MksModel.fit(micros, y, nx, ny, nz);
        assertEquals("minimum-norm", model.k0Solution());
        double f1 = count / 64.0, f0 = 1 - f1, yBar = 0;
        for (double[] yn : y) for (double e : yn) yBar += e / (4.0 * v);
        double s0 = java.util.Arrays.stream(model.influence(0)).sum(), s1 = java.util.Arrays.stream(model.influence(1)).sum();
        assertEquals(yBar * f0 / (f0 * f0 + f1 * f1), s0, TOL);
        assertEquals(yBar * f1 / (f0 * f0 + f1 * f1), s1, TOL);
    }

    static int[] toInts(byte[] m) {
        int[] r = new int[m.length];
        for (int i = 0; i < m.length; i++) r[i] = m[i];
        return r;
    }

    @Property(tries = 12, seed = "20211")
    void shiftingTheMicrostructureShiftsThePrediction(@ForAll @IntRange(min = 0, max = 4) int di,
            @ForAll @IntRange(min = 0, max = 5) int dj, @ForAll @IntRange(min = 0, max = 6) int dk) {
        int nx = 5, ny = 6, nz = 7, v = nx * ny * nz;
        Random rnd = new Random(99);
        byte[][] micros = new byte[6][];
        double[][] y = new double[6][];
        for (int n = 0; n < 6; n++) {
            micros[n] = randomMicro(rnd, v, 0.25 + 0.1 * n);
            y[n] = randomField(rnd, v);
        }
        MksModel model = MksModel.fit(micros, y, nx, ny, nz);
        byte[] m = randomMicro(rnd, v, 0.5);
        byte[] shifted = new byte[v];
        for (int i = 0; i < nx; i++) for (int j = 0; j < ny; j++) for (int k = 0; k < nz; k++)
            shifted[(((i + di) % nx) * ny + (j + dj) % ny) * nz + (k + dk) % nz] = m[(i * ny + j) * nz + k];
        double[] p = model.predict(m), ps = model.predict(shifted);
        for (int i = 0; i < nx; i++) for (int j = 0; j < ny; j++) for (int k = 0; k < nz; k++)
            assertEquals(p[(i * ny + j) * nz + k], ps[(((i + di) % nx) * ny + (j + dj) % ny) * nz + (k + dk) % nz], TOL);
    }

    @Test
    void saveAndLoadPredictBitForBitAlike(@TempDir Path dir) throws Exception {
        Random rnd = new Random(1);
        int nx = 5, ny = 4, nz = 3, v = 60;
        byte[][] micros = new byte[4][];
        double[][] y = new double[4][];
        for (int n = 0; n < 4; n++) {
            micros[n] = randomMicro(rnd, v, 0.2 + 0.2 * n);
            y[n] = randomField(rnd, v);
        }
        MksModel model = MksModel.fit(micros, y, nx, ny, nz);
        Path out = dir.resolve("mks");
        model.save(out);
        MksModel back = MksModel.load(out);
        assertEquals(4, back.trainingSamples());
        assertEquals(model.k0Solution(), back.k0Solution());
        byte[] m = randomMicro(rnd, v, 0.5);
        assertArrayEquals(model.predict(m), back.predict(m), 0.0);
        assertArrayEquals(new int[] {2, 5, 4, 3}, Npy.read(out.resolve("influence.npy")).shape);
        // model.json as every MKS model so far has it (written by String.format before Gson), byte for byte
        assertEquals(String.format(java.util.Locale.ROOT, "{%n  \"kind\": \"mks-first-order\",%n  \"states\": 2,%n  \"shape\": [5, 4, 3],%n"
                + "  \"training_samples\": 4,%n  \"k0_solution\": \"%s\",%n  \"rcond\": 1.0E-10,%n"
                + "  \"influence\": \"influence.npy (states, nx, ny, nz) float64, alpha_h(x) in real space\"%n}%n", model.k0Solution()),
                Files.readString(out.resolve("model.json")));
        // no temporary files are left behind
        try (var files = Files.list(out)) {
            assertEquals(2, files.count());
        }
    }

    @Test
    void badModelDirectoriesAndInputsAreReported(@TempDir Path dir) throws Exception {
        InputException e = assertThrows(InputException.class, () -> MksModel.load(dir));
        assertEquals(true, e.getMessage().contains("model.json"), e.getMessage());
        Files.writeString(dir.resolve("model.json"), "{\"kind\": \"mks-first-order\", \"shape\": [2, 2, 2], \"k0_solution\": \"x\"}");
        Npy.writeDoubles(dir.resolve("influence.npy"), new double[2 * 8 + 2], 2, 9);
        e = assertThrows(InputException.class, () -> MksModel.load(dir));
        assertEquals(true, e.getMessage().contains("influence.npy") && e.getMessage().contains("(2, 9)"), e.getMessage());
        byte[] bad = new byte[8];
        bad[3] = 2;
        assertThrows(IllegalArgumentException.class, () -> MksModel.fit(new byte[][] {bad}, new double[][] {new double[8]}, 2, 2, 2));
    }

    @Test
    void theFitIsBitwiseTheSameWhateverTheThreadCount() {
        Random rnd = new Random(12);
        int nx = 5, ny = 4, nz = 3, v = 60;
        byte[][] micros = new byte[11][];
        double[][] y = new double[11][];
        for (int n = 0; n < 11; n++) {
            micros[n] = randomMicro(rnd, v, 0.05 + 0.08 * n);
            y[n] = randomField(rnd, v);
        }
        int before = rln.util.Parallel.threads();
        try {
            rln.util.Parallel.setThreads(1);
            MksModel one = MksModel.fit(micros, y, nx, ny, nz);
            rln.util.Parallel.setThreads(3);
            MksModel three = MksModel.fit(micros, y, nx, ny, nz);
            assertArrayEquals(one.influence(0), three.influence(0), 0.0);
            assertArrayEquals(one.influence(1), three.influence(1), 0.0);
        } finally {
            rln.util.Parallel.setThreads(before);
        }
    }
}
