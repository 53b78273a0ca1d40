package rln.fft;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import net.jqwik.api.*;
import net.jqwik.api.constraints.IntRange;

/**
 * What every {@link LineDft} must do, against the 1D DFT summed from its definition (angles reduced modulo n).
 * Tolerance 1e-12 * sum|x| per line: the same argument as {@link RealFft3Contract} (at most n <= 130 additions
 * on a path, 130 * 2.2e-16 = 2.9e-14, a margin of 30), while a wrong term is of the size sum|x|/n.
 */
abstract class LineDftContract {

    abstract LineDft create(int n);

    static final double TOL = 1e-12;

    /** X[t] = sum_u x[u] exp(sign 2 pi I t u/n) for one interleaved complex line. */
    static double[] dft(double[] x, boolean inverse) {
        int n = x.length / 2;
        double[] X = new double[2 * n];
        double sign = inverse ? 1 : -1;
        for (int t = 0; t < n; t++)
            for (int u = 0; u < n; u++) {
                double angle = sign * 2 * Math.PI * ((long) t * u % n) / n, c = Math.cos(angle), s = Math.sin(angle);
                X[2 * t] += x[2 * u] * c - x[2 * u + 1] * s;
                X[2 * t + 1] += x[2 * u] * s + x[2 * u + 1] * c;
            }
        return X;
    }

    @Property(tries = 40, seed = "31")
    void complexLinesMatchTheDefinition(@ForAll @IntRange(min = 1, max = 130) int n, @ForAll @IntRange(min = 1, max = 70) int lines,
                                        @ForAll @IntRange(min = 0, max = 5) int skip, @ForAll boolean inverse) {
        // columns [2 skip, 2 skip + 2 lines) of a table with 2 extra columns on both sides that must stay untouched
        int cols = 2 * (lines + skip + 2), stride = cols + 6, base = 3;
        Random r = new Random(n * 1000L + lines);
        double[] d = new double[base + n * stride];
        for (int i = 0; i < d.length; i++) d[i] = r.nextGaussian();
        double[] before = d.clone();
        create(n).complexLines(d, base, stride, 2 * skip, 2 * (skip + lines), inverse);
        for (int c = 0; c < stride; c++) {
            boolean transformed = c >= 2 * skip && c < 2 * (skip + lines);
            if (!transformed) {
                for (int t = 0; t < n; t++) assertEquals(before[base + t * stride + c], d[base + t * stride + c], "column " + c + " untouched");
                continue;
            }
            if (c % 2 == 1) continue;
            double[] line = new double[2 * n];
            double sum = 0;
            for (int t = 0; t < n; t++) {
                line[2 * t] = before[base + t * stride + c];
                line[2 * t + 1] = before[base + t * stride + c + 1];
                sum += Math.abs(line[2 * t]) + Math.abs(line[2 * t + 1]);
            }
            double[] X = dft(line, inverse);
            for (int t = 0; t < n; t++) {
                assertEquals(X[2 * t], d[base + t * stride + c], TOL * sum, "n " + n + " Re X[" + t + "]");
                assertEquals(X[2 * t + 1], d[base + t * stride + c + 1], TOL * sum, "n " + n + " Im X[" + t + "]");
            }
        }
    }

    @Property(tries = 40, seed = "32")
    void realLinesMatchTheDefinition(@ForAll @IntRange(min = 1, max = 130) int n) {
        Random r = new Random(n);
        LineDft f = create(n);
        int nc = n / 2 + 1;
        double[] x = new double[n + 4];
        for (int i = 0; i < x.length; i++) x[i] = r.nextGaussian();
        double[] line = new double[2 * n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            line[2 * k] = x[2 + k];
            sum += Math.abs(x[2 + k]);
        }
        double[] X = dft(line, false);
        double[] out = new double[2 * nc + 6];
        f.realForward(x, 2, out, 3);
        for (int s = 0; s < nc; s++) {
            assertEquals(X[2 * s], out[3 + 2 * s], TOL * sum, "n " + n + " Re Y[" + s + "]");
            assertEquals(X[2 * s + 1], out[3 + 2 * s + 1], TOL * sum, "n " + n + " Im Y[" + s + "]");
        }
        // the inverse of the half spectrum (imaginary parts of Y[0] and Y[n/2] set to junk: they must be ignored)
        out[4] = 17;
        if (n % 2 == 0) out[3 + 2 * (n / 2) + 1] = -5;
        double[] back = new double[n + 2];
        f.realInverse(out, 3, back, 1, 1.0 / n);
        for (int k = 0; k < n; k++) assertEquals(x[2 + k], back[1 + k], 2 * TOL * sum, "n " + n + " x[" + k + "]");
    }
}
