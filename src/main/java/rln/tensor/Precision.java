package rln.tensor;

/**
 * The number type of a {@link Tensor}. FLOAT is the fast path (training, inference); DOUBLE is the reference
 * path: every op runs plain scalar double code that reads like its formula, used for gradient checks.
 */
public enum Precision {
    FLOAT,
    DOUBLE
}
