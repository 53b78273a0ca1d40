package rln.train;

import java.util.List;
import rln.autodiff.Parameter;
import rln.tensor.Tensor;

/**
 * Gradient-norm clipping with PyTorch's semantics (torch.nn.utils.clip_grad_norm_, 2-norm):
 * <pre>
 *   n = sqrt( sum over all parameters and entries of g^2 )
 *   if maxNorm / (n + 1e-6) < 1:   g <- g * maxNorm / (n + 1e-6)
 * </pre>
 * The paper clips at 2 * passes. The sum runs in a fixed order in double (deterministic).
 */
public final class GradClip {
    private GradClip() {}

    /** Clips in place and returns the total norm n before clipping. */
    public static double clipGradNorm(List<Parameter> params, double maxNorm) {
        double sq = 0;
        for (Parameter p : params) {
            Tensor g = p.grad();
            for (int i = 0; i < g.size(); i++) sq += g.get(i) * g.get(i);
        }
        double norm = Math.sqrt(sq);
        double coef = maxNorm / (norm + 1e-6);
        if (coef < 1)
            for (Parameter p : params) {
                Tensor g = p.grad();
                if (g.isDouble()) {
                    double[] d = g.doubles();
                    for (int i = 0; i < d.length; i++) d[i] *= coef;
                } else {
                    float[] f = g.floats();
                    for (int i = 0; i < f.length; i++) f[i] = (float) (f[i] * coef);
                }
                g.markModified();
            }
        return norm;
    }
}
