package rln.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;
import rln.fft.RealFft3;

/** The baseline real 3D FFT at the paper's grid size; see FftBench for the full comparison. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ParallelSmokeBench {
    RealFft3 fft;
    double[] x, X;

    @Setup
    public void setup() {
        fft = RealFft3.create(31, 31, 31);
        x = new double[fft.realLength()];
        X = new double[fft.spectrumLength()];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < x.length; i++) x[i] = r.nextGaussian();
    }

    @Benchmark
    public double[] forward31() {
        fft.forward(x, X);
        return X;
    }
}
