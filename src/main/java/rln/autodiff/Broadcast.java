package rln.autodiff;

import java.util.Arrays;

/**
 * NumPy broadcasting of an operand into a (larger or equal) output shape: shapes are right-aligned and each
 * operand dimension is either equal to the output's or 1. {@link #map(int)} gives, for a flat output index
 * i, the flat operand index B(i) whose value is used at i. The cases this project uses have closed forms:
 * <pre>
 *   SAME           operand shape = output shape                     B(i) = i
 *   SCALAR         [1]                                              B(i) = 0
 *   TRAILING       [C] or [1,...,1,C]  (per-channel bias, slopes)   B(i) = i mod C
 *   LEADING        [N,1,...,1] (a per-sample mean), or
 *                  [N,D,H,W,1] into [N,D,H,W,C] (a mask times channels) B(i) = i div (outputSize/operandSize)
 *   GENERAL        anything else                                    by multi-index
 * </pre>
 */
final class Broadcast {
    enum Kind { SAME, SCALAR, TRAILING, LEADING, GENERAL }

    final Kind kind;
    private final int[] out;
    private final int[] operand;
    private final int param;

    private Broadcast(Kind kind, int[] out, int[] operand, int param) {
        this.kind = kind;
        this.out = out;
        this.operand = operand;
        this.param = param;
    }

    /** True if an operand of shape {@code small} broadcasts into {@code big}. */
    static boolean fits(int[] big, int[] small) {
        if (small.length > big.length) return false;
        for (int k = 1; k <= small.length; k++) {
            int s = small[small.length - k], b = big[big.length - k];
            if (s != b && s != 1) return false;
        }
        return true;
    }

    static Broadcast of(String op, int[] out, int[] operand) {
        if (!fits(out, operand))
            throw new IllegalArgumentException(op + ": shape " + Arrays.toString(operand) + " does not broadcast to " + Arrays.toString(out));
        int outSize = rln.tensor.Tensor.sizeOf(out), size = rln.tensor.Tensor.sizeOf(operand);
        int[] aligned = new int[out.length];
        Arrays.fill(aligned, 1);
        System.arraycopy(operand, 0, aligned, out.length - operand.length, operand.length);
        if (Arrays.equals(aligned, out)) return new Broadcast(Kind.SAME, out, aligned, 0);
        if (size == 1) return new Broadcast(Kind.SCALAR, out, aligned, 0);
        int lead = 0; // operand = [out_0..out_{lead-1}, 1, ..., 1]
        while (lead < out.length && aligned[lead] == out[lead]) lead++;
        boolean onesAfter = true;
        for (int k = lead; k < out.length; k++) onesAfter &= aligned[k] == 1;
        if (onesAfter) return new Broadcast(Kind.LEADING, out, aligned, outSize / size);
        int trail = out.length; // operand = [1, ..., 1, out_t..out_last]
        while (trail > 0 && aligned[trail - 1] == out[trail - 1]) trail--;
        boolean onesBefore = true;
        for (int k = 0; k < trail; k++) onesBefore &= aligned[k] == 1;
        if (onesBefore) return new Broadcast(Kind.TRAILING, out, aligned, size);
        return new Broadcast(Kind.GENERAL, out, aligned, 0);
    }

    /** B(i): the operand index read at output index i. */
    int map(int i) {
        switch (kind) {
            case SAME: return i;
            case SCALAR: return 0;
            case TRAILING: return i % param;
            case LEADING: return i / param;
            default: {
                int rest = i, idx = 0, stride = 1;
                for (int a = out.length - 1; a >= 0; a--) {
                    int coord = rest % out[a];
                    rest /= out[a];
                    if (operand[a] != 1) idx += coord * stride;
                    stride *= operand[a];
                }
                return idx;
            }
        }
    }

    /** dst_i = src_B(i) for every output index i (the fast path: runs instead of an index map per element). */
    void expand(float[] src, float[] dst) {
        int n = dst.length;
        switch (kind) {
            case SAME: System.arraycopy(src, 0, dst, 0, n); return;
            case SCALAR: java.util.Arrays.fill(dst, src[0]); return;
            case LEADING: // operand value j is repeated over the run [j*param, (j+1)*param)
                for (int j = 0; j < src.length; j++) java.util.Arrays.fill(dst, j * param, (j + 1) * param, src[j]);
                return;
            case TRAILING: // the operand repeats with period param
                for (int k = 0; k < n; k += param) System.arraycopy(src, 0, dst, k, param);
                return;
            default:
                for (int i = 0; i < n; i++) dst[i] = src[map(i)];
        }
    }

    /**
     * dst_j += scale * sum_{i : B(i) = j} full_i: the adjoint of {@link #expand}, summed in double in index
     * order (deterministic), rounded once into dst.
     */
    void reduceAdd(float[] full, double scale, float[] dst) {
        int n = full.length;
        switch (kind) {
            case SAME: {
                float s = (float) scale;
                Loops.range(n, (c, from, to) -> { for (int i = from; i < to; i++) dst[i] += s * full[i]; });
                return;
            }
            case SCALAR:
                dst[0] += (float) (scale * Loops.blockSum(n, (a, b) -> sum(full, a, b)));
                return;
            case LEADING:
                for (int j = 0; j < dst.length; j++) {
                    int from = j * param;
                    dst[j] += (float) (scale * Loops.blockSum(param, (a, b) -> sum(full, from + a, from + b)));
                }
                return;
            case TRAILING: {
                double[] acc = rln.tensor.BufferPool.doublesZeroed(param);
                for (int k = 0; k < n; k += param)
                    for (int c = 0; c < param; c++) acc[c] += full[k + c];
                for (int c = 0; c < param; c++) dst[c] += (float) (scale * acc[c]);
                rln.tensor.BufferPool.release(acc);
                return;
            }
            default: {
                double[] acc = rln.tensor.BufferPool.doublesZeroed(dst.length);
                for (int i = 0; i < n; i++) acc[map(i)] += full[i];
                for (int j = 0; j < dst.length; j++) dst[j] += (float) (scale * acc[j]);
                rln.tensor.BufferPool.release(acc);
            }
        }
    }

    private static double sum(float[] a, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += a[i];
        return s;
    }
}
