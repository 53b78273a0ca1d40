package rln.fft;

/**
 * The DFT of a composite length n = n1 n2 by one Cooley-Tukey step (decimation in time), so that a line costs
 * about n (n1 + n2) instead of n^2 multiply-adds. With t = n2 t1 + t2 and k = k1 + n1 k2:
 * <pre>
 *   X[k1 + n1 k2] = sum_{t2<n2} W_n2^{t2 k2} ( W_n^{t2 k1} sum_{t1<n1} x[n2 t1 + t2] W_n1^{t1 k1} ),   W_L = exp(-+2 pi I/L)
 * </pre>
 * i.e. (1) n2 inner DFTs of length n1 over the decimated subsequences, (2) the twiddle factors W_n^{t2 k1},
 * (3) n1 outer DFTs of length n2. For each block of columns the rows are gathered into a scratch block in the
 * order (t2, t1), where both DFT stages run as strided {@link LineDft#complexLines} calls and the outer stage
 * leaves row k1 + n1 k2 holding X[k1 + n1 k2]: the natural order, copied back without a permutation.
 * The twiddle multiplication is plain scalar Java (a complex product mixes the re and im lanes). The real
 * transforms along a line (realForward, realInverse) are delegated to the {@code real} transform given.
 */
public final class FactoredLineDft extends LineDft {
    private static final int BLOCK = COLUMN_BLOCK;

    private final int n1, n2;
    private final LineDft inner, outer, real;
    /** Twiddle factors cos, sin of 2 pi t2 k1/n at [t2*n1 + k1]. */
    private final double[] twCos, twSin;
    /** One block of columns, rows in the order t2*n1 + t1. */
    private final double[] scratch;

    /**
     * @param n1 the inner length, a divisor of n with 1 < n1 < n
     * @param lines makes the line transforms of lengths n1 and n2 = n/n1
     * @param real the transform of length n that does the real lines
     */
    public FactoredLineDft(int n, int n1, java.util.function.IntFunction<LineDft> lines, LineDft real) {
        super(n);
        if (n1 <= 1 || n1 >= n || n % n1 != 0) throw new IllegalArgumentException(n1 + " is not a proper divisor of " + n);
        this.n1 = n1;
        this.n2 = n / n1;
        this.inner = lines.apply(n1);
        this.outer = lines.apply(n2);
        if (real.n != n) throw new IllegalArgumentException("real lines of length " + real.n + ", not " + n);
        this.real = real;
        this.twCos = new double[n];
        this.twSin = new double[n];
        for (int t2 = 0; t2 < n2; t2++)
            for (int k1 = 0; k1 < n1; k1++) {
                int t = t2 * k1 % n;
                twCos[t2 * n1 + k1] = DftMatrix.cos2pi(t, n);
                twSin[t2 * n1 + k1] = DftMatrix.sin2pi(t, n);
            }
        this.scratch = new double[n * BLOCK];
    }

    /** The divisor of n closest to sqrt(n) from below, or 1 when n is prime. */
    public static int balancedFactor(int n) {
        for (int f = (int) Math.sqrt(n); f > 1; f--)
            if (n % f == 0) return f;
        return 1;
    }

    @Override
    public void complexLines(double[] d, int base, int stride, int c0, int c1, boolean inverse) {
        if (((c0 | c1) & 1) != 0) throw new IllegalArgumentException("columns must be whole complex numbers: " + c0 + ".." + c1);
        double[] s = scratch;
        for (int cb = c0; cb < c1; cb += BLOCK) {
            int w = Math.min(BLOCK, c1 - cb);
            for (int t2 = 0; t2 < n2; t2++)            // gather x[n2 t1 + t2] into row t2*n1 + t1
                for (int t1 = 0; t1 < n1; t1++)
                    System.arraycopy(d, base + (n2 * t1 + t2) * stride + cb, s, (t2 * n1 + t1) * w, w);
            for (int t2 = 0; t2 < n2; t2++)            // (1) inner DFTs over t1: row t2*n1 + k1
                inner.complexLines(s, t2 * n1 * w, w, 0, w, inverse);
            double sign = inverse ? 1 : -1;            // (2) times W_n^{t2 k1} = cos -+ I sin
            for (int t2 = 1; t2 < n2; t2++)
                for (int k1 = 1; k1 < n1; k1++) {
                    int row = t2 * n1 + k1, o = row * w;
                    double wr = twCos[row], wi = sign * twSin[row];
                    for (int c = 0; c < w; c += 2) {
                        double re = s[o + c], im = s[o + c + 1];
                        s[o + c] = re * wr - im * wi;
                        s[o + c + 1] = re * wi + im * wr;
                    }
                }
            for (int k1 = 0; k1 < n1; k1++)            // (3) outer DFTs over t2: row k2*n1 + k1 = X[k1 + n1 k2]
                outer.complexLines(s, k1 * w, n1 * w, 0, w, inverse);
            for (int k = 0; k < n; k++)
                System.arraycopy(s, k * w, d, base + k * stride + cb, w);
        }
    }

    @Override
    public void realForward(double[] x, int xOff, double[] out, int outOff) {
        real.realForward(x, xOff, out, outOff);
    }

    @Override
    public void realInverse(double[] in, int inOff, double[] x, int xOff, double scale) {
        real.realInverse(in, inOff, x, xOff, scale);
    }
}
