package rln.kernels;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Wall-clock time per convolution shape and map, for profiling a training step or an inference: while
 * {@link #start()} is in effect, {@link Kernels#conv3d()} hands out a decorator that times every call of the
 * kernels it wraps (the kernels and their results are unchanged). {@link #stop()} returns the table and
 * restores the plain kernels. Meant for one calling thread at a time (the tape's); the kernels inside may fork.
 */
public final class Conv3dProfile {
    private Conv3dProfile() {}

    /** The time spent in one map of one shape: calls, nanoseconds, and the map's FLOPs over all calls. */
    public record Entry(String map, ConvGeometry geometry, long calls, long nanos, double flops) {
        public double seconds() {
            return nanos * 1e-9;
        }

        public double gflops() {
            return nanos == 0 ? 0 : flops / nanos;
        }
    }

    private static final class Accumulator {
        long calls, nanos;
        double flops;
    }

    private static final Map<String, Accumulator> TABLE = new LinkedHashMap<>();
    private static final Map<String, ConvGeometry> GEOMETRY = new LinkedHashMap<>();

    /** Starts timing (and clears the table). */
    public static synchronized void start() {
        TABLE.clear();
        GEOMETRY.clear();
        Kernels.profiled(new Timed(Kernels.best()));
    }

    /** Stops timing; the entries in first-call order. */
    public static synchronized List<Entry> stop() {
        Kernels.profiled(null);
        List<Entry> out = new ArrayList<>();
        for (var e : TABLE.entrySet()) {
            Accumulator a = e.getValue();
            String key = e.getKey();
            out.add(new Entry(key.substring(0, key.indexOf(' ')), GEOMETRY.get(key), a.calls, a.nanos, a.flops));
        }
        return out;
    }

    private static synchronized void add(String map, ConvGeometry g, long nanos) {
        String key = map + " " + g;
        Accumulator a = TABLE.computeIfAbsent(key, k -> new Accumulator());
        GEOMETRY.putIfAbsent(key, g);
        a.calls++;
        a.nanos += nanos;
        a.flops += g.flops();
    }

    /** The timing decorator. */
    private record Timed(Conv3dKernels inner) implements Conv3dKernels {
        @Override
        public void forward(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y) {
            long t0 = System.nanoTime();
            inner.forward(g, x, w, bias, y);
            add("forward", g, System.nanoTime() - t0);
        }

        @Override
        public void backwardData(ConvGeometry g, float[] dy, float[] w, float[] dx) {
            long t0 = System.nanoTime();
            inner.backwardData(g, dy, w, dx);
            add("backward_data", g, System.nanoTime() - t0);
        }

        @Override
        public void transposedForward(ConvGeometry g, float[] dy, float[] w, float[] bias, float[] y) {
            long t0 = System.nanoTime();
            inner.transposedForward(g, dy, w, bias, y);
            add("transposed_forward", g, System.nanoTime() - t0);
        }

        @Override
        public void backwardWeights(ConvGeometry g, float[] x, float[] dy, float[] dw, float[] dbias) {
            long t0 = System.nanoTime();
            inner.backwardWeights(g, x, dy, dw, dbias);
            add("backward_weights", g, System.nanoTime() - t0);
        }

        @Override
        public String name() {
            return inner.name();
        }
    }
}
