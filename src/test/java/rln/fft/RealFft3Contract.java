package rln.fft;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.Random;
import net.jqwik.api.*;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import rln.io.Npy;

/**
 * What every {@link RealFft3} must do, inherited by one test class per implementation (the Hipparchus shape:
 * one contract, many implementations).
 *
 * <p>Tolerances. Every output of a DFT is a sum of nx*ny*nz terms of size |x| times a unit phase, and the
 * rounding error of any summation order (direct, paired, FFT) is bounded by about (number of additions on one
 * path) * eps * sum|x|, eps = 2.2e-16. The paired DFT adds up to n terms per axis: 3 * 128 * eps = 8.5e-14 for the
 * largest line here, and the reference adds up to N = 729 terms with phases exact to an ulp: 729 * eps = 1.6e-13.
 * So |X - X_ref| <= 1e-12 * sum|x| holds with a margin of 6 or more for every correct implementation, while any
 * wrong index, sign or missing term shows up at the size of single terms (~ sum|x| / N >= 1e-3 sum|x|).
 */
abstract class RealFft3Contract {

    /** The implementation under test. */
    abstract RealFft3 create(int nx, int ny, int nz);

    /** The shortest length the implementation accepts along an axis (JTransforms needs 2; ours take 1). */
    int minLength() {
        return 1;
    }

    /** A generated length raised to {@link #minLength()}. */
    int len(int n) {
        return Math.max(n, minLength());
    }

    /** Relative tolerance, see the class comment. */
    static final double TOL = 1e-12;

    static double[] gaussian(int length, long seed) {
        Random r = new Random(seed);
        double[] v = new double[length];
        for (int i = 0; i < length; i++) v[i] = r.nextGaussian();
        return v;
    }

    static double sumAbs(double[] v) {
        double s = 0;
        for (double x : v) s += Math.abs(x);
        return s;
    }

