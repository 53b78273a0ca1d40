package rln.nn;

import java.util.List;
import rln.autodiff.Parameter;
import rln.tensor.Tensor;

/**
 * A learned strain-localization network (FLN / RLN-t / RLN, METHOD.md section 4): a {@link StrainPredictor}
 * with parameters that the tape trains. Tensors as in {@link StrainPredictor}.
 */
public interface LocalizationModel extends StrainPredictor {

    /** The number of trainable numbers (132,801 per proximal network). */
    default long parameterCount() {
        long n = 0;
        for (Parameter p : parameters()) n += p.value().size();
        return n;
    }

    /** The trainable parameters, in a fixed order, named as in the authors' PyTorch state dict. */
    List<Parameter> parameters();

    /**
     * One training step's loss and parameter gradients (accumulated, +=, into each {@link Parameter}'s grad):
     * loss = (1/passes) sum_k 100 * sqrt(MSE(y_k, target)) / mean(target), MSE and mean over the whole batch.
     *
     * @param recompute keep only each pass's input during the forward and recompute the pass's internals
     *                  during backward (less memory, about one more forward of compute)
     */
    StepResult lossAndGradients(Tensor micro, Tensor target, boolean recompute);

    /**
     * {@link #lossAndGradients(Tensor, Tensor, boolean)} with the threads spent as {@code parallelism} says (the same
     * numbers up to rounding; the same bits for the same thread count and mode).
     *
     * @throws UnsupportedOperationException if this model has no data-parallel step and SAMPLES is asked for
     */
    default StepResult lossAndGradients(Tensor micro, Tensor target, boolean recompute, Parallelism parallelism) {
        if (parallelism != Parallelism.LAYERS)
            throw new UnsupportedOperationException("a " + kind() + " model trains with the layers split only");
        return lossAndGradients(micro, target, recompute);
    }

    /**
     * {@link #lossAndGradients(Tensor, Tensor, boolean, Parallelism)} with the gradient of the weighted loss
     * sum_k w_k L_k ({@link PassWeights}; null: the paper's (1/P) sum_k L_k, by its arithmetic). The step reports the
     * paper's loss either way.
     *
     * @throws UnsupportedOperationException if weights are given to a model that does not weight its passes
     */
    default StepResult lossAndGradients(Tensor micro, Tensor target, boolean recompute, Parallelism parallelism, PassWeights weights) {
        if (weights != null) throw new UnsupportedOperationException("a " + kind() + " model trains on its own loss (no pass weights)");
        return lossAndGradients(micro, target, recompute, parallelism);
    }

    /** The loss of a step and its per-pass terms. */
    record StepResult(double loss, double[] passLosses) {}

    /**
     * For design by gradient: the last pass's prediction y_P for a relaxed microstructure {@code micro} (the stiff
     * fraction m1 in [0, 1] per voxel, m0 = 1 - m1), and dJ/dm1 = (dy_P/dm1)^T dJ/dy_P for a scalar J of the
     * prediction, whose gradient dJ/dy_P {@code upstream} computes from y_P. Tensors {@code [1, nx, ny, nz, 1]}.
     *
     * @throws UnsupportedOperationException if the model cannot be differentiated with respect to its input
     */
    default InputGradient inputGradient(Tensor micro, java.util.function.UnaryOperator<Tensor> upstream) {
        throw new UnsupportedOperationException("a " + kind() + " model is not differentiable with respect to its input");
    }

    /** y_P and dJ/dm1 of {@link #inputGradient}. */
    record InputGradient(Tensor prediction, Tensor gradient) {}
}
