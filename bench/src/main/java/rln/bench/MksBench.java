package rln.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;
import rln.nn.mks.MksModel;

/**
 * The MKS baseline at the paper's grid (31^3): one prediction (two forward and one inverse real 3D FFT plus a
 * pointwise complex product), and a fit on 32 samples (two forward FFTs per sample plus the per-k solve).
 * Peer: bench/mks_numpy_bench.py times the same prediction with numpy.fft.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MksBench {
    static final int N = 31, V = N * N * N, SAMPLES = 32;
    byte[][] micros;
    double[][] strains;
    MksModel model;

    @Setup
    public void setup() {
        Random r = new Random(1);
        micros = new byte[SAMPLES][V];
        strains = new double[SAMPLES][V];
        for (int s = 0; s < SAMPLES; s++)
            for (int x = 0; x < V; x++) {
                micros[s][x] = (byte) (r.nextDouble() < 0.2 + 0.02 * s ? 1 : 0);
                strains[s][x] = 1 + 0.3 * r.nextGaussian();
            }
        model = MksModel.fit(micros, strains, N, N, N);
    }

    @Benchmark
    public double[] predict31() {
        return model.predict(micros[3]);
    }

    @Benchmark
    public MksModel fit32x31() {
        return MksModel.fit(micros, strains, N, N, N);
    }
}
