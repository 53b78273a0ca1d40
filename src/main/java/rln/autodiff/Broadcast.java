package rln.autodiff;

import java.util.Arrays;

/**
 * NumPy broadcasting of an operand into a (larger or equal) output shape: shapes are right-aligned and each
 * operand dimension is either equal to the output's or 1. {@link #map(int)} gives, for a flat output index
 * i, the flat operand index B(i) whose value is used at i. The cases this project uses have closed forms:
 * <pre>
 *   SAME           operand shape = output shape                     B(i) = i
 *   SCALAR         [1]                                              B(i) = 0
 *   TRAILING       [C] or [1,...,1,C]  (per-channel bias, slopes)   B(i) = i mod period,  period = C
 *   LEADING        [N,1,...,1] (a per-sample mean), or
 *                  [N,D,H,W,1] into [N,D,H,W,C] (a mask times channels) B(i) = i div run,  run = outputSize/operandSize
 *   GENERAL        anything else                                    by multi-index
 * </pre>
 */
final class Broadcast {
    enum Kind { SAME, SCALAR, TRAILING, LEADING, GENERAL }

    final Kind kind;
    private final int[] out;
    private final int[] operand;
    /** TRAILING: the operand's size, the period with which its values repeat along the output (else 0). */
    private final int period;
    /** LEADING: outputSize / operandSize, the length of the run of outputs that read one operand value (else 0). */
    private final int run;

    private Broadcast(Kind kind, int[] out, int[] operand, int period, int run) {
        this.kind = kind;
        this.out = out;
        this.operand = operand;
        this.period = period;
        this.run = run;
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
        if (Arrays.equals(aligned, out)) return new Broadcast(Kind.SAME, out, aligned, 0, 0);
        if (size == 1) return new Broadcast(Kind.SCALAR, out, aligned, 0, 0);
        int lead = 0; // operand = [out_0..out_{lead-1}, 1, ..., 1]
        while (lead < out.length && aligned[lead] == out[lead]) lead++;
        boolean onesAfter = true;
        for (int k = lead; k < out.length; k++) onesAfter &= aligned[k] == 1;
        if (onesAfter) return new Broadcast(Kind.LEADING, out, aligned, 0, outSize / size);
        int trail = out.length; // operand = [1, ..., 1, out_t..out_last]
        while (trail > 0 && aligned[trail - 1] == out[trail - 1]) trail--;
        boolean onesBefore = true;
        for (int k = 0; k < trail; k++) onesBefore &= aligned[k] == 1;
        if (onesBefore) return new Broadcast(Kind.TRAILING, out, aligned, size, 0);
        return new Broadcast(Kind.GENERAL, out, aligned, 0, 0);
    }

    /** B(i): the operand index read at output index i. */
    int map(int i) {
        switch (kind) {
            case SAME: return i;
            case SCALAR: return 0;
            case TRAILING: return i % period;
            case LEADING: return i / run;
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

    /** dst_i = src_B(i) for every output index i (by runs and periods instead of an index map per element). */
    void expand(Values src, Values dst) {
        int n = dst.length();
        switch (kind) {
            case SAME: src.copyTo(0, dst, 0, n); return;
            case SCALAR: dst.fill(0, n, src.get(0)); return;
            case LEADING: // operand value j is repeated over the run [j*run, (j+1)*run)
                for (int j = 0; j < src.length(); j++) dst.fill(j * run, (j + 1) * run, src.get(j));
                return;
            case TRAILING: // the operand repeats with the period
                for (int k = 0; k < n; k += period) src.copyTo(0, dst, k, period);
                return;
            default:
                for (int i = 0; i < n; i++) dst.set(i, src.get(map(i)));
        }
    }

    /**
     * dst_i += fl(scale * src_B(i)) for every output index i (by runs where the operand value is constant;
     * the backward of a reduction onto this operand's shape).
     */
    void addExpanded(Values src, double scale, Values dst) {
        int n = dst.length();
        switch (kind) {
            case SCALAR:
                Loops.range(n, (c, from, to) -> dst.addConstant(from, to, scale * src.get(0)));
                return;
            case LEADING:
                for (int j = 0; j < src.length(); j++) {
                    int start = j * run;
                    double v = scale * src.get(j);
                    Loops.range(run, (c, from, to) -> dst.addConstant(start + from, start + to, v));
                }
                return;
            default:
                Loops.range(n, (c, from, to) -> { for (int i = from; i < to; i++) dst.add(i, scale * src.get(map(i))); });
        }
    }

    /**
     * dst_j += scale * sum_{i : B(i) = j} full_i: the adjoint of {@link #expand}. Each sum runs in double in
     * index order (SCALAR and LEADING over the fixed blocks of {@link Loops#blockSum}), is scaled, and is
     * rounded once into dst: the same bits whatever the thread count.
     */
    void reduceAdd(Values full, double scale, Values dst) {
        int n = full.length();
        switch (kind) {
            case SAME: {
                double s = dst.fl(scale);
                Loops.range(n, (c, from, to) -> { for (int i = from; i < to; i++) dst.add(i, s * full.get(i)); });
                return;
            }
            case SCALAR:
                dst.add(0, scale * Loops.blockSum(n, full::sum));
                return;
            case LEADING:
                for (int j = 0; j < dst.length(); j++) {
                    int from = j * run;
                    dst.add(j, scale * Loops.blockSum(run, (a, b) -> full.sum(from + a, from + b)));
                }
                return;
            case TRAILING: {
                double[] acc = rln.tensor.BufferPool.doublesZeroed(period);
                for (int k = 0; k < n; k += period)
                    for (int c = 0; c < period; c++) acc[c] += full.get(k + c);
                for (int c = 0; c < period; c++) dst.add(c, scale * acc[c]);
                rln.tensor.BufferPool.release(acc);
                return;
            }
            default: {
                double[] acc = rln.tensor.BufferPool.doublesZeroed(dst.length());
                for (int i = 0; i < n; i++) acc[map(i)] += full.get(i);
                for (int j = 0; j < dst.length(); j++) dst.add(j, scale * acc[j]);
                rln.tensor.BufferPool.release(acc);
            }
        }
    }
}
