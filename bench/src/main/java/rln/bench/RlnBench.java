package rln.bench;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;
import rln.nn.LocalizationModel;
import rln.nn.Models;
import rln.tensor.Precision;
import rln.tensor.Tensor;
import rln.train.Adam;
import rln.train.GradClip;
import rln.util.Parallel;

/**
 * The localization networks at the paper's grid (31^3), the same jobs as the PyTorch peer
 * ({@code /usr/bin/python3 bench/torch_rln.py time}): FLN and RLN-t inference on one sample, and one RLN-t
 * training step at batch 8 (forward, loss of every pass, backward, gradient clipping at 10, Adam lr 2e-3).
 * Threads: parameter {@code threads} (default 2, as THREADS=2 for the peer). Results: bench/RLN.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 8)
@Measurement(iterations = 15)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class RlnBench {
    static final int N = 31;

    @Param({"2"})
    int threads;

    /** Keep only each pass's input and recompute during backward (training step only). */
    @Param({"false"})
    boolean recompute;

    LocalizationModel fln, rlnT, trained;
    Tensor one, batch, target;
    Adam adam;

    static Tensor random(SplittableRandom r, int n, boolean phases) {
        Tensor t = Tensor.zeros(Precision.FLOAT, n, N, N, N, 1);
        float[] a = t.floats();
        for (int i = 0; i < a.length; i++) a[i] = phases ? (r.nextDouble() < 0.5 ? 1 : 0) : (float) (1 + 0.3 * r.nextGaussian());
        return t;
    }

    @Setup
    public void setup() {
        Parallel.setThreads(threads);
        SplittableRandom r = new SplittableRandom(0);
        fln = Models.create("fln", 1, true, 1);
        rlnT = Models.create("rln-t", 5, true, 2);
        trained = Models.create("rln-t", 5, true, 3);
        adam = new Adam(trained.parameters(), 2e-3);
        one = random(r, 1, true);
        batch = random(r, 8, true);
        target = random(r, 8, false);
    }

    @Benchmark
    public List<Tensor> flnInferenceBatch1() {
        return fln.predict(one);
    }

    @Benchmark
    public List<Tensor> rlnTInferenceBatch1() {
        return rlnT.predict(one);
    }

    @Benchmark
    @Measurement(iterations = 5)
    @Warmup(iterations = 2)
    public double rlnTTrainingStepBatch8() {
        adam.zeroGrad();
        double loss = trained.lossAndGradients(batch, target, recompute).loss();
        GradClip.clipGradNorm(trained.parameters(), 10.0);
        adam.step();
        return loss;
    }
}
