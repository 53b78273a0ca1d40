package rln.autodiff;

import java.util.Arrays;
import rln.kernels.ConvGeometry;
import rln.kernels.Kernels;
import rln.kernels.Padding;
import rln.kernels.ReferenceConv3d;
import rln.tensor.Tensor;

/**
 * 3D convolutions, channels-last (layouts and the formula: {@link ConvGeometry}). DOUBLE tensors run
 * {@link ReferenceConv3d}; FLOAT tensors run {@link Kernels#conv3d()}. Both kernels' backward maps
 * accumulate (+=), which is exactly what a gradient needs.
 */
public final class ConvOps {
    private ConvOps() {}

    /**
     * y = conv(x, w) + b (PyTorch Conv3d, cross-correlation):
     * <pre>
     *   y[n,z,r,c,o] = b[o] + sum_{a,b,e,i} x[n, z*s + a - p, r*s + b - p, c*s + e - p, i] * w[a,b,e,i,o]
     *   dx[n, q*s + t - p, i] += sum_o dy[n,q,o] * w[t,i,o]        (conv^T: the backward-data map)
     *   dw[t,i,o]             += sum_{n,q} x[n, q*s + t - p, i] * dy[n,q,o]
     *   db[o]                 += sum_{n,q} dy[n,q,o]
     * </pre>
     * x [N,D,H,W,Ci]; w [kd,kh,kw,Ci,Co]; b [Co] or null; out-of-range reads are zero or wrap (circular).
     */
    public static Var conv3d(Var x, Var w, Var b, int stride, int pad, Padding padding) {
        Checks.samePrecision("conv3d", x, w, b);
        ConvGeometry g = geometry("conv3d", x.value(), w.value(), b, stride, pad, padding, false);
        Tensor y = Tape.newTensor(x.precision(), false, g.batch(), g.outD(), g.outH(), g.outW(), g.cout());
        if (y.isDouble())
            ReferenceConv3d.forward(g, x.value().doubles(), w.value().doubles(), b == null ? null : b.value().doubles(), y.doubles());
        else
            Kernels.conv3d().forward(g, x.value().floats(), w.value().floats(), b == null ? null : b.value().floats(), y.floats());
        Saved sx = new Saved("conv3d", x.value()), sw = new Saved("conv3d", w.value());
        return Var.result("conv3d", y, dy -> {
            boolean gw = w.requiresGrad(), gb = b != null && b.requiresGrad();
            if (x.requiresGrad()) backwardData(g, dy, sw.get(), x.gradForAccumulation());
            if (gw || gb) {
                Tensor dw = gw ? w.gradForAccumulation() : Tensor.pooled(dy.precision(), true, w.shape());
                backwardWeights(g, sx.get(), dy, dw, gb ? b.gradForAccumulation() : null);
                if (!gw) dw.release();
            }
        }, x, w, b);
    }

    /**
     * The transposed convolution (PyTorch ConvTranspose3d, no output padding): the backward-data map of the
     * convolution G that takes this op's OUTPUT grid to its INPUT grid. With x [N,d,h,w,Ci] and
     * w [kd,kh,kw,Co,Ci] (the weights of G, whose cin = Co and cout = Ci):
     * <pre>
     *   y[n, q*s + t - p, o] += sum_i x[n,q,i] * w[t,o,i];  then y[..., o] += b[o]
     *   output size D = (d - 1)*s - 2p + kd                  (likewise H, W)
     *   dx = G(dy)            (the forward convolution, no bias)
     *   dw[t,o,i] += sum_{n,q} dy[n, q*s + t - p, o] * x[n,q,i]     (G's weight gradient with G's input = dy)
     *   db[o]     += sum over voxels of dy[..., o]
     * </pre>
     * In use: kernel 2, stride 2, pad 0 (18 -> 36, the proximal network's up-sampling).
     * PyTorch stores these weights as (Ci, Co, kd, kh, kw): permute (2,3,4,1,0) on import.
     */
    public static Var convTranspose3d(Var x, Var w, Var b, int stride, int pad) {
        Checks.samePrecision("convTranspose3d", x, w, b);
        ConvGeometry g = geometry("convTranspose3d", x.value(), w.value(), b, stride, pad, Padding.ZERO, true);
        int co = g.cin();
        Tensor y = Tape.newTensor(x.precision(), y0IsZero(x), g.batch(), g.inD(), g.inH(), g.inW(), co);
        if (y.isDouble()) {
            ReferenceConv3d.backwardData(g, x.value().doubles(), w.value().doubles(), y.doubles());
            if (b != null) addChannelBias(y, b.value());
        } else { // zero, conv^T, + bias: in one pass where the kernel can
            Kernels.conv3d().transposedForward(g, x.value().floats(), w.value().floats(), b == null ? null : b.value().floats(), y.floats());
        }
        Saved sx = new Saved("convTranspose3d", x.value()), sw = new Saved("convTranspose3d", w.value());
        return Var.result("convTranspose3d", y, dy -> {
            if (x.requiresGrad()) { // dx += G(dy): G's forward overwrites, so go through scratch
                Tensor gx = x.gradForAccumulation();
                Tensor scratch = Tensor.pooled(dy.precision(), false, gx.shape());
                if (dy.isDouble()) ReferenceConv3d.forward(g, dy.doubles(), sw.get().doubles(), null, scratch.doubles());
                else Kernels.conv3d().forward(g, dy.floats(), sw.get().floats(), null, scratch.floats());
                ArithmeticOps.accumulate(gx, Broadcast.of("convTranspose3d", gx.shape(), gx.shape()), scratch, 1, null, null);
                scratch.release();
            }
            if (w.requiresGrad()) backwardWeights(g, dy, sx.get(), w.gradForAccumulation(), null);
            if (b != null && b.requiresGrad())
                ArithmeticOps.accumulate(b.gradForAccumulation(), Broadcast.of("convTranspose3d", dy.shape(), b.shape()), dy, 1, null, null);
        }, x, w, b);
    }