    static double maxAbsDiff(double[] a, double[] b) {
        assertEquals(a.length, b.length);
        double d = 0;
        for (int i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
        return d;
    }

    static long seed(int nx, int ny, int nz) {
        return 1_000_003L * nx + 1009L * ny + nz;
    }

    double[] forward(RealFft3 f, double[] x) {
        double[] X = new double[f.spectrumLength()];
        f.forward(x.clone(), X);
        return X;
    }

    double[] inverse(RealFft3 f, double[] X) {
        double[] x = new double[f.realLength()];
        f.inverse(X.clone(), x);
        return x;
    }

    // ---- against the definition

    @Property(tries = 25, seed = "20211")
    void forwardMatchesTheDefinition(@ForAll @IntRange(min = 1, max = 9) int nx, @ForAll @IntRange(min = 1, max = 9) int ny,
                                     @ForAll @IntRange(min = 1, max = 9) int nz) {
        nx = len(nx);
        ny = len(ny);
        nz = len(nz);
        double[] x = gaussian(nx * ny * nz, seed(nx, ny, nz));
        double[] expected = forward(new ReferenceRealFft3(nx, ny, nz), x);
        double err = maxAbsDiff(forward(create(nx, ny, nz), x), expected);
        assertTrue(err <= TOL * sumAbs(x), nx + "x" + ny + "x" + nz + ": error " + err);
    }

    @Property(tries = 25, seed = "20212")
    void inverseMatchesTheDefinition(@ForAll @IntRange(min = 1, max = 9) int nx, @ForAll @IntRange(min = 1, max = 9) int ny,
                                     @ForAll @IntRange(min = 1, max = 9) int nz) {
        nx = len(nx);
        ny = len(ny);
        nz = len(nz);
        RealFft3 f = create(nx, ny, nz);
        // an arbitrary half spectrum, not Hermitian on its planes s = 0 and nz/2: both must drop the same part
        double[] X = gaussian(f.spectrumLength(), seed(nx, ny, nz));
        double[] expected = inverse(new ReferenceRealFft3(nx, ny, nz), X);
        double err = maxAbsDiff(inverse(f, X), expected);
        // x = (1/N) sum of N terms: the error bound of the class comment divided by N
        assertTrue(err <= TOL * sumAbs(X) * 2 / f.realLength(), nx + "x" + ny + "x" + nz + ": error " + err);
    }

    @Test
    void forwardMatchesTheDefinitionOnHandPickedShapes() {
        // primes, 2, even nz (a Nyquist plane), and every axis of length 1
        int[][] shapes = {{2, 2, 2}, {1, 1, 1}, {1, 1, 8}, {7, 1, 1}, {1, 6, 1}, {3, 5, 4}, {4, 6, 2}, {11, 2, 13}, {8, 8, 8}, {5, 13, 6}};
        for (int[] s : shapes) {
            if (Math.min(s[0], Math.min(s[1], s[2])) < minLength()) continue;
            double[] x = gaussian(s[0] * s[1] * s[2], seed(s[0], s[1], s[2]));
            double[] expected = forward(new ReferenceRealFft3(s[0], s[1], s[2]), x);
            double err = maxAbsDiff(forward(create(s[0], s[1], s[2]), x), expected);
            assertTrue(err <= TOL * sumAbs(x), s[0] + "x" + s[1] + "x" + s[2] + ": error " + err);
        }
    }

    // ---- invariants

    @Property(tries = 15, seed = "20213")
    void inverseUndoesForward(@ForAll @IntRange(min = 1, max = 40) int nx, @ForAll @IntRange(min = 1, max = 40) int ny,
                              @ForAll @IntRange(min = 1, max = 40) int nz) {
        nx = len(nx);
        ny = len(ny);
        nz = len(nz);
        RealFft3 f = create(nx, ny, nz);
        double[] x = gaussian(f.realLength(), seed(nx, ny, nz));
        double[] back = inverse(f, forward(f, x));
        // forward then inverse: twice the bound of the class comment, relative to the mean |x| (inverse divides by N)
        double err = maxAbsDiff(back, x);
        assertTrue(err <= 2 * TOL * sumAbs(x) / Math.sqrt(f.realLength()), nx + "x" + ny + "x" + nz + ": error " + err);
    }

    @Property(tries = 15, seed = "20214")
    void parseval(@ForAll @IntRange(min = 1, max = 40) int nx, @ForAll @IntRange(min = 1, max = 40) int ny,
                  @ForAll @IntRange(min = 1, max = 40) int nz) {
        nx = len(nx);
        ny = len(ny);
        nz = len(nz);
        RealFft3 f = create(nx, ny, nz);
        double[] x = gaussian(f.realLength(), seed(nx, ny, nz));
        double[] X = forward(f, x);
        // sum x^2 = 1/N sum over the full spectrum |X|^2; the omitted planes s = nz-1..nz/2+1 mirror s = 1..(nz-1)/2
        int nzc = f.nzc();
        double energy = 0, spectral = 0;
        for (double v : x) energy += v * v;
        for (int pq = 0; pq < nx * ny; pq++)
            for (int s = 0; s < nzc; s++) {
                double re = X[2 * (pq * nzc + s)], im = X[2 * (pq * nzc + s) + 1];
                spectral += (s == 0 || 2 * s == nz ? 1 : 2) * (re * re + im * im);
            }
        spectral /= f.realLength();
        // a sum of squares, each with relative error ~ 2 * (the bound of the class comment)
        assertEquals(energy, spectral, 4 * TOL * energy, nx + "x" + ny + "x" + nz);
    }

    @Property(tries = 10, seed = "20215")
    void realFieldsHaveHermitianPlanes(@ForAll @IntRange(min = 1, max = 12) int nx, @ForAll @IntRange(min = 1, max = 12) int ny,
                                       @ForAll @IntRange(min = 1, max = 6) int halfNz) {
        nx = len(nx);
        ny = len(ny);
        int nz = 2 * halfNz; // even: the Nyquist plane s = nz/2 is stored and must be Hermitian like s = 0
        RealFft3 f = create(nx, ny, nz);
        double[] x = gaussian(f.realLength(), seed(nx, ny, nz));
        double[] X = forward(f, x);
        int nzc = f.nzc();
        double tol = TOL * sumAbs(x);
        for (int s : new int[] {0, nz / 2})
            for (int p = 0; p < nx; p++)
                for (int q = 0; q < ny; q++) {
                    int o = 2 * ((p * ny + q) * nzc + s), mirror = 2 * ((((nx - p) % nx) * ny + (ny - q) % ny) * nzc + s);
                    assertEquals(X[mirror], X[o], tol, "Re X(p,q,s) = Re X(-p,-q,s)");
                    assertEquals(-X[mirror + 1], X[o + 1], tol, "Im X(p,q,s) = -Im X(-p,-q,s)");
                }
    }

    @Test
    void inverseIgnoresTheAntiHermitianPartOfThePlanesZeroAndNyquist() {
        int nx = 4, ny = 5, nz = 6;
        RealFft3 f = create(nx, ny, nz);
        double[] x = gaussian(f.realLength(), 7);
        double[] X = forward(f, x);
        int nzc = f.nzc();
        // add i*c at (p,q,s) and at its mirror (-p,-q,s): an anti-Hermitian pair (and i*c alone at self-mirrors)
        Random r = new Random(8);
        for (int s : new int[] {0, nz / 2})
            for (int p = 0; p < nx; p++)
                for (int q = 0; q < ny; q++) {
                    double c = r.nextGaussian();
                    X[2 * ((p * ny + q) * nzc + s) + 1] += c;
                    X[2 * ((((nx - p) % nx) * ny + (ny - q) % ny) * nzc + s) + 1] += c;
                }
        double err = maxAbsDiff(inverse(f, X), x);
        assertTrue(err <= 2 * TOL * sumAbs(X) / f.realLength(), "error " + err);
    }

    // ---- against other implementations and numpy

    @Test
    void matchesTheJTransformsBaselineOnTheProjectSizes() {
        int[][] shapes = {{31, 31, 31}, {32, 32, 32}, {15, 21, 31}, {21, 21, 21}, {16, 10, 12}};
        for (int[] s : shapes) {
            RealFft3 f = create(s[0], s[1], s[2]);
            RealFft3 base = new JTransformsRealFft3(s[0], s[1], s[2]);
            double[] x = gaussian(f.realLength(), seed(s[0], s[1], s[2]));
            double[] X = forward(f, x);
            // N here is up to 32768 (not 729), but both are fast transforms whose paths add <= 3 * 32 terms
            assertTrue(maxAbsDiff(X, forward(base, x)) <= TOL * sumAbs(x), "forward " + java.util.Arrays.toString(s));
            double[] Y = gaussian(f.spectrumLength(), 3);
            assertTrue(maxAbsDiff(inverse(f, Y), inverse(base, Y)) <= 2 * TOL * sumAbs(Y) / f.realLength(),
                    "inverse " + java.util.Arrays.toString(s));
        }
    }

    @Test
    void matchesNumpyRfftn() {
        // testdata/fft written by bench/fft_testdata.py: x (5,6,7) and numpy.fft.rfftn(x) as (5,6,4,2) float64
        Npy.Array xa = Npy.read(Path.of("testdata/fft/x_5x6x7.npy"));
        Npy.Array Xa = Npy.read(Path.of("testdata/fft/rfftn_5x6x7.npy"));
        assertArrayEquals(new int[] {5, 6, 7}, xa.shape);
        assertArrayEquals(new int[] {5, 6, 4, 2}, Xa.shape);
        double[] x = xa.toDoubles(), numpy = Xa.toDoubles();
        RealFft3 f = create(5, 6, 7);
        assertTrue(maxAbsDiff(forward(f, x), numpy) <= TOL * sumAbs(x), "forward against numpy.fft.rfftn");
        // numpy's spectrum of a real field is Hermitian, so the inverse must give x back
        assertTrue(maxAbsDiff(inverse(f, numpy), x) <= 2 * TOL * sumAbs(x) / Math.sqrt(x.length), "inverse of numpy's spectrum");
    }

    @Test
    void doesNotModifyTheRealInput() {
        RealFft3 f = create(6, 5, 4);
        double[] x = gaussian(f.realLength(), 11), copy = x.clone();
        f.forward(x, new double[f.spectrumLength()]);
        assertArrayEquals(copy, x);
    }
}
