package rln.nn;

import java.util.List;
import rln.tensor.Tensor;

/**
 * Anything that predicts the local strain from microstructures, pass by pass (METHOD.md section 4): the networks
 * ({@link LocalizationModel}, which are also trained) and the closed-form MKS baseline. Evaluation and the
 * commands that only predict take this. Tensors are channels-last: microstructure {@code [N, nx, ny, nz, 1]}
 * (1 = stiff phase, 0 = soft), strains {@code [N, nx, ny, nz, 1]}. Axis 0 of a sample is x, the loading direction.
 */
public interface StrainPredictor {

    /** "fln", "rln-t", "rln" or "mks". */
    String kind();

    /** Number of passes (1 for FLN and MKS, 5 by default for RLN-t and RLN). */
    int passes();

    /** True if the mean removal of each pass is over the whole batch (the authors' code), false if per sample. */
    default boolean batchMean() {
        return false;
    }

    /** Inference (no graph kept): eps_xx / E_xx after each pass k = 1..passes, each shaped like {@code micro}. */
    List<Tensor> predict(Tensor micro);
}
