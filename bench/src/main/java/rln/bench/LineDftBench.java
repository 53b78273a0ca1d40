package rln.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;
import rln.fft.FactoredLineDft;
import rln.fft.JTransformsLineDft;
import rln.fft.LineDft;

/**
 * The evidence for LineDft.create's choice per length: one pass of an n^3 transform done by each line transform.
 * {@code complexPass} is the x pass (all n (n/2+1) complex columns of stride 2 n (n/2+1)), {@code realPass} the z
 * pass (n^2 real lines to half spectra). Implementations: {@code paired} (vectorized paired DFT), {@code factored}
 * (one Cooley-Tukey step, composite n only) and {@code jtransforms} (JTransforms' 1D FFT per line). See bench/FFT.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class LineDftBench {
    @Param({"15", "21", "31", "32", "63", "64", "127", "128"})
    public int n;

    @Param({"paired", "factored", "jtransforms"})
    public String impl;

    LineDft line;
    double[] columns, real, spectrum;
    int nzc, cols;

    @Setup
    public void setup() {
        int f = FactoredLineDft.balancedFactor(n);
        boolean vector = rln.fft.LineDft.VECTOR;
        line = switch (impl) {
            case "paired" -> LineDft.paired(n, vector);
            case "factored" -> f > 1 ? new FactoredLineDft(n, f, k -> LineDft.create(k, vector), LineDft.paired(n, vector)) : null;
            case "jtransforms" -> new JTransformsLineDft(n);
            default -> throw new IllegalArgumentException(impl);
        };
        if (line == null) throw new IllegalArgumentException("n = " + n + " is prime: no factored transform"); // JMH skips it
        nzc = n / 2 + 1;
        cols = 2 * n * nzc;
        Random r = new Random(1);
        columns = new double[n * cols];
        for (int i = 0; i < columns.length; i++) columns[i] = r.nextGaussian();
        real = new double[n * n * n];
        for (int i = 0; i < real.length; i++) real[i] = r.nextGaussian();
        spectrum = new double[2 * n * n * nzc];
    }

    @Benchmark
    public double[] complexPass() {
        line.complexLines(columns, 0, cols, 0, cols, false);
        return columns;
    }

    @Benchmark
    public double[] realPass() {
        for (int l = 0; l < n * n; l++) line.realForward(real, l * n, spectrum, 2 * l * nzc);
        return spectrum;
    }
}
