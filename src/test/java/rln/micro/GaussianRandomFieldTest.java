package rln.micro;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import net.jqwik.api.*;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class GaussianRandomFieldTest {

    @Test
    void kernelIsPymksFourierGaussianOfOnes() {
        // scipy 1.10: k = fftshift(fourier_gaussian(np.ones(g), 1.0)); k / k.sum(), printed with repr.
        // Tolerance 1e-15: the same formula in double precision, differing at most in the last bits of exp.
        double[] g4 = {0.004524284757643283, 0.1831968303408889, 0.629082054560579, 0.1831968303408889};
        double[] g5 = {0.02132331117034061, 0.22780863393493525, 0.5017361097894483, 0.22780863393493525, 0.02132331117034061};
        assertArrayEquals(g4, GaussianRandomField.kernel(4), 1e-15);
        assertArrayEquals(g5, GaussianRandomField.kernel(5), 1e-15);
        assertArrayEquals(new double[] {1}, GaussianRandomField.kernel(1), 0, "g = 1 leaves white noise");
    }

    @Property(tries = 25, seed = "20261126")
    void stiffFractionIsExactToOneVoxel(@ForAll @IntRange(min = 2, max = 9) int nx, @ForAll @IntRange(min = 2, max = 9) int ny,
                                        @ForAll @IntRange(min = 2, max = 9) int nz, @ForAll @DoubleRange(min = 0, max = 1) double vf,
                                        @ForAll @IntRange(min = 0, max = 1000) int seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int gx = 1 + r.nextInt(nx), gy = 1 + r.nextInt(ny), gz = 1 + r.nextInt(nz);
        byte[] phase = GaussianRandomField.generate(nx, ny, nz, gx, gy, gz, vf, r);
        int ones = 0;
        for (byte b : phase) {
            assertTrue(b == 0 || b == 1);
            ones += b;
        }
        assertEquals(Math.round(vf * phase.length), ones, "stiff voxels = round(vf N)");
    }

    @Property(tries = 10, seed = "20261126")
    void blurCommutesWithPeriodicShifts(@ForAll @IntRange(min = 0, max = 6) int a, @ForAll @IntRange(min = 0, max = 5) int b,
                                        @ForAll @IntRange(min = 0, max = 4) int c) {
        int nx = 7, ny = 6, nz = 5;
        double[] r = new double[nx * ny * nz];
        SplittableRandom rnd = new SplittableRandom(11);
        for (int v = 0; v < r.length; v++) r[v] = rnd.nextDouble();
        double[] shifted = shift(r, nx, ny, nz, a, b, c);
        double[] blurThenShift = shift(GaussianRandomField.blur(r, nx, ny, nz, 4, 3, 5), nx, ny, nz, a, b, c);
        double[] shiftThenBlur = GaussianRandomField.blur(shifted, nx, ny, nz, 4, 3, 5);
        // exactly equal: a periodic shift feeds every output the same operands in the same order
        assertArrayEquals(blurThenShift, shiftThenBlur, 0);
    }

    @Test
    void impulseResponseWrapsAroundTheCell() {
        int n = 8;
        double[] delta = new double[n * n * n];
        delta[0] = 1;
        double[] s = GaussianRandomField.blur(delta, n, n, n, 5, 1, 1);
        double[] k = GaussianRandomField.kernel(5); // offsets -2..2 at [0..4]
        // s(x) = k(x) for |x| <= 2 (mod n): x = 1, 2 and, across the face, x = n-1, n-2
        assertEquals(k[2], s[0], 1e-17);
        assertEquals(k[3], s[1 * n * n], 1e-17);
        assertEquals(k[4], s[2 * n * n], 1e-17);
        assertEquals(k[1], s[(n - 1) * n * n], 1e-17);
        assertEquals(k[0], s[(n - 2) * n * n], 1e-17);
        assertEquals(0, s[3 * n * n], 0, "outside the window of g voxels");
        assertEquals(0, s[1], 0, "g = 1 along z: no spread");
    }

    @Test
    void largerGrainSizeMeansLongerCorrelationAlongThatAxis() {
        int n = 24, lag = 3;
        int[] g = {16, 2, 1};
        byte[] phase = GaussianRandomField.generate(n, n, n, g[0], g[1], g[2], 0.5, new SplittableRandom(5));
        for (int axis = 0; axis < 3; axis++) {
            // blurred noise is close to Gaussian (a sum of many uniforms), so two voxels whose blurred values have
            // correlation rho fall on the same side of the median with probability 1/2 + arcsin(rho)/pi
            // (Sheppard 1899); rho(l) = sum_d k(d) k(d+l) / sum_d k(d)^2 for the kernel along that axis.
            double expected = 0.5 + Math.asin(autocorrelation(GaussianRandomField.kernel(g[axis]), lag)) / Math.PI;
            double measured = sameAtLag(phase, n, axis, lag);
            // 0.04: the scatter of this estimate over one 24^3 cell (neighbouring pairs are correlated) is ~0.01-0.02
            assertEquals(expected, measured, 0.04, "axis " + axis);
        }
        assertTrue(sameAtLag(phase, n, 0, lag) > sameAtLag(phase, n, 1, lag) + 0.15, "longer correlation along x");
    }

    /** rho(l) of the kernel's own autocorrelation (no wrap: the windows here are shorter than the cell). */
    static double autocorrelation(double[] k, int lag) {
        double num = 0, den = 0;
        for (int t = 0; t < k.length; t++) {
            den += k[t] * k[t];
            if (t + lag < k.length) num += k[t] * k[t + lag];
        }
        return num / den;
    }

    @Test
    void sameStreamSameBytes() {
        byte[] a = GaussianRandomField.generate(9, 9, 9, 3, 5, 7, 0.4, new SplittableRandom(42));
        byte[] b = GaussianRandomField.generate(9, 9, 9, 3, 5, 7, 0.4, new SplittableRandom(42));
        byte[] c = GaussianRandomField.generate(9, 9, 9, 3, 5, 7, 0.4, new SplittableRandom(43));
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c));
    }

    /** P(phase(x) == phase(x + lag e_axis)) over the periodic cell. */
    static double sameAtLag(byte[] p, int n, int axis, int lag) {
        int same = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                for (int k = 0; k < n; k++) {
                    int i2 = axis == 0 ? (i + lag) % n : i, j2 = axis == 1 ? (j + lag) % n : j, k2 = axis == 2 ? (k + lag) % n : k;
                    if (p[(i * n + j) * n + k] == p[(i2 * n + j2) * n + k2]) same++;
                }
        return (double) same / p.length;
    }

    /** out(x) = in(x - s), periodic. */
    static double[] shift(double[] in, int nx, int ny, int nz, int a, int b, int c) {
        double[] out = new double[in.length];
        for (int i = 0; i < nx; i++)
            for (int j = 0; j < ny; j++)
                for (int k = 0; k < nz; k++)
                    out[(((i + a) % nx) * ny + (j + b) % ny) * nz + (k + c) % nz] = in[(i * ny + j) * nz + k];
        return out;
    }
}
