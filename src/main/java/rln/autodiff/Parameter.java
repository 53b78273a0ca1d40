package rln.autodiff;

import rln.tensor.Tensor;

/**
 * A named trainable leaf: its value is updated in place by an optimizer (which bumps its version) and its
 * gradient persists across steps, accumulating (+=) until {@link #zeroGrad()}.
 */
public final class Parameter extends Var {
    private final String name;

    public Parameter(String name, Tensor value) {
        super("parameter", value, true, null, null, null);
        this.name = name;
        this.grad = Tensor.zeros(value.precision(), value.shape());
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name + java.util.Arrays.toString(value().shape());
    }
}
