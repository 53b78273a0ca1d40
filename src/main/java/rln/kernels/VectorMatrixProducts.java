package rln.kernels;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import rln.util.Parallel;

/**
 * The Vector API matrix products ({@link MatrixProducts}). All three maps are one blocked product
 * <pre>
 *   c[r][col] += sum_s a[r*aRow + s*aRed] * B(s, col)          s = 0, 1, ... in order
 *   forward:           a = x  (aRow k, aRed 1),  B(s, col) = w[s*n + col]     (after c = bias)
 *   backward-data:     a = dy (aRow n, aRed 1),  B(s, col) = w[col*n + s]     (w read transposed)
 *   backward-weights:  a = x  (aRow 1, aRed k),  B(s, col) = dy[s*n + col]    (x read transposed)
 * </pre>
 * The right operand is packed, {@link #RED} reduction indices at a time, into a panel {@link #W} = 4 vectors
 * wide (zero-padded past the last column); a micro-kernel holds a 4 x W tile of c in 16 vector registers and
 * walks the panel: per reduction index 4 vector loads, 4 broadcasts and 16 FMAs. Each micro-kernel is a single
 * loop (JDK 17's C2 boxes vectors that stay live across a loop nest: see {@link VectorTiles}). Blocks of
 * {@link #ROWS} rows keep their slice of the left operand in cache while the panels go by.
 * <p>
 * Threads own disjoint blocks of c, and every c element is summed in reduction order s = 0, 1, ... by one chain of
 * fused multiply-adds that starts from its previous value: the result does not depend on the thread count.
 */
