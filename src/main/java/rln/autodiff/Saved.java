package rln.autodiff;

import rln.tensor.Tensor;

/**
 * A tensor an op keeps for its backward, with the version it had at forward time. Reading it back checks
 * that nobody changed it in place in between (which would silently corrupt the gradient).
 */
final class Saved {
    private final Tensor tensor;
    private final int version;
    private final String op;

    Saved(String op, Tensor tensor) {
        this.op = op;
        this.tensor = tensor;
        this.version = tensor.version();
    }

    Tensor get() {
        if (tensor.version() != version)
            throw new IllegalStateException("a tensor " + java.util.Arrays.toString(tensor.shape()) + " saved by " + op
                    + " for backward was modified in place (version " + version + " -> " + tensor.version()
                    + "); do in-place updates after backward, or copy the tensor");
        return tensor;
    }
}
