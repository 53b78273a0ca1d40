package rln.train;

import java.util.List;
import rln.autodiff.Parameter;
import rln.tensor.Tensor;

/**
 * Adam (Kingma and Ba 2015) with PyTorch's semantics (torch.optim.Adam, amsgrad off, no weight decay):
 * for each parameter entry, at step t = 1, 2, ...
 * <pre>
 *   m_t = beta1 m_(t-1) + (1 - beta1) g_t
 *   v_t = beta2 v_(t-1) + (1 - beta2) g_t^2
 *   p_t = p_(t-1) - (lr / (1 - beta1^t)) * m_t / (sqrt(v_t) / sqrt(1 - beta2^t) + eps)
 * </pre>
 * (the bias corrections as PyTorch applies them: eps is added after the correction of v). The moments are
 * kept in double whatever the parameter's precision (PyTorch keeps them in the parameter's dtype; the
 * difference is at float rounding level). The paper: lr 2e-3, betas (0.9, 0.999), eps 1e-8.
 */
public final class Adam {
    private final List<Parameter> params;
    private final double beta1, beta2, eps;
    private double lr;
    private final double[][] m, v;
    private int t;

    public Adam(List<Parameter> params, double lr, double beta1, double beta2, double eps) {
        if (!(lr >= 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps >= 0))
            throw new IllegalArgumentException("Adam: bad hyper-parameters lr " + lr + ", betas (" + beta1 + ", " + beta2 + "), eps " + eps);
        this.params = List.copyOf(params);
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.m = new double[this.params.size()][];
        this.v = new double[this.params.size()][];
        for (int k = 0; k < this.params.size(); k++) {
            m[k] = new double[this.params.get(k).value().size()];
            v[k] = new double[m[k].length];
        }
    }

    /** PyTorch's defaults: betas (0.9, 0.999), eps 1e-8. */
    public Adam(List<Parameter> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8);
    }

    /** One update of every parameter from its current gradient (bumps each parameter's version). */
    public void step() {
        t++;
        double bc1 = 1 - Math.pow(beta1, t), bc2 = 1 - Math.pow(beta2, t);
        double stepSize = lr / bc1, sqrtBc2 = Math.sqrt(bc2);
        for (int k = 0; k < params.size(); k++) {
            Tensor p = params.get(k).value(), g = params.get(k).grad();
            double[] mk = m[k], vk = v[k];
            for (int i = 0; i < mk.length; i++) {
                double gi = g.get(i);
                mk[i] = beta1 * mk[i] + (1 - beta1) * gi;
                vk[i] = beta2 * vk[i] + (1 - beta2) * gi * gi;
                double denom = Math.sqrt(vk[i]) / sqrtBc2 + eps;
                updateInPlace(p, i, p.get(i) - stepSize * mk[i] / denom);
            }
            p.markModified();
        }
    }

    private static void updateInPlace(Tensor p, int i, double value) {
        if (p.isDouble()) p.doubles()[i] = value;
        else p.floats()[i] = (float) value;
    }

    /** Sets every parameter's gradient to zero. */
    public void zeroGrad() {
        for (Parameter p : params) p.zeroGrad();
    }

    public double lr() {
        return lr;
    }

    public void setLr(double lr) {
        this.lr = lr;
    }

    /** Steps taken so far. */
    public int steps() {
        return t;
    }

    /**
     * The live moment arrays of parameter k, {m, v} (index order of the parameter's values): a checkpoint
     * saves them with {@link #steps()} and restores them with {@link #restore}.
     */
    public double[][] moments(int k) {
        return new double[][] {m[k], v[k]};
    }

    /** Resumes from a checkpoint: step count t and the moments of parameter k (copied). */
    public void restore(int steps, int k, double[] firstMoment, double[] secondMoment) {
        if (steps < 0 || firstMoment.length != m[k].length || secondMoment.length != v[k].length)
            throw new IllegalArgumentException("Adam.restore: " + params.get(k) + " has " + m[k].length + " entries, got "
                    + firstMoment.length + " and " + secondMoment.length + " (step " + steps + ")");
        t = steps;
        System.arraycopy(firstMoment, 0, m[k], 0, m[k].length);
        System.arraycopy(secondMoment, 0, v[k], 0, v[k].length);
    }

    public List<Parameter> parameters() {
        return params;
    }
}