    private static void backwardData(ConvGeometry g, Tensor dy, Tensor w, Tensor dx) {
        if (dy.isDouble()) ReferenceConv3d.backwardData(g, dy.doubles(), w.doubles(), dx.doubles());
        else Kernels.conv3d().backwardData(g, dy.floats(), w.floats(), dx.floats());
    }

    private static void backwardWeights(ConvGeometry g, Tensor x, Tensor dy, Tensor dw, Tensor db) {
        if (dy.isDouble()) ReferenceConv3d.backwardWeights(g, x.doubles(), dy.doubles(), dw.doubles(), db == null ? null : db.doubles());
        else Kernels.conv3d().backwardWeights(g, x.floats(), dy.floats(), dw.floats(), db == null ? null : db.floats());
    }

    /** The reference path accumulates onto a zero output; the float kernels' transposed forward overwrites it. */
    private static boolean y0IsZero(Var x) {
        return x.precision() == rln.tensor.Precision.DOUBLE;
    }

    /** y[..., o] += b[o]. */
    private static void addChannelBias(Tensor y, Tensor b) {
        int C = b.size();
        Values Y = Values.of(y), B = Values.of(b);
        Loops.range(y.size() / C, C, (chunk, from, to) -> {
            for (int v = from; v < to; v++) B.addTo(0, Y, v * C, C); // y[v, :] += b
        });
    }

    /** The geometry of the convolution (for a transposed one: of the convolution it transposes). */
    private static ConvGeometry geometry(String op, Tensor x, Tensor w, Var b, int stride, int pad, Padding padding, boolean transposed) {
        if (x.rank() != 5) throw new IllegalArgumentException(op + ": input must be [N,D,H,W,C], got " + Arrays.toString(x.shape()));
        if (w.rank() != 5) throw new IllegalArgumentException(op + ": weights must be [kd,kh,kw," + (transposed ? "Co,Ci" : "Ci,Co") + "], got " + Arrays.toString(w.shape()));
        int kd = w.dim(0), kh = w.dim(1), kw = w.dim(2), wIn = w.dim(3), wOut = w.dim(4);
        int expectIn = transposed ? wOut : wIn;
        if (x.channels() != expectIn)
            throw new IllegalArgumentException(op + ": input has " + x.channels() + " channels, weights " + Arrays.toString(w.shape()) + " expect " + expectIn);
        int biasSize = transposed ? wIn : wOut;
        if (b != null && (b.value().rank() != 1 || b.value().size() != biasSize))
            throw new IllegalArgumentException(op + ": bias must have shape [" + biasSize + "], got " + Arrays.toString(b.shape()));
        if (!transposed)
            return new ConvGeometry(x.dim(0), x.dim(1), x.dim(2), x.dim(3), wIn, wOut, kd, kh, kw, stride, pad, padding);
        int d = (x.dim(1) - 1) * stride - 2 * pad + kd, h = (x.dim(2) - 1) * stride - 2 * pad + kh, ww = (x.dim(3) - 1) * stride - 2 * pad + kw;
        ConvGeometry g = new ConvGeometry(x.dim(0), d, h, ww, wIn, wOut, kd, kh, kw, stride, pad, padding);
        if (g.outD() != x.dim(1) || g.outH() != x.dim(2) || g.outW() != x.dim(3))
            throw new IllegalArgumentException(op + ": input " + Arrays.toString(x.shape()) + " is not the output grid of " + g);
        return g;
    }
}
