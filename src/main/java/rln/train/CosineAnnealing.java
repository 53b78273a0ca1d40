package rln.train;

/**
 * Cosine annealing of the learning rate (PyTorch CosineAnnealingLR, stepped once per epoch), closed form:
 * <pre>
 *   eta_t = eta_min + (eta_0 - eta_min) (1 + cos(pi t / T)) / 2
 * </pre>
 * PyTorch computes the same curve recursively; the two agree to rounding (also past T, where the cosine
 * rises again). The paper: eta_0 = 2e-3, eta_min = 1e-8, T = 60 epochs.
 */
public final class CosineAnnealing {
    private final Adam optimizer;
    private final double eta0, etaMin;
    private final int period;
    private int epoch;

    /** Takes eta_0 from the optimizer's current learning rate. */
    public CosineAnnealing(Adam optimizer, int period, double etaMin) {
        if (period < 1) throw new IllegalArgumentException("CosineAnnealing: period T must be >= 1, got " + period);
        this.optimizer = optimizer;
        this.eta0 = optimizer.lr();
        this.etaMin = etaMin;
        this.period = period;
    }

    /** eta_t for epoch t. */
    public double lr(int t) {
        return etaMin + (eta0 - etaMin) * (1 + Math.cos(Math.PI * t / period)) / 2;
    }

    /** Ends an epoch: t <- t + 1 and the optimizer's learning rate <- eta_t. */
    public void step() {
        epoch++;
        optimizer.setLr(lr(epoch));
    }

    /** Resumes at epoch t (e.g. from a checkpoint). */
    public void setEpoch(int t) {
        epoch = t;
        optimizer.setLr(lr(t));
    }

    public int epoch() {
        return epoch;
    }
}
