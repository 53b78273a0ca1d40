package rln.kernels;

/** What a convolution reads outside its input grid: zeros, or the periodic image (index mod size). */
public enum Padding {
    ZERO,
    CIRCULAR
}
