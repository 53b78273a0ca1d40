package rln.fft;

/**
 * One-dimensional DFTs of length n applied to many lines at once: the building block of the row-column 3D
 * transform ({@link RowColumnRealFft3}). Three operations:
 * <pre>
 *   complexLines:  X[t] = sum_{u<n} x[u] exp(-+2 pi I t u/n)     along a strided axis, for a range of columns
 *   realForward:   Y[s] = sum_{k<n} x[k] exp(-2 pi I s k/n),  s = 0..n/2      (real line -> half spectrum)
 *   realInverse:   x[k] = scale * sum over the full spectrum of Y[s] exp(+2 pi I s k/n)   (half spectrum -> real)
 * </pre>
 * The data of complexLines are interleaved complex (re, im) laid out as {@code d[base + t*stride + c]}: t is the
 * position along the transformed axis and c a column in [c0, c1) counted in doubles (so c0 and c1 are even and a
 * column pair is one complex number). Every column is an independent line; consecutive columns are contiguous,
 * so the fast implementations work on many lines with each instruction.
 * <p>Instances hold scratch space: not thread-safe, one per thread. Use {@link #create(int)} for the fastest
 * implementation available for a length.
 */
public abstract class LineDft {
    /**
     * Columns (doubles) that complexLines processes together, counted from c0. A caller that splits the columns
     * into ranges starting at multiples of this (as {@link RowColumnRealFft3} does for its threads) gets results
     * bitwise identical to one call over all columns.
     */
    public static final int COLUMN_BLOCK = 64;

    /** Length of the transform. */
    public final int n;

    protected LineDft(int n) {
        if (n < 1) throw new IllegalArgumentException("DFT length must be >= 1, got " + n);
        this.n = n;
    }

    /**
     * In place, for every column c in [c0, c1) (c0, c1 even; interleaved complex):
     * {@code d[base + t*stride + c] <- sum_u d[base + u*stride + c] exp(sign 2 pi I t u/n)}, sign = -1 for the
     * forward transform, +1 for the (unnormalized) inverse.
     */
    public abstract void complexLines(double[] d, int base, int stride, int c0, int c1, boolean inverse);

    /**
     * Y[s] = sum_k x[xOff + k] exp(-2 pi I s k/n) for s = 0..n/2, written interleaved at out[outOff + 2s],
     * out[outOff + 2s + 1]. {@code x} is not modified.
     */
    public abstract void realForward(double[] x, int xOff, double[] out, int outOff);

    /**
     * x[xOff + k] = scale * (Y[0] + sum_{s=1}^{n-1} Y[s] exp(+2 pi I s k/n)) with Y[n-s] = conj(Y[s]), the half
     * spectrum Y[s] (s = 0..n/2) read interleaved at in[inOff + 2s]. The imaginary parts of Y[0] and, for even n,
     * Y[n/2] are ignored (they vanish for the spectrum of a real line). {@code in} is not modified.
     */
    public abstract void realInverse(double[] in, int inOff, double[] x, int xOff, double scale);

    /** The fastest implementation available for length n (the Vector API one unless disabled or absent). */
    public static LineDft create(int n) {
        return create(n, VECTOR);
    }

    /** True when the vectorized line transforms are in use ({@link rln.util.VectorSupport#choose}). */
    public static final boolean VECTOR = rln.util.VectorSupport.choose("the FFT line transforms", () -> VectorPairedLineDft.lanes() >= 2, () -> false);

    /** Doubles per vector of the line transforms in use (1 for the scalar fallback). */
    public static int vectorLanes() {
        return VECTOR ? VectorPairedLineDft.lanes() : 1;
    }

    /**
     * The implementation for length n, with ({@code vector}, needs {@link #VECTOR}) or without the
     * Vector API. Measured (bench/FFT.md, LineDftBench): the paired DFT ({@link PairedLineDft}) is fastest up to
     * n = 63 (1.5x ahead of the factored one there); composite lengths from {@link #FACTOR_FROM} on take one
     * Cooley-Tukey step ({@link FactoredLineDft}), and their real lines go to JTransforms when
     * n >= {@link #JTRANSFORMS_REAL_FROM} has no prime factor above 5 (its fast radices).
     */
    public static LineDft create(int n, boolean vector) {
        int n1 = n >= FACTOR_FROM ? FactoredLineDft.balancedFactor(n) : 1;
        if (n1 == 1) return paired(n, vector);
        LineDft real = n >= JTRANSFORMS_REAL_FROM && largestPrimeFactor(n) <= 5 ? new JTransformsLineDft(n) : paired(n, vector);
        return new FactoredLineDft(n, n1, k -> create(k, vector), real);
    }

    /** The paired DFT of length n, vectorized or plain. */
    public static LineDft paired(int n, boolean vector) {
        if (vector && !VECTOR) throw new IllegalStateException("the Vector API is not available");
        return vector ? new VectorPairedLineDft(n) : new PairedLineDft(n);
    }

    /** Composite lengths from this one on are factored. */
    public static final int FACTOR_FROM = 64;

    /** Real lines of smooth lengths from this one on are transformed by JTransforms. */
    public static final int JTRANSFORMS_REAL_FROM = 96;

    static int largestPrimeFactor(int n) {
        int largest = 1;
        for (int f = 2; (long) f * f <= n; f++)
            while (n % f == 0) {
                largest = f;
                n /= f;
            }
        return Math.max(largest, n);
    }
}
