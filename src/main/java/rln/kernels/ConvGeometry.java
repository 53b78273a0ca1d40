package rln.kernels;

/**
 * The shape of one 3D convolution over a batch, in this project's channels-last layout:
 * <pre>
 *   x    [batch][inD][inH][inW][cin]
 *   w    [kd][kh][kw][cin][cout]
 *   bias [cout]
 *   y    [batch][outD][outH][outW][cout]
 * </pre>
 * PyTorch semantics (cross-correlation), the same {@code stride} and {@code pad} on every axis:
 * <pre>
 *   y[n,z,r,c,o] = bias[o] + sum_{a,b,e,i} x[n, z*stride + a - pad, r*stride + b - pad, c*stride + e - pad, i] * w[a,b,e,i,o]
 *   outD = (inD + 2*pad - kd) / stride + 1   (likewise H, W)
 * </pre>
 * An index outside [0, in) reads 0 ({@link Padding#ZERO}) or wraps modulo the size ({@link Padding#CIRCULAR}).
 * A transposed convolution is this geometry's backward-data map (see {@link Conv3dKernels#backwardData}).
 */
public record ConvGeometry(int batch, int inD, int inH, int inW, int cin, int cout,
                           int kd, int kh, int kw, int stride, int pad, Padding padding) {

    public ConvGeometry {
        // A compact constructor runs before the fields are assigned: check the parameters, not the accessors.
        String shape = "batch " + batch + ", input " + inD + "x" + inH + "x" + inW + ", channels " + cin + "->" + cout
                + ", kernel " + kd + "x" + kh + "x" + kw + ", stride " + stride + ", pad " + pad + " " + padding;
        if (batch < 1 || inD < 1 || inH < 1 || inW < 1 || cin < 1 || cout < 1 || kd < 1 || kh < 1 || kw < 1 || stride < 1 || pad < 0
                || padding == null)
            throw new IllegalArgumentException("bad convolution geometry: " + shape);
        if (padding == Padding.CIRCULAR && (pad > inD || pad > inH || pad > inW))
            throw new IllegalArgumentException("circular padding " + pad + " exceeds the input size: " + shape);
        if (inD + 2 * pad < kd || inH + 2 * pad < kh || inW + 2 * pad < kw)
            throw new IllegalArgumentException("kernel larger than the padded input: " + shape);
    }

    /** A cubic kernel of size k on a cubic-or-not grid. */
    public static ConvGeometry of(int batch, int d, int h, int w, int cin, int cout, int k, int stride, int pad, Padding padding) {
        return new ConvGeometry(batch, d, h, w, cin, cout, k, k, k, stride, pad, padding);
    }

    public int outD() { return (inD + 2 * pad - kd) / stride + 1; }
    public int outH() { return (inH + 2 * pad - kh) / stride + 1; }
    public int outW() { return (inW + 2 * pad - kw) / stride + 1; }

    public int inputSize() { return batch * inD * inH * inW * cin; }
    public int outputSize() { return batch * outD() * outH() * outW() * cout; }
    public int weightSize() { return kd * kh * kw * cin * cout; }

    /** Multiply-adds of the forward pass, times 2: the usual FLOP count. */
    public double flops() {
        return 2.0 * batch * outD() * outH() * outW() * (double) cout * cin * kd * kh * kw;
    }
}
