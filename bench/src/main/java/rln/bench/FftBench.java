package rln.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;
import rln.fft.JTransformsRealFft3;
import rln.fft.LineDft;
import rln.fft.RealFft3;
import rln.fft.RowColumnRealFft3;

/**
 * One real 3D transform of an n^3 double field, forward (real -> half spectrum) and inverse, single-threaded:
 * <ul>
 *   <li>{@code jtransforms}: the baseline, JTransforms' complex 3D transform on the real field (JTransformsRealFft3)</li>
 *   <li>{@code rowcolumn}: RealFft3.create, the row-column transform from vectorized paired-DFT lines</li>
 *   <li>{@code rowcolumn-scalar}: the same without the Vector API (what -Drln.vector=false runs)</li>
 * </ul>
 * Compare with bench/fft_numpy.py (numpy.fft.rfftn, pocketfft, single-threaded). See bench/FFT.md.
 * The inverse gets a fresh copy of the spectrum each call (it may overwrite its input); the copy is part of the
 * time, as it would be in a solver that keeps its spectrum (about 1 % at n = 31).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class FftBench {
    @Param({"15", "21", "31", "32", "63", "64", "127", "128"})
    public int n;

    @Param({"jtransforms", "rowcolumn", "rowcolumn-scalar"})
    public String impl;

    RealFft3 fft;
    double[] x, X, spectrum, back;

    @Setup
    public void setup() {
        fft = switch (impl) {
            case "jtransforms" -> new JTransformsRealFft3(n, n, n);
            case "rowcolumn" -> RealFft3.create(n, n, n);
            case "rowcolumn-scalar" -> new RowColumnRealFft3(n, n, n, 1, k -> LineDft.create(k, false));
            default -> throw new IllegalArgumentException("impl " + impl);
        };
        Random r = new Random(1);
        x = new double[fft.realLength()];
        for (int i = 0; i < x.length; i++) x[i] = r.nextGaussian();
        X = new double[fft.spectrumLength()];
        fft.forward(x, X);
        spectrum = new double[X.length];
        back = new double[x.length];
    }

    @Benchmark
    public double[] forward() {
        fft.forward(x, spectrum);
        return spectrum;
    }

    @Benchmark
    public double[] inverse() {
        System.arraycopy(X, 0, spectrum, 0, X.length);
        fft.inverse(spectrum, back);
        return back;
    }
}
