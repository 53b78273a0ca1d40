import jdk.incubator.vector.*;

/**
 * The machine's fp32 FMA ceiling as the JVM sees it: 12 independent FMA chains of the preferred vector width (512 bits here) per thread, no memory traffic,
 * on 1 and on 2 threads (GFLOP/s = 2 flops per lane per FMA). A convolution cannot go faster than this; the
 * "225 GFLOP/s per core" of the issues is the nominal figure.
 * Run: java --add-modules jdk.incubator.vector bench/FmaPeak.java
 */
public class FmaPeak {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static float run(long iters, float seed) {
        FloatVector a0 = FloatVector.broadcast(S, seed), a1 = a0.add(1), a2 = a0.add(2), a3 = a0.add(3), a4 = a0.add(4), a5 = a0.add(5), a6 = a0.add(6), a7 = a0.add(7), a8 = a0.add(8), a9 = a0.add(9), a10 = a0.add(10), a11 = a0.add(11);
        FloatVector w = FloatVector.broadcast(S, 0.999999f), b = FloatVector.broadcast(S, 1e-7f);
        for (long i = 0; i < iters; i++) {
            a0 = a0.fma(w, b); a1 = a1.fma(w, b); a2 = a2.fma(w, b); a3 = a3.fma(w, b); a4 = a4.fma(w, b); a5 = a5.fma(w, b);
            a6 = a6.fma(w, b); a7 = a7.fma(w, b); a8 = a8.fma(w, b); a9 = a9.fma(w, b); a10 = a10.fma(w, b); a11 = a11.fma(w, b);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11).reduceLanes(VectorOperators.ADD);
    }
    public static void main(String[] x) throws Exception {
        for (int i = 0; i < 5; i++) run(2_000_000, i);
        long iters = 200_000_000L;
        for (int t = 1; t <= 2; t++) {
            Thread[] th = new Thread[t];
            long t0 = System.nanoTime();
            for (int k = 0; k < t; k++) { th[k] = new Thread(() -> run(iters, 1)); th[k].start(); }
            for (Thread h : th) h.join();
            double s = (System.nanoTime() - t0) * 1e-9;
            System.out.printf("threads %d: %.1f GFLOP/s total (%.1f per thread)%n", t, t * iters * 12 * 2.0 * S.length() / s / 1e9, iters * 12 * 2.0 * S.length() / s / 1e9);
        }
    }
}
