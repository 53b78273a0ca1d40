package rln.autodiff;

import java.util.Arrays;
import rln.tensor.BufferPool;
import rln.tensor.Tensor;

/**
 * Pointwise arithmetic. Binary ops broadcast NumPy-style ({@link Broadcast}): one operand has the output's
 * shape, the other broadcasts into it (e.g. {@code [N,D,H,W,1] * [N,D,H,W,C]}, a per-channel {@code [C]}, a
 * per-sample {@code [N,1,1,1,1]}, a scalar {@code [1]}). With A(i), B(i) the operand indices read at output
 * index i, the backward of a broadcast operand sums over the outputs that read it:
 * {@code da_j += sum_{i: A(i)=j} dy_i * (d y_i / d a_j)}.
 * Each op: the formula, the forward, the backward closure. DOUBLE tensors run the scalar loops as written;
 * FLOAT tensors run the same loops over float arrays, split across threads when large.
 */
public final class ArithmeticOps {
    private ArithmeticOps() {}

    /** y_i = a_A(i) + b_B(i).  Backward: da_A(i) += dy_i,  db_B(i) += dy_i. */
    public static Var add(Var a, Var b) {
        return linear("add", a, b, +1);
    }

    /** y_i = a_A(i) - b_B(i).  Backward: da_A(i) += dy_i,  db_B(i) -= dy_i. */
    public static Var sub(Var a, Var b) {
        return linear("sub", a, b, -1);
    }

    private static Var linear(String op, Var a, Var b, int sign) {
        Checks.samePrecision(op, a, b);
        int[] shape = outShape(op, a, b);
        Broadcast ma = Broadcast.of(op, shape, a.shape()), mb = Broadcast.of(op, shape, b.shape());
        Tensor y = Tape.newTensor(a.precision(), false, shape);
        int n = y.size();
        if (y.isDouble()) {
            double[] A = a.value().doubles(), B = b.value().doubles(), Y = y.doubles();
            for (int i = 0; i < n; i++) Y[i] = A[ma.map(i)] + sign * B[mb.map(i)];
        } else {
            float[] A = expanded(a.value(), ma, n), B = expanded(b.value(), mb, n), Y = y.floats();
            float s = sign;
            Loops.range(n, (c, from, to) -> { for (int i = from; i < to; i++) Y[i] = A[i] + s * B[i]; });
            releaseScratch(A, a.value());
            releaseScratch(B, b.value());
        }
        return Var.result(op, y, dy -> {
            if (a.requiresGrad()) accumulate(a.gradForAccumulation(), ma, dy, 1, null, null);
            if (b.requiresGrad()) accumulate(b.gradForAccumulation(), mb, dy, sign, null, null);
        }, a, b);
    }

    /** y_i = a_A(i) * b_B(i).  Backward: da_A(i) += dy_i * b_B(i),  db_B(i) += dy_i * a_A(i). */
    public static Var mul(Var a, Var b) {
        Checks.samePrecision("mul", a, b);
        int[] shape = outShape("mul", a, b);
        Broadcast ma = Broadcast.of("mul", shape, a.shape()), mb = Broadcast.of("mul", shape, b.shape());
        Tensor y = Tape.newTensor(a.precision(), false, shape);
        int n = y.size();
        if (y.isDouble()) {
            double[] A = a.value().doubles(), B = b.value().doubles(), Y = y.doubles();
            for (int i = 0; i < n; i++) Y[i] = A[ma.map(i)] * B[mb.map(i)];
        } else {
            float[] A = expanded(a.value(), ma, n), B = expanded(b.value(), mb, n), Y = y.floats();
            Loops.range(n, (c, from, to) -> { for (int i = from; i < to; i++) Y[i] = A[i] * B[i]; });
            releaseScratch(A, a.value());
            releaseScratch(B, b.value());
        }
        Saved sa = new Saved("mul", a.value()), sb = new Saved("mul", b.value());
        return Var.result("mul", y, dy -> {
            if (a.requiresGrad()) accumulate(a.gradForAccumulation(), ma, dy, 1, sb.get(), mb);
            if (b.requiresGrad()) accumulate(b.gradForAccumulation(), mb, dy, 1, sa.get(), ma);
        }, a, b);
    }

    /** y_i = a_i + s.  Backward: da_i += dy_i. */
    public static Var addScalar(Var a, double s) {
        Tensor y = Tape.newTensor(a.precision(), false, a.shape());
        int n = y.size();
        if (y.isDouble()) {
            double[] A = a.value().doubles(), Y = y.doubles();
            for (int i = 0; i < n; i++) Y[i] = A[i] + s;
        } else {
            float[] A = a.value().floats(), Y = y.floats();
            float sf = (float) s;
            Loops.range(n, (c, from, to) -> { for (int i = from; i < to; i++) Y[i] = A[i] + sf; });
        }
        Broadcast same = Broadcast.of("addScalar", a.shape(), a.shape());
        return Var.result("addScalar", y, dy -> accumulate(a.gradForAccumulation(), same, dy, 1, null, null), a);
    }

