package rln.autodiff;

import rln.tensor.Tensor;

/**
 * The local chain rule of one op: given dL/dy (the output's gradient), ADD each input's share into that
 * input's gradient ({@code +=}: an input used twice receives both contributions).
 */
@FunctionalInterface
public interface Backward {
    void propagate(Tensor dy);
}
