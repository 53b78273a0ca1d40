package rln.fft;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The quarter of the DFT matrix of length n that a transform needs once the symmetry of the exponential is used:
 * <pre>
 *   C[u][v] = cos(2 pi u v / n),   S[u][v] = sin(2 pi u v / n),      0 <= u, v <= m = floor(n/2)
 * </pre>
 * stored row-major with row length {@code r = m + 1}. Both are symmetric (C[u][v] = C[v][u]), so a row serves
 * as a column as well. Why a quarter is enough: pairing the samples i and n-i,
 * <pre>
 *   X[p]   = x[0] + sum_{i=1..m} C[p][i] a[i]  -  I sum_{i=1..h} S[p][i] b[i]
 *   X[n-p] = x[0] + sum_{i=1..m} C[p][i] a[i]  +  I sum_{i=1..h} S[p][i] b[i]
 *   a[i] = x[i] + x[n-i]  (a[n/2] = x[n/2] for even n),   b[i] = x[i] - x[n-i],   h = floor((n-1)/2)
 * </pre>
 * so the n^2 complex products of the plain DFT become about n^2/2 real-by-complex ones, shared by X[p] and
 * X[n-p]. Entries are computed from the reduced angle index t = u v mod n, so that they are exact at the
 * angles 0, pi/2, pi and 3 pi/2 (sin(pi) is exactly 0 here, not 1.2e-16). Immutable and shared.
 */
public final class DftMatrix {
    /** Length of the transform. */
    public final int n;
    /** m = floor(n/2): the highest frequency of the half spectrum. */
    public final int m;
    /** h = floor((n-1)/2): the number of pairs (i, n-i) with i != n-i. */
    public final int h;
    /** Row length r = m + 1. */
    public final int r;
    /** C[u*r + v] = cos(2 pi u v/n), 0 <= u, v <= m. */
    final double[] cos;
    /** S[u*r + v] = sin(2 pi u v/n), 0 <= u, v <= m. */
    final double[] sin;

    private static final ConcurrentHashMap<Integer, DftMatrix> CACHE = new ConcurrentHashMap<>();

    /** The (cached) matrix for length n >= 1. */
    public static DftMatrix of(int n) {
        if (n < 1) throw new IllegalArgumentException("DFT length must be >= 1, got " + n);
        return CACHE.computeIfAbsent(n, DftMatrix::new);
    }

    private DftMatrix(int n) {
        this.n = n;
        this.m = n / 2;
        this.h = (n - 1) / 2;
        this.r = m + 1;
        this.cos = new double[r * r];
        this.sin = new double[r * r];
        for (int u = 0; u <= m; u++)
            for (int v = 0; v <= m; v++) {
                int t = (int) ((long) u * v % n);
                cos[u * r + v] = cos2pi(t, n);
                sin[u * r + v] = sin2pi(t, n);
            }
    }

    /** cos(2 pi t/n) for 0 <= t < n, exact at the quarter turns. */
    static double cos2pi(int t, int n) {
        if (t == 0) return 1;
        if (2 * t == n) return -1;
        if (4 * t == n || 4 * t == 3 * n) return 0;
        return Math.cos(2 * Math.PI * Math.min(t, n - t) / n); // cos is even: use the smaller angle
    }

    /** sin(2 pi t/n) for 0 <= t < n, exact at the quarter turns. */
    static double sin2pi(int t, int n) {
        if (t == 0 || 2 * t == n) return 0;
        if (4 * t == n) return 1;
        if (4 * t == 3 * n) return -1;
        return t < n - t ? Math.sin(2 * Math.PI * t / n) : -Math.sin(2 * Math.PI * (n - t) / n);
    }

    public double cos(int u, int v) {
        return cos[u * r + v];
    }

    public double sin(int u, int v) {
        return sin[u * r + v];
    }
}
