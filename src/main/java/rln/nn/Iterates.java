package rln.nn;

import rln.autodiff.Var;
import rln.tensor.Precision;
import rln.tensor.Tensor;

/**
 * The iterates of the recurrence (METHOD.md section 4) for one batch, numbered as there: y_k for
 * k = -2 .. P, with y_-2 = y_-1 = 0 and y_0 = 1 everywhere. Pass k (k = 0 .. P-1) reads y_k, y_(k-1),
 * y_(k-2) and writes y_(k+1). Prediction and training both read the passes' inputs from here.
 */
final class Iterates {
    private final Tensor zero;
    private final Tensor[] y; // y[k] = y_k, k = 0 .. P

    Iterates(Precision precision, int[] shape, int passes) {
        zero = Tensor.zeros(precision, shape);
        y = new Tensor[passes + 1];
        y[0] = Tensor.zeros(precision, shape);
        y[0].fill(1);
    }

    /** y_k (the zero field for k < 0). */
    Tensor get(int k) {
        return k < 0 ? zero : y[k];
    }

    /** Stores y_k (k >= 1: the output of pass k - 1). */
    void set(int k, Tensor value) {
        if (k < 1) throw new IllegalArgumentException("y_" + k + " is fixed");
        y[k] = value;
    }

    /**
     * The inputs of pass k, [y_k, y_(k-1), y_(k-2)], as leaves of the current tape. The outputs of earlier
     * passes (index >= 1) require a gradient, which collects dS/dy of the pass run backward from S; the
     * constants y_0, y_-1, y_-2 do not.
     */
    Var[] inputs(int k) {
        Var[] in = new Var[3];
        for (int j = 0; j < 3; j++) in[j] = k - j >= 1 ? Var.input(get(k - j), true) : Var.constant(get(k - j));
        return in;
    }
}
