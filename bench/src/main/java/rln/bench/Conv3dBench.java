package rln.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;
import rln.kernels.Conv3dKernels;
import rln.kernels.ConvGeometry;
import rln.kernels.Kernels;
import rln.kernels.Padding;
import rln.util.Parallel;

/**
 * The proximal network's convolution layers (METHOD.md section 4; bench/conv_shapes.txt), forward, backward data
 * and backward weights, batch 1 and 8, on 2 threads. Shape names: cCIN-COUT@N is a 3^3 convolution with circular
 * padding 1 on an N^3 grid; down = 16->32 kernel 2 stride 2 on 36^3; up = the transposed 32->32 kernel 2 stride 2
 * 18^3 -> 36^3 (the backward-data map of the down-shaped convolution); c16-1 = the 1x1x1 output layer.
 * Run: bench/run-jmh.sh Conv3dBench [-p shape=c16-16@32 -p batch=1]. FLOPs per op: ConvGeometry.flops().
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class Conv3dBench {

    @Param({"c6-16@36", "c16-16@36", "c16-16@32", "c48-32@36", "c32-16@36", "c32-32@18", "down16-32@36", "up32-32@18", "c16-1@36"})
    public String shape;

    @Param({"1", "8"})
    public int batch;

    @Param({"2"})
    public int threads;

    Conv3dKernels k;
    ConvGeometry g;
    boolean transposed;
    float[] x, w, b, y, dx, dw, db;

    /** The geometry named by {@code shape}; for "up" the strided convolution whose backward-data map it is. */
    static ConvGeometry geometry(String shape, int batch) {
        return switch (shape) {
            case "c6-16@36" -> ConvGeometry.of(batch, 36, 36, 36, 6, 16, 3, 1, 1, Padding.CIRCULAR);
            case "c16-16@36" -> ConvGeometry.of(batch, 36, 36, 36, 16, 16, 3, 1, 1, Padding.CIRCULAR);
            case "c16-16@32" -> ConvGeometry.of(batch, 32, 32, 32, 16, 16, 3, 1, 1, Padding.CIRCULAR);
            case "c48-32@36" -> ConvGeometry.of(batch, 36, 36, 36, 48, 32, 3, 1, 1, Padding.CIRCULAR);
            case "c32-16@36" -> ConvGeometry.of(batch, 36, 36, 36, 32, 16, 3, 1, 1, Padding.CIRCULAR);
            case "c32-32@18" -> ConvGeometry.of(batch, 18, 18, 18, 32, 32, 3, 1, 1, Padding.CIRCULAR);
            case "down16-32@36" -> ConvGeometry.of(batch, 36, 36, 36, 16, 32, 2, 2, 0, Padding.ZERO);
            case "up32-32@18" -> ConvGeometry.of(batch, 36, 36, 36, 32, 32, 2, 2, 0, Padding.ZERO);
            case "c16-1@36" -> ConvGeometry.of(batch, 36, 36, 36, 16, 1, 1, 1, 0, Padding.ZERO);
            default -> throw new IllegalArgumentException("unknown shape " + shape);
        };
    }

    @Setup
    public void setup() {
        Parallel.setThreads(threads);
        k = Kernels.conv3d();
        g = geometry(shape, batch);
        transposed = shape.startsWith("up");
        Random r = new Random(1);
        x = random(r, g.inputSize());
        w = random(r, g.weightSize());
        b = random(r, g.cout());
        y = random(r, g.outputSize());
        dx = new float[g.inputSize()];
        dw = new float[g.weightSize()];
        db = new float[g.cout()];
    }

    static float[] random(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (2 * r.nextDouble() - 1);
        return a;
    }

    /** The layer's forward map (for "up": the transposed convolution y (18^3) -> x (36^3)). */
    @Benchmark
    public float[] forward() {
        if (transposed) {
            java.util.Arrays.fill(x, 0f);
            k.backwardData(g, y, w, x);
            return x;
        }
        k.forward(g, x, w, b, y);
        return y;
    }

    /** The gradient with respect to the layer's input (for "up": a strided convolution of the 36^3 gradient). */
    @Benchmark
    public float[] backwardData() {
        if (transposed) {
            k.forward(g, dx, w, null, y);
            return y;
        }
        k.backwardData(g, y, w, dx);
        return dx;
    }

    /** The gradient with respect to the weights (and bias). */
    @Benchmark
    public float[] backwardWeights() {
        if (transposed) k.backwardWeights(g, dx, y, dw, null);
        else k.backwardWeights(g, x, y, dw, db);
        return dw;
    }
}
