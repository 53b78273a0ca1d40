package rln.train;

import java.util.List;
import rln.nn.StrainPredictor;
import rln.tensor.Tensor;

/**
 * A model scored on a whole set, after every pass k = 1..K (METHOD.md section 4):
 * <pre>
 *   loss_k = 100 * sqrt( (1/(S V)) sum_{s,x} (y_k(s,x) - t(s,x))^2 ) / ( (1/(S V)) sum_{s,x} t(s,x) )
 *   loss   = (1/K) sum_k loss_k                       (the training loss, over the whole set at once)
 *   MASE_k(s) = 100 * ( (1/V) sum_x |y_k(s,x) - t(s,x)| ) / ( (1/V) sum_x t(s,x) )   per sample s
 * </pre>
 * with S samples of V voxels. Over the whole set (not averaged over batches), so it does not depend on the
 * batch size. Sums in double.
 *
 * @param masePerPass     MASE_k(s), indexed [k - 1][s]
 * @param secondsPerSample inference wall time per sample (all passes), after one untimed warm-up sample
 */
public record Evaluation(double loss, double[] passLoss, double[][] masePerPass, double secondsPerSample) {

    /** The model's last pass, summarized over the set (mean +- population std). */
    public Metrics.Summary mase() {
        return Metrics.summarize(masePerPass[masePerPass.length - 1]);
    }

    public Metrics.Summary mase(int pass) {
        return Metrics.summarize(masePerPass[pass - 1]);
    }

    public int passes() {
        return passLoss.length;
    }

    /**
     * Predicts every sample of {@code data} in batches of {@code batch} (in order) and scores every pass. A model
     * whose mean removal is over the whole batch ({@link StrainPredictor#batchMean()}) would predict a sample
     * differently in different company: it is run one sample at a time (as the authors evaluated theirs).
     */
    public static Evaluation of(StrainPredictor model, TrainingData data, int batch) {
        return of(model, data, batch, done -> { });
    }

    /** As {@link #of(StrainPredictor, TrainingData, int)}, telling {@code progress} the samples done after each batch. */
    public static Evaluation of(StrainPredictor model, TrainingData data, int batch, java.util.function.IntConsumer progress) {
        if (model.batchMean()) batch = 1;
        int K = model.passes(), S = data.size(), V = data.voxels();
        double[] squares = new double[K];
        double[][] mase = new double[K][S];
        double targetSum = 0;
        int[] order = data.inOrder();
        model.predict(data.microBatch(order, 0, 1)); // warm-up (JIT, buffer pool), not timed
        long t0 = System.nanoTime();
        for (int from = 0; from < S; from += batch) {
            int to = Math.min(S, from + batch);
            List<Tensor> y = model.predict(data.microBatch(order, from, to));
            if (y.size() != K) throw new IllegalStateException(model.kind() + " returned " + y.size() + " passes, expected " + K);
            for (int s = from; s < to; s++) {
                float[] t = data.target(s);
                double sumT = 0;
                for (int x = 0; x < V; x++) sumT += t[x];
                targetSum += sumT;
                for (int k = 0; k < K; k++) {
                    Tensor yk = y.get(k);
                    int off = (s - from) * V;
                    double sq = 0, abs = 0;
                    for (int x = 0; x < V; x++) {
                        double d = yk.get(off + x) - t[x];
                        sq += d * d;
                        abs += Math.abs(d);
                    }
                    squares[k] += sq;
                    mase[k][s] = 100.0 * (abs / V) / (sumT / V);
                }
            }
            progress.accept(to);
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        double meanT = targetSum / ((double) S * V), loss = 0;
        double[] passLoss = new double[K];
        for (int k = 0; k < K; k++) {
            passLoss[k] = 100 * Math.sqrt(squares[k] / ((double) S * V)) / meanT;
            loss += passLoss[k] / K;
        }
        return new Evaluation(loss, passLoss, mase, seconds / S);
    }
}
