package rln.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;
import java.util.SplittableRandom;
import rln.autodiff.Parameter;
import rln.nn.LocalizationModel;
import rln.nn.Models;
import rln.tensor.Precision;
import rln.tensor.Tensor;

/**
 * Heap needed by one training step (lossAndGradients) of a localization model, with and without recomputation.
 * Not a JMH benchmark: a main, run under a chosen -Xmx (bench/RLN.md):
 * <pre>
 *   java -Xmx6g --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar rln.bench.RlnMemory rln 32 recompute
 * </pre>
 * Arguments: kind (fln, rln-t, rln), batch, "recompute" or "keep", optional grid (default 31), optional steps
 * (default 2: the first fills the buffer pool), optional parallel mode "layers" or "samples" (given: the per-sample mean,
 * which the samples split needs; not given: the batch mean, as before; threads from -Drln.threads). Prints one JSON line: the peak of the heap pools' usage
 * (MemoryPoolMXBean peak usage summed over the heap pools: an upper bound of the live peak, as it includes garbage
 * not yet collected) and the seconds of the last step. An OutOfMemoryError means the step does not fit in -Xmx.
 */
public final class RlnMemory {
    public static void main(String[] args) {
        String kind = args[0];
        int batch = Integer.parseInt(args[1]);
        boolean recompute = args[2].equals("recompute");
        int n = args.length > 3 ? Integer.parseInt(args[3]) : 31;
        int steps = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        rln.nn.Parallelism parallel = args.length > 5 ? rln.nn.Parallelism.parse(args[5]) : rln.nn.Parallelism.LAYERS;
        LocalizationModel model = Models.create(kind, kind.equals("fln") ? 1 : 5, args.length <= 5, 1);
        SplittableRandom r = new SplittableRandom(2);
        Tensor micro = Tensor.zeros(Precision.FLOAT, batch, n, n, n, 1), target = Tensor.zeros(Precision.FLOAT, batch, n, n, n, 1);
        for (int i = 0; i < micro.size(); i++) {
            micro.floats()[i] = r.nextInt(2);
            target.floats()[i] = (float) (1 + 0.3 * r.nextGaussian());
        }
        double seconds = 0;
        for (int s = 0; s < steps; s++) {
            for (Parameter p : model.parameters()) p.zeroGrad();
            System.gc();
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) pool.resetPeakUsage();
            long t0 = System.nanoTime();
            model.lossAndGradients(micro, target, recompute, parallel);
            seconds = (System.nanoTime() - t0) * 1e-9;
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
            if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
        System.out.printf(Locale.ROOT, "{\"kind\": \"%s\", \"batch\": %d, \"grid\": %d, \"recompute\": %b, \"parallel\": \"%s\", \"threads\": %d, \"xmx_mb\": %d, \"peak_heap_pools_mb\": %d, \"step_seconds\": %.2f}%n",
                kind, batch, n, recompute, parallel, rln.util.Parallel.threads(), Runtime.getRuntime().maxMemory() >> 20, peak >> 20, seconds);
    }
}
