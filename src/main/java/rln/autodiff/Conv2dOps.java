package rln.autodiff;

import java.util.Arrays;
import rln.tensor.Tensor;

/**
 * The 2D convolution of the comparison CNN (Keras Conv2D, padding 'valid', stride 1, channels-last), written
 * as a matrix product over the gathered neighbourhoods (im2col). With x [N,H,W,C], w [kh,kw,C,Co], b [Co],
 * Ho = H - kh + 1, Wo = W - kw + 1:
 * <pre>
 *   y[n,i,j,o]   = b[o] + sum_{a,e,c} x[n, i+a, j+e, c] w[a,e,c,o]
 *   col[(n,i,j), (a,e,c)] = x[n, i+a, j+e, c]                         (im2col: rows N Ho Wo, columns kh kw C)
 *   y = col w + b,   with w read as the matrix [kh kw C, Co] (its memory layout)
 *   dw += col^T dy;   db[o] += sum dy[..., o]
 *   dcol = dy w^T;    dx[n, i+a, j+e, c] += dcol[(n,i,j), (a,e,c)]    (col2im)
 * </pre>
 * The products run in {@link Products} (reference in DOUBLE, vectorized in FLOAT); the gather and the scatter-add
 * are exact copies and additions in the tensors' precision ({@link Values}), each dx element receiving its at
 * most kh kw terms in a fixed order.
 */
public final class Conv2dOps {
    private Conv2dOps() {}

    /** y = conv2d(x, w) + b, valid padding, stride 1: x [N,H,W,C], w [kh,kw,C,Co], b [Co] or null; y [N,Ho,Wo,Co]. */
    public static Var conv2d(Var x, Var w, Var b) {
        Checks.samePrecision("conv2d", x, w, b);
        Checks.rank("conv2d", x, 4, "[N,H,W,C]");
        Checks.rank("conv2d", w, 4, "[kh,kw,C,Co] weight");
        int[] s = x.shape(), ws = w.shape();
        int N = s[0], H = s[1], W = s[2], C = s[3], kh = ws[0], kw = ws[1], Co = ws[3];
        if (ws[2] != C)
            throw new IllegalArgumentException("conv2d: input has " + C + " channels, weights " + Arrays.toString(ws) + " expect " + ws[2]);
        if (kh > H || kw > W)
            throw new IllegalArgumentException("conv2d: kernel " + kh + "x" + kw + " larger than the input " + Arrays.toString(s) + " (valid padding)");
        if (b != null && (b.value().rank() != 1 || b.value().size() != Co))
            throw new IllegalArgumentException("conv2d: bias must have shape [" + Co + "], got " + Arrays.toString(b.shape()));
        Im2col g = new Im2col(N, H, W, C, kh, kw);
        Tensor col = Tape.newTensor(x.precision(), false, g.rows(), g.width());
        g.gather(x.value(), col);
        Tensor y = Tape.newTensor(x.precision(), false, N, g.ho, g.wo, Co);
        Products.forward(g.rows(), g.width(), Co, col, w.value(), b == null ? null : b.value(), y);
        Saved scol = new Saved("conv2d", col), sw = new Saved("conv2d", w.value());
        return Var.result("conv2d", y, dy -> {
            if (w.requiresGrad()) Products.backwardWeights(g.rows(), g.width(), Co, scol.get(), dy, w.gradForAccumulation());
            if (b != null && b.requiresGrad()) Products.biasGradient("conv2d", dy, b.gradForAccumulation());
            if (x.requiresGrad()) {
                Tensor dcol = Tensor.pooled(dy.precision(), true, g.rows(), g.width());
                Products.backwardData(g.rows(), g.width(), Co, dy, sw.get(), dcol);
                g.scatterAdd(dcol, x.gradForAccumulation());
                dcol.release();
            }
        }, x, w, b);
    }

    /** The neighbourhood gather of a valid 2D convolution and its adjoint. */
    private record Im2col(int n, int h, int w, int c, int kh, int kw, int ho, int wo) {
        Im2col(int n, int h, int w, int c, int kh, int kw) {
            this(n, h, w, c, kh, kw, h - kh + 1, w - kw + 1);
        }

        int rows() { return n * ho * wo; }
        int width() { return kh * kw * c; }

        /** col[(s,i,j), (a,e,:)] = x[s, i+a, j+e, :]. */
        void gather(Tensor x, Tensor col) {
            Values X = Values.of(x), Col = Values.of(col);
            Loops.range(rows(), width(), (chunk, from, to) -> {
                for (int r = from; r < to; r++) {
                    int s = r / (ho * wo), i = r / wo % ho, j = r % wo;
                    for (int a = 0; a < kh; a++)
                        for (int e = 0; e < kw; e++) X.copyTo(((s * h + i + a) * w + j + e) * c, Col, r * width() + (a * kw + e) * c, c);
                }
            });
        }

        /** dx[s, i+a, j+e, :] += dcol[(s,i,j), (a,e,:)]: samples in parallel, each one's rows in order. */
        void scatterAdd(Tensor dcol, Tensor dx) {
            Values D = Values.of(dcol), X = Values.of(dx);
            Loops.range(n, ho * wo * width(), (chunk, from, to) -> {
                for (int s = from; s < to; s++)
                    for (int r = s * ho * wo; r < (s + 1) * ho * wo; r++) {
                        int i = r / wo % ho, j = r % wo;
                        for (int a = 0; a < kh; a++)
                            for (int e = 0; e < kw; e++) D.addTo(r * width() + (a * kw + e) * c, X, ((s * h + i + a) * w + j + e) * c, c);
                    }
            });
        }
    }
}