    /** y_i = s * a_i.  Backward: da_i += s * dy_i. */
    public static Var mulScalar(Var a, double s) {
        Tensor y = Tape.newTensor(a.precision(), false, a.shape());
        int n = y.size();
        if (y.isDouble()) {
            double[] A = a.value().doubles(), Y = y.doubles();
            for (int i = 0; i < n; i++) Y[i] = s * A[i];
        } else {
            float[] A = a.value().floats(), Y = y.floats();
            float sf = (float) s;
            Loops.range(n, (c, from, to) -> { for (int i = from; i < to; i++) Y[i] = sf * A[i]; });
        }
        Broadcast same = Broadcast.of("mulScalar", a.shape(), a.shape());
        return Var.result("mulScalar", y, dy -> accumulate(a.gradForAccumulation(), same, dy, s, null, null), a);
    }

    /** y_i = a_i^2.  Backward: da_i += 2 a_i dy_i. */
    public static Var square(Var a) {
        Tensor y = Tape.newTensor(a.precision(), false, a.shape());
        int n = y.size();
        if (y.isDouble()) {
            double[] A = a.value().doubles(), Y = y.doubles();
            for (int i = 0; i < n; i++) Y[i] = A[i] * A[i];
        } else {
            float[] A = a.value().floats(), Y = y.floats();
            Loops.range(n, (c, from, to) -> { for (int i = from; i < to; i++) Y[i] = A[i] * A[i]; });
        }
        Saved sa = new Saved("square", a.value());
        Broadcast same = Broadcast.of("square", a.shape(), a.shape());
        return Var.result("square", y, dy -> accumulate(a.gradForAccumulation(), same, dy, 2, sa.get(), same), a);
    }

    /** y_i = sqrt(a_i) (a_i > 0 for a finite gradient).  Backward: da_i += dy_i / (2 y_i). */
    public static Var sqrt(Var a) {
        Tensor y = Tape.newTensor(a.precision(), false, a.shape());
        int n = y.size();
        if (y.isDouble()) {
            double[] A = a.value().doubles(), Y = y.doubles();
            for (int i = 0; i < n; i++) Y[i] = Math.sqrt(A[i]);
        } else {
            float[] A = a.value().floats(), Y = y.floats();
            Loops.range(n, (c, from, to) -> { for (int i = from; i < to; i++) Y[i] = (float) Math.sqrt(A[i]); });
        }
        Saved sy = new Saved("sqrt", y);
        return Var.result("sqrt", y, dy -> {
            Tensor ga = a.gradForAccumulation(), yv = sy.get();
            if (ga.isDouble()) {
                double[] G = ga.doubles(), Y = yv.doubles(), D = dy.doubles();
                for (int i = 0; i < n; i++) G[i] += D[i] / (2 * Y[i]);
            } else {
                float[] G = ga.floats(), Y = yv.floats(), D = dy.floats();
                Loops.range(n, (c, from, to) -> { for (int i = from; i < to; i++) G[i] += D[i] / (2 * Y[i]); });
            }
        }, a);
    }

    /** The output shape: that of the operand the other broadcasts into. */
    static int[] outShape(String op, Var a, Var b) {
        int[] sa = a.shape(), sb = b.shape();
        if (Broadcast.fits(sa, sb)) return sa;
        if (Broadcast.fits(sb, sa)) return sb;
        throw new IllegalArgumentException(op + ": shapes " + Arrays.toString(sa) + " and " + Arrays.toString(sb) + " do not broadcast (one must fit into the other)");
    }

    /**
     * g_M(i) += s * dy_i * (other == null ? 1 : other_O(i)), over all output indices i. When M is not SAME,
     * several i share one target: the FLOAT path forms the terms, then sums them in double in index order
     * ({@link Broadcast#reduceAdd}, deterministic).
     */
    static void accumulate(Tensor g, Broadcast m, Tensor dy, double s, Tensor other, Broadcast mo) {
        int n = dy.size();
        if (g.isDouble()) {
            double[] G = g.doubles(), D = dy.doubles(), O = other == null ? null : other.doubles();
            for (int i = 0; i < n; i++) G[m.map(i)] += s * D[i] * (O == null ? 1 : O[mo.map(i)]);
            return;
        }
        float[] G = g.floats(), D = dy.floats(), O = other == null ? null : expanded(other, mo, n);
        float sf = (float) s;
        if (m.kind == Broadcast.Kind.SAME) {
            if (O == null) Loops.range(n, (c, from, to) -> { for (int i = from; i < to; i++) G[i] += sf * D[i]; });
            else Loops.range(n, (c, from, to) -> { for (int i = from; i < to; i++) G[i] += sf * D[i] * O[i]; });
        } else if (O == null) {
            m.reduceAdd(D, s, G);
        } else {
            float[] term = BufferPool.floats(n);
            Loops.range(n, (c, from, to) -> { for (int i = from; i < to; i++) term[i] = D[i] * O[i]; });
            m.reduceAdd(term, s, G);
            BufferPool.release(term);
        }
        if (O != null) releaseScratch(O, other);
    }

    /** The operand's values at every output index: its own array if SAME, else a pooled expanded copy. */
    static float[] expanded(Tensor t, Broadcast m, int n) {
        if (m.kind == Broadcast.Kind.SAME) return t.floats();
        float[] e = BufferPool.floats(n);
        m.expand(t.floats(), e);
        return e;
    }

    /** Gives back an array made by {@link #expanded} (no-op for the operand's own array). */
    static void releaseScratch(float[] arr, Tensor t) {
        if (arr != t.floats()) BufferPool.release(arr);
    }
}
