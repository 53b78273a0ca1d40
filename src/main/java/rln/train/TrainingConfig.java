package rln.train;

import java.util.LinkedHashMap;
import java.util.Map;
import rln.nn.Parallelism;
import rln.nn.PassWeights;

/**
 * The hyper-parameters of a training run (METHOD.md section 4; the paper's values are the defaults of
 * {@link #paper}): Adam at {@code lr}, cosine annealing to {@code lrMin} over {@code epochs}, batches of
 * {@code batch} reshuffled every epoch from {@code seed}, gradient-norm clipping at {@code 2 * passes}.
 *
 * @param kind      "fln", "rln-t" or "rln"
 * @param passes    passes of the model (1 for FLN)
 * @param batchMean mean removal over the whole batch (the authors' code) instead of per sample
 * @param recompute recompute each pass's internals during backward (less memory, more time)
 * @param evalBatch batch size for validation inference (does not change the numbers)
 * @param augment   map every training sample, every epoch, by a random exact {@link Symmetry} (shift, mirrors, y-z swap)
 * @param warmStart what the parameters start from instead of the seeded initialization (a description
 *                  such as the model directory, recorded so a resume can check it), or null
 * @param warmupSteps the first {@code warmupSteps} optimizer steps of the run scale the epoch's learning rate by
 *                  s / warmupSteps (step s = 1, 2, ...): Adam's first steps move every parameter by about lr
 *                  whatever its gradient, which throws a warm start away; 0 = no warm-up
 * @param parallelism how a step spends two or more threads: split every layer, or the batch's samples
 *                  ({@link Parallelism}; the same numbers up to rounding, the same bits per thread count and mode)
 * @param ema       the decay beta of the parameters' running average ({@link WeightAverage}), which validation,
 *                  best/ and the final model then use; 0 = none (the parameters as trained)
 * @param passWeights the gradient of each step is that of sum_k w_k L_k ({@link PassWeights}); null = the paper's
 *                  (1/P) sum_k L_k. The reported training loss and the validation are the paper's either way.
 */
public record TrainingConfig(String kind, int passes, int epochs, int batch, double lr, double lrMin, long seed,
                             boolean batchMean, boolean recompute, int evalBatch, boolean augment, String warmStart,
                             int warmupSteps, Parallelism parallelism, double ema, PassWeights passWeights) {

    /** The paper's loss: every pass weighted 1/P. */
    public TrainingConfig(String kind, int passes, int epochs, int batch, double lr, double lrMin, long seed,
                          boolean batchMean, boolean recompute, int evalBatch, boolean augment, String warmStart,
                          int warmupSteps, Parallelism parallelism, double ema) {
        this(kind, passes, epochs, batch, lr, lrMin, seed, batchMean, recompute, evalBatch, augment, warmStart, warmupSteps, parallelism, ema, null);
    }

    /** No parameter average. */
    public TrainingConfig(String kind, int passes, int epochs, int batch, double lr, double lrMin, long seed,
                          boolean batchMean, boolean recompute, int evalBatch, boolean augment, String warmStart,
                          int warmupSteps, Parallelism parallelism) {
        this(kind, passes, epochs, batch, lr, lrMin, seed, batchMean, recompute, evalBatch, augment, warmStart, warmupSteps, parallelism, 0);
    }

    /** Every layer split across the threads. */
    public TrainingConfig(String kind, int passes, int epochs, int batch, double lr, double lrMin, long seed,
                          boolean batchMean, boolean recompute, int evalBatch, boolean augment, String warmStart,
                          int warmupSteps) {
        this(kind, passes, epochs, batch, lr, lrMin, seed, batchMean, recompute, evalBatch, augment, warmStart, warmupSteps,
                Parallelism.LAYERS);
    }

    /** No warm-up. */
    public TrainingConfig(String kind, int passes, int epochs, int batch, double lr, double lrMin, long seed,
                          boolean batchMean, boolean recompute, int evalBatch, boolean augment, String warmStart) {
        this(kind, passes, epochs, batch, lr, lrMin, seed, batchMean, recompute, evalBatch, augment, warmStart, 0);
    }

    /** No augmentation, no warm start (the paper's setting). */
    public TrainingConfig(String kind, int passes, int epochs, int batch, double lr, double lrMin, long seed,
                          boolean batchMean, boolean recompute, int evalBatch) {
        this(kind, passes, epochs, batch, lr, lrMin, seed, batchMean, recompute, evalBatch, false, null);
    }

    public TrainingConfig {
        if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        if (batch < 1) throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        if (passes < 1) throw new IllegalArgumentException("passes must be >= 1, got " + passes);
        if (!(lr > 0) || !(lrMin >= 0)) throw new IllegalArgumentException("learning rates must be positive, got " + lr + " and " + lrMin);
        if (evalBatch < 1) throw new IllegalArgumentException("evalBatch must be >= 1, got " + evalBatch);
        if (warmupSteps < 0) throw new IllegalArgumentException("warmupSteps must be >= 0, got " + warmupSteps);
        if (parallelism == null) throw new IllegalArgumentException("parallelism must be given");
        if (!(ema >= 0 && ema < 1)) throw new IllegalArgumentException("ema must be in [0, 1), got " + ema);
        if (passWeights != null && passWeights.passes() != passes)
            throw new IllegalArgumentException(passWeights.passes() + " pass weights for " + passes + " passes");
    }

    /** The learning rate of optimizer step {@code step} (1, 2, ...) in an epoch whose schedule gives {@code epochLr}. */
    public double stepLr(double epochLr, int step) {
        return step < warmupSteps ? epochLr * step / warmupSteps : epochLr;
    }

    /** The paper's recipe: 60 epochs, batch 32, lr 2e-3 annealed to 1e-8. */
    public static TrainingConfig paper(String kind, int passes, long seed) {
        return new TrainingConfig(kind, passes, 60, 32, 2e-3, 1e-8, seed, false, false, 8);
    }

    /** The gradient-norm bound: 2 x passes (the authors' choice). */
    public double clipNorm() {
        return 2.0 * passes;
    }

    /** The entries a resumed run must share with the checkpoint (everything that changes the numbers). */
    public Map<String, Object> fingerprint() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("passes", passes);
        m.put("epochs", epochs);
        m.put("batch", batch);
        m.put("lr", lr);
        m.put("lr_min", lrMin);
        m.put("seed", seed);
        m.put("batch_mean", batchMean);
        if (augment) m.put("augment", true);           // recorded only when set: checkpoints from before the option still resume
        if (warmStart != null) m.put("warm_start", warmStart);
        if (warmupSteps > 0) m.put("warmup_steps", warmupSteps);
        if (parallelism != Parallelism.LAYERS) m.put("parallel", parallelism.id); // the default is not recorded: older checkpoints resume
        if (ema > 0) m.put("ema", ema);
        if (passWeights != null) m.put("pass_weights", passWeights.toString());
        return m;
    }
}
