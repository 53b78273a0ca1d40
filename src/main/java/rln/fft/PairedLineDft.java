package rln.fft;

/**
 * The DFT of length n as a product with the quarter DFT matrix ({@link DftMatrix}), plain scalar Java: the
 * fallback when the Vector API is absent, and the code the vectorized {@link VectorPairedLineDft} must agree
 * with. With a[i] = x[i] + x[n-i] and b[i] = x[i] - x[n-i] (i = 1..h, a[n/2] = x[n/2] for even n),
 * <pre>
 *   A[p] = x[0] + sum_{i=1..m} C[p][i] a[i],     B'[p] = sum_{i=1..h} S[p][i] (-I b[i])
 *   forward:  X[p] = A[p] + B'[p],  X[n-p] = A[p] - B'[p]        (p = 1..h; X[0] = A[0], X[n/2] = A[n/2])
 *   inverse:  X[p] = A[p] - B'[p],  X[n-p] = A[p] + B'[p]
 * </pre>
 * Multiplying by -I (re, im) -> (im, -re) is done once per pair difference, so the inner products are plain
 * real-times-interleaved-complex multiply-adds over contiguous columns. Cost about n^2/2 real multiply-adds
 * per complex value and line, against 2 n^2 for the plain DFT: the right tool for short and prime lengths
 * (15, 21, 31 in this project) where an FFT saves little.
 */
public class PairedLineDft extends LineDft {
    /** Columns (doubles) processed per block: the pair sums of a block stay in the L1 cache. */
    protected static final int BLOCK = COLUMN_BLOCK;

    protected final DftMatrix w;
    protected final int m, h, r;
    protected final double[] cos, sin;

    /** Scratch: x0[c], a[(i-1)*BLOCK + c] (i = 1..m), b'[(i-1)*BLOCK + c] (i = 1..h), for one block of columns. */
    protected final double[] x0 = new double[BLOCK];
    protected final double[] a, b;
    /** Scratch of one line for the real transforms: pair sums a[k], differences b[k], then outputs. */
    protected final double[] la, lb, lre, lim;

    public PairedLineDft(int n) {
        super(n);
        this.w = DftMatrix.of(n);
        this.m = w.m;
        this.h = w.h;
        this.r = w.r;
        this.cos = w.cos;
        this.sin = w.sin;
        this.a = new double[Math.max(1, m) * BLOCK];
        this.b = new double[Math.max(1, h) * BLOCK];
        int pad = r + 64; // room for the padded vector rows of the subclass (up to 2 vectors of 8 past r)
        this.la = new double[pad];
        this.lb = new double[pad];
        this.lre = new double[pad];
        this.lim = new double[pad];
    }

    @Override
    public final void complexLines(double[] d, int base, int stride, int c0, int c1, boolean inverse) {
        if (((c0 | c1) & 1) != 0) throw new IllegalArgumentException("columns must be whole complex numbers: " + c0 + ".." + c1);
        if (n == 1) return;
        for (int cb = c0; cb < c1; cb += BLOCK) {
            int width = Math.min(BLOCK, c1 - cb);
            pairSums(d, base + cb, stride, width);
            products(d, base + cb, stride, width, inverse);
        }
    }

    /** x0 = x[0], a[i] = x[i] + x[n-i], b'[i] = -I (x[i] - x[n-i]) for one block of columns at offset o. */
    protected void pairSums(double[] d, int o, int stride, int width) {
        System.arraycopy(d, o, x0, 0, width);
        for (int i = 1; i <= m; i++) {
            int ri = o + i * stride, rj = o + (n - i) * stride, ai = (i - 1) * BLOCK;
            if (i == n - i) {
                System.arraycopy(d, ri, a, ai, width);
                continue;
            }
            for (int c = 0; c < width; c++) a[ai + c] = d[ri + c] + d[rj + c];
            for (int c = 0; c < width; c += 2) {
                b[ai + c] = d[ri + c + 1] - d[rj + c + 1];   // re(-I z) =  im z
                b[ai + c + 1] = d[rj + c] - d[ri + c];       // im(-I z) = -re z
            }
        }
    }

