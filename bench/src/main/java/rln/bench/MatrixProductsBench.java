package rln.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;
import rln.kernels.MatrixKernels;
import rln.kernels.MatrixProducts;
import rln.util.Parallel;

/**
 * The three matrix products of the comparison CNN's layers (rln.kernels.MatrixProducts, the Vector API kernel) at a
 * training step of 256 patches: dense1 (256 x 12544 x 2048), dense2 (256 x 2048 x 1024), conv2 as im2col
 * (256*49 x 1152 x 256), conv1 (256*81 x 99 x 128). GFLOP/s = MatrixProducts.flops(m, k, n) / time.
 * Reproduce: bench/run-jmh.sh MatrixProductsBench (-p threads=1 for one core).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MatrixProductsBench {
    @Param({"dense1", "dense2", "conv2", "conv1"})
    public String layer;

    @Param({"forward", "backwardData", "backwardWeights"})
    public String map;

    @Param({"1"})
    public int threads;

    int m, k, n;
    float[] x, w, y, dx, dw;
    MatrixProducts p;

    @Setup
    public void setup() {
        Parallel.setThreads(threads);
        int[] s = switch (layer) {
            case "dense1" -> new int[] {256, 12544, 2048};
            case "dense2" -> new int[] {256, 2048, 1024};
            case "conv2" -> new int[] {256 * 49, 1152, 256};
            case "conv1" -> new int[] {256 * 81, 99, 128};
            default -> throw new IllegalArgumentException(layer);
        };
        m = s[0];
        k = s[1];
        n = s[2];
        Random r = new Random(1);
        x = random(r, m * k);
        w = random(r, k * n);
        y = random(r, m * n);
        dx = new float[m * k];
        dw = new float[k * n];
        p = MatrixKernels.best();
    }

    static float[] random(Random r, int len) {
        float[] a = new float[len];
        for (int i = 0; i < len; i++) a[i] = r.nextFloat() - 0.5f;
        return a;
    }

    @Benchmark
    public float product() {
        switch (map) {
            case "forward" -> p.forward(m, k, n, x, w, null, y);
            case "backwardData" -> p.backwardData(m, k, n, y, w, dx);
            default -> p.backwardWeights(m, k, n, x, y, dw);
        }
        return y[0] + dx[0] + dw[0];
    }
}
