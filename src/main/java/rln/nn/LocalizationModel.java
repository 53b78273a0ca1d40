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

    /** The loss of a step and its per-pass terms. */
    record StepResult(double loss, double[] passLosses) {}
}