final class VectorMatrixProducts implements MatrixProducts {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Columns of a micro-tile and of a packed panel. */
    static final int W = 4 * L;
    /** Reduction indices per packed panel (RED x W floats: 64 KB with 16 lanes). */
    static final int RED = 256;
    /** Rows per block of c. */
    static final int ROWS = 256;
    /** Below this many multiply-adds a product runs on the caller's thread. */
    static final long SERIAL = 1L << 20;

    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[][] {new float[RED * W], new float[ROWS * W]});

    @Override
    public void forward(int m, int k, int n, float[] x, float[] w, float[] b, float[] y) {
        for (int i = 0; i < m; i++)
            if (b == null) Arrays.fill(y, i * n, (i + 1) * n, 0f);
            else System.arraycopy(b, 0, y, i * n, n);
        product(m, n, k, x, k, 1, w, n, false, y);
    }

    @Override
    public void backwardData(int m, int k, int n, float[] dy, float[] w, float[] dx) {
        product(m, k, n, dy, n, 1, w, n, true, dx);
    }

    @Override
    public void backwardWeights(int m, int k, int n, float[] x, float[] dy, float[] dw) {
        product(k, n, m, x, 1, k, dy, n, false, dw);
    }

    @Override
    public String name() {
        return "vector" + L;
    }

    /**
     * c[r][col] += sum_{s < red} a[r*aRow + s*aRed] * B(s, col) for r < rows, col < cols, with
     * B(s, col) = transposed ? b[col*bStride + s] : b[s*bStride + col].
     */
    static void product(int rows, int cols, int red, float[] a, int aRow, int aRed, float[] b, int bStride, boolean transposed, float[] c) {
        if (rows == 0 || cols == 0 || red == 0) return;
        int rowBlocks = (rows + ROWS - 1) / ROWS, colBlocks = (cols + W - 1) / W;
        int threads = (long) rows * cols * red < SERIAL ? 1 : Parallel.threads();
        // whole row blocks when they divide evenly over the threads; else split the columns too, into tasks small
        // enough (>= 8 per thread) that the threads' shares differ by at most one small task
        int colGroups = rowBlocks % threads == 0 ? 1 : Math.min(colBlocks, (8 * threads + rowBlocks - 1) / rowBlocks);
        Parallel.forChunks(rowBlocks * colGroups, threads, (chunk, from, to) -> {
            float[][] scratch = SCRATCH.get();
            for (int t = from; t < to; t++) {
                int rb = t / colGroups, cg = t % colGroups;
                block(rb * ROWS, Math.min(rows, (rb + 1) * ROWS), (int) ((long) cg * colBlocks / colGroups),
                        (int) ((long) (cg + 1) * colBlocks / colGroups), cols, red, a, aRow, aRed, b, bStride, transposed, c,
                        scratch[0], scratch[1]);
            }
        });
    }

    /** Rows [r0, r1) and column blocks [cb0, cb1) of c, over the whole reduction, panel by panel. */
    private static void block(int r0, int r1, int cb0, int cb1, int cols, int red, float[] a, int aRow, int aRed, float[] b,
                              int bStride, boolean transposed, float[] c, float[] panel, float[] tile) {
        for (int s0 = 0; s0 < red; s0 += RED) {
            int len = Math.min(RED, red - s0);
            for (int cb = cb0; cb < cb1; cb++) {
                int j0 = cb * W, width = Math.min(W, cols - j0);
                pack(b, bStride, transposed, s0, len, j0, width, panel);
                if (width == W) {
                    int r = r0;
                    for (; r + 4 <= r1; r += 4) micro4(a, r * aRow + s0 * aRed, aRow, aRed, panel, len, c, r * cols + j0, cols);
                    for (; r < r1; r++) micro1(a, r * aRow + s0 * aRed, aRed, panel, len, c, r * cols + j0);
                } else { // the last, narrower column block goes through a tile W wide
                    for (int r = r0; r < r1; r++) {
                        System.arraycopy(c, r * cols + j0, tile, (r - r0) * W, width);
                        Arrays.fill(tile, (r - r0) * W + width, (r - r0 + 1) * W, 0f);
                    }
                    int r = r0;
                    for (; r + 4 <= r1; r += 4) micro4(a, r * aRow + s0 * aRed, aRow, aRed, panel, len, tile, (r - r0) * W, W);
                    for (; r < r1; r++) micro1(a, r * aRow + s0 * aRed, aRed, panel, len, tile, (r - r0) * W);
                    for (r = r0; r < r1; r++) System.arraycopy(tile, (r - r0) * W, c, r * cols + j0, width);
                }
            }
        }
    }

    /** panel[s*W + col] = B(s0 + s, j0 + col) for s < len, col < width; 0 for width <= col < W. */
    private static void pack(float[] b, int bStride, boolean transposed, int s0, int len, int j0, int width, float[] panel) {
        if (!transposed)
            for (int s = 0; s < len; s++) System.arraycopy(b, (s0 + s) * bStride + j0, panel, s * W, width);
        else
            for (int col = 0; col < width; col++)
                for (int s = 0, src = (j0 + col) * bStride + s0; s < len; s++) panel[s * W + col] = b[src + s];
        if (width < W)
            for (int s = 0; s < len; s++) Arrays.fill(panel, s * W + width, (s + 1) * W, 0f);
    }

    /** c[c0 + r*cs + col] += sum_{s < len} a[a0 + r*aRow + s*aRed] * p[s*W + col], for r < 4, col < W. */
    static void micro4(float[] a, int a0, int aRow, int aRed, float[] p, int len, float[] c, int c0, int cs) {
        FloatVector c00 = FloatVector.fromArray(S, c, c0);
        FloatVector c01 = FloatVector.fromArray(S, c, c0 + L);
        FloatVector c02 = FloatVector.fromArray(S, c, c0 + 2 * L);
        FloatVector c03 = FloatVector.fromArray(S, c, c0 + 3 * L);
        FloatVector c10 = FloatVector.fromArray(S, c, c0 + cs);
        FloatVector c11 = FloatVector.fromArray(S, c, c0 + cs + L);
        FloatVector c12 = FloatVector.fromArray(S, c, c0 + cs + 2 * L);
        FloatVector c13 = FloatVector.fromArray(S, c, c0 + cs + 3 * L);
        FloatVector c20 = FloatVector.fromArray(S, c, c0 + 2 * cs);
        FloatVector c21 = FloatVector.fromArray(S, c, c0 + 2 * cs + L);
        FloatVector c22 = FloatVector.fromArray(S, c, c0 + 2 * cs + 2 * L);
        FloatVector c23 = FloatVector.fromArray(S, c, c0 + 2 * cs + 3 * L);
        FloatVector c30 = FloatVector.fromArray(S, c, c0 + 3 * cs);
        FloatVector c31 = FloatVector.fromArray(S, c, c0 + 3 * cs + L);
        FloatVector c32 = FloatVector.fromArray(S, c, c0 + 3 * cs + 2 * L);
        FloatVector c33 = FloatVector.fromArray(S, c, c0 + 3 * cs + 3 * L);
        for (int s = 0, ai = a0, pi = 0; s < len; s++, ai += aRed, pi += W) {
            FloatVector b0 = FloatVector.fromArray(S, p, pi);
            FloatVector b1 = FloatVector.fromArray(S, p, pi + L);
            FloatVector b2 = FloatVector.fromArray(S, p, pi + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, p, pi + 3 * L);
            FloatVector x0 = FloatVector.broadcast(S, a[ai]);
            FloatVector x1 = FloatVector.broadcast(S, a[ai + aRow]);
            FloatVector x2 = FloatVector.broadcast(S, a[ai + 2 * aRow]);
            FloatVector x3 = FloatVector.broadcast(S, a[ai + 3 * aRow]);
            c00 = x0.fma(b0, c00);
            c01 = x0.fma(b1, c01);
            c02 = x0.fma(b2, c02);
            c03 = x0.fma(b3, c03);
            c10 = x1.fma(b0, c10);
            c11 = x1.fma(b1, c11);
            c12 = x1.fma(b2, c12);
            c13 = x1.fma(b3, c13);
            c20 = x2.fma(b0, c20);
            c21 = x2.fma(b1, c21);
            c22 = x2.fma(b2, c22);
            c23 = x2.fma(b3, c23);
            c30 = x3.fma(b0, c30);
            c31 = x3.fma(b1, c31);
            c32 = x3.fma(b2, c32);
            c33 = x3.fma(b3, c33);
        }
        c00.intoArray(c, c0);
        c01.intoArray(c, c0 + L);
        c02.intoArray(c, c0 + 2 * L);
        c03.intoArray(c, c0 + 3 * L);
        c10.intoArray(c, c0 + cs);
        c11.intoArray(c, c0 + cs + L);
        c12.intoArray(c, c0 + cs + 2 * L);
        c13.intoArray(c, c0 + cs + 3 * L);
        c20.intoArray(c, c0 + 2 * cs);
        c21.intoArray(c, c0 + 2 * cs + L);
        c22.intoArray(c, c0 + 2 * cs + 2 * L);
        c23.intoArray(c, c0 + 2 * cs + 3 * L);
        c30.intoArray(c, c0 + 3 * cs);
        c31.intoArray(c, c0 + 3 * cs + L);
        c32.intoArray(c, c0 + 3 * cs + 2 * L);
        c33.intoArray(c, c0 + 3 * cs + 3 * L);
    }

    /** One row of {@link #micro4}. */
    static void micro1(float[] a, int a0, int aRed, float[] p, int len, float[] c, int c0) {
        FloatVector c0v = FloatVector.fromArray(S, c, c0);
        FloatVector c1 = FloatVector.fromArray(S, c, c0 + L);
        FloatVector c2 = FloatVector.fromArray(S, c, c0 + 2 * L);
        FloatVector c3 = FloatVector.fromArray(S, c, c0 + 3 * L);
        for (int s = 0, ai = a0, pi = 0; s < len; s++, ai += aRed, pi += W) {
            FloatVector x = FloatVector.broadcast(S, a[ai]);
            c0v = x.fma(FloatVector.fromArray(S, p, pi), c0v);
            c1 = x.fma(FloatVector.fromArray(S, p, pi + L), c1);
            c2 = x.fma(FloatVector.fromArray(S, p, pi + 2 * L), c2);
            c3 = x.fma(FloatVector.fromArray(S, p, pi + 3 * L), c3);
        }
        c0v.intoArray(c, c0);
        c1.intoArray(c, c0 + L);
        c2.intoArray(c, c0 + 2 * L);
        c3.intoArray(c, c0 + 3 * L);
    }
}