    /** Writes X[p] and X[n-p] for every p = 0..m from the pair sums of one block (the formula in the class doc). */
    protected void products(double[] d, int o, int stride, int width, boolean inverse) {
        productColumns(d, o, stride, 0, width, inverse);
    }

    /** {@link #products} for the columns [from, to) of the block. */
    protected final void productColumns(double[] d, int o, int stride, int from, int to, boolean inverse) {
        double sign = inverse ? -1 : 1;
        for (int p = 0; p <= m; p++) {
            int outP = o + p * stride, outQ = o + (n - p) * stride;
            boolean paired = p >= 1 && p <= h;
            for (int c = from; c < to; c++) {
                double A = x0[c];
                for (int i = 1; i <= m; i++) A += cos[p * r + i] * a[(i - 1) * BLOCK + c];
                if (!paired) {
                    d[outP + c] = A;
                    continue;
                }
                double B = 0;
                for (int i = 1; i <= h; i++) B += sin[p * r + i] * b[(i - 1) * BLOCK + c];
                d[outP + c] = A + sign * B;
                d[outQ + c] = A - sign * B;
            }
        }
    }

    @Override
    public final void realForward(double[] x, int xOff, double[] out, int outOff) {
        for (int k = 1; k <= m; k++) {
            la[k] = k == n - k ? x[xOff + k] : x[xOff + k] + x[xOff + n - k];
            lb[k] = x[xOff + k] - x[xOff + n - k];
        }
        forwardSums(x[xOff]);
        for (int s = 0; s <= m; s++) {
            out[outOff + 2 * s] = lre[s];
            out[outOff + 2 * s + 1] = lim[s];
        }
    }

    /** lre[s] = x0 + sum_{k=1..m} C[k][s] a[k],  lim[s] = -sum_{k=1..h} S[k][s] b[k],  s = 0..m. */
    protected void forwardSums(double x0) {
        forwardSums(x0, 0, r);
    }

    protected final void forwardSums(double x0, int from, int to) {
        for (int s = from; s < to; s++) {
            double re = x0, im = 0;
            for (int k = 1; k <= m; k++) re += cos[k * r + s] * la[k];
            for (int k = 1; k <= h; k++) im -= sin[k * r + s] * lb[k];
            lre[s] = re;
            lim[s] = im;
        }
    }

    @Override
    public final void realInverse(double[] in, int inOff, double[] x, int xOff, double scale) {
        // alpha[s] = weight of Re Y[s] (2 for the pairs s, n-s; 1 for n/2), beta[s] = -2 Im Y[s]
        for (int s = 1; s <= m; s++) {
            la[s] = (s == n - s ? 1 : 2) * scale * in[inOff + 2 * s];
            lb[s] = -2 * scale * in[inOff + 2 * s + 1];
        }
        inverseSums(scale * in[inOff]);
        x[xOff] = lre[0];
        for (int k = 1; k <= m; k++) {
            x[xOff + k] = lre[k] + lim[k];
            if (k != n - k) x[xOff + n - k] = lre[k] - lim[k];
        }
    }

    /** lre[k] = y0 + sum_{s=1..m} C[s][k] alpha[s] (even part),  lim[k] = sum_{s=1..h} S[s][k] beta[s] (odd part). */
    protected void inverseSums(double y0) {
        inverseSums(y0, 0, r);
    }

    protected final void inverseSums(double y0, int from, int to) {
        for (int k = from; k < to; k++) {
            double even = y0, odd = 0;
            for (int s = 1; s <= m; s++) even += cos[s * r + k] * la[s];
            for (int s = 1; s <= h; s++) odd += sin[s * r + k] * lb[s];
            lre[k] = even;
            lim[k] = odd;
        }
    }
}
