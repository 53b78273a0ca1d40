package rln.autodiff;

import java.util.Arrays;
import rln.tensor.Tensor;

/**
 * Pointwise arithmetic. Binary ops broadcast NumPy-style ({@link Broadcast}): one operand has the output's
 * shape, the other broadcasts into it (e.g. {@code [N,D,H,W,1] * [N,D,H,W,C]}, a per-channel {@code [C]}, a
 * per-sample {@code [N,1,1,1,1]}, a scalar {@code [1]}). With A(i), B(i) the operand indices read at output
 * index i, the backward of a broadcast operand sums over the outputs that read it:
 * {@code da_j += sum_{i: A(i)=j} dy_i * (d y_i / d a_j)}.
 * Each op: the formula, the forward, the backward closure; one loop for both precisions ({@link Values}:
 * FLOAT is float arithmetic term by term, broadcast sums in double), split across threads when large.
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
        Values A = Values.expanded(a.value(), ma, n), B = Values.expanded(b.value(), mb, n), Y = Values.of(y);
        Loops.range(n, (c, from, to) -> { for (int i = from; i < to; i++) Y.set(i, A.get(i) + sign * B.get(i)); });
        A.release();
        B.release();
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
        Values A = Values.expanded(a.value(), ma, n), B = Values.expanded(b.value(), mb, n), Y = Values.of(y);
        Loops.range(n, (c, from, to) -> { for (int i = from; i < to; i++) Y.set(i, A.get(i) * B.get(i)); });
        A.release();
        B.release();
        Saved sa = new Saved("mul", a.value()), sb = new Saved("mul", b.value());
        return Var.result("mul", y, dy -> {
            if (a.requiresGrad()) accumulate(a.gradForAccumulation(), ma, dy, 1, sb.get(), mb);
            if (b.requiresGrad()) accumulate(b.gradForAccumulation(), mb, dy, 1, sa.get(), ma);
        }, a, b);
    }

    /** y_i = a_i + s.  Backward: da_i += dy_i. */
    public static Var addScalar(Var a, double s) {
        Tensor y = Tape.newTensor(a.precision(), false, a.shape());
        Values A = Values.of(a.value()), Y = Values.of(y);
        double k = Y.fl(s); // s in the tensors' precision
        Loops.range(y.size(), (c, from, to) -> { for (int i = from; i < to; i++) Y.set(i, A.get(i) + k); });
        Broadcast same = Broadcast.of("addScalar", a.shape(), a.shape());
        return Var.result("addScalar", y, dy -> accumulate(a.gradForAccumulation(), same, dy, 1, null, null), a);
    }

    /** y_i = s * a_i.  Backward: da_i += s * dy_i. */
    public static Var mulScalar(Var a, double s) {
        Tensor y = Tape.newTensor(a.precision(), false, a.shape());
        Values A = Values.of(a.value()), Y = Values.of(y);
        double k = Y.fl(s);
        Loops.range(y.size(), (c, from, to) -> { for (int i = from; i < to; i++) Y.set(i, k * A.get(i)); });
        Broadcast same = Broadcast.of("mulScalar", a.shape(), a.shape());
        return Var.result("mulScalar", y, dy -> accumulate(a.gradForAccumulation(), same, dy, s, null, null), a);
    }

    /** y_i = a_i^2.  Backward: da_i += 2 a_i dy_i. */
    public static Var square(Var a) {
        Tensor y = Tape.newTensor(a.precision(), false, a.shape());
        Values A = Values.of(a.value()), Y = Values.of(y);
        Loops.range(y.size(), (c, from, to) -> { for (int i = from; i < to; i++) Y.set(i, A.get(i) * A.get(i)); });
        Saved sa = new Saved("square", a.value());
        Broadcast same = Broadcast.of("square", a.shape(), a.shape());
        return Var.result("square", y, dy -> accumulate(a.gradForAccumulation(), same, dy, 2, sa.get(), same), a);
    }

    /** y_i = sqrt(a_i) (a_i > 0 for a finite gradient).  Backward: da_i += dy_i / (2 y_i). */
    public static Var sqrt(Var a) {
        Tensor y = Tape.newTensor(a.precision(), false, a.shape());
        Values A = Values.of(a.value()), Y = Values.of(y);
        Loops.range(y.size(), (c, from, to) -> { for (int i = from; i < to; i++) Y.set(i, Math.sqrt(A.get(i))); });
        Saved sy = new Saved("sqrt", y);
        return Var.result("sqrt", y, dy -> {
            Values G = Values.of(a.gradForAccumulation()), R = Values.of(sy.get()), D = Values.of(dy);
            Loops.range(dy.size(), (c, from, to) -> { for (int i = from; i < to; i++) G.add(i, D.get(i) / (2 * R.get(i))); });
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
     * g_M(i) += s * dy_i * (other == null ? 1 : other_O(i)), over all output indices i. When M is SAME each
     * target has one term, fl(fl(s dy_i) other_i) (float arithmetic, see {@link Values}); otherwise several
     * i share one target and the terms fl(dy_i other_i) are summed in double, scaled by s and rounded once
     * ({@link Broadcast#reduceAdd}, deterministic).
     */
    static void accumulate(Tensor g, Broadcast m, Tensor dy, double s, Tensor other, Broadcast mo) {
        int n = dy.size();
        Values G = Values.of(g), D = Values.of(dy), O = other == null ? null : Values.expanded(other, mo, n);
        if (m.kind == Broadcast.Kind.SAME) {
            double k = G.fl(s);
            if (O == null) Loops.range(n, (c, from, to) -> { for (int i = from; i < to; i++) G.add(i, k * D.get(i)); });
            else Loops.range(n, (c, from, to) -> { for (int i = from; i < to; i++) G.add(i, G.fl(k * D.get(i)) * O.get(i)); });
        } else if (O == null) {
            m.reduceAdd(D, s, G);
        } else {
            Values term = Values.scratch(g.precision(), n);
            Loops.range(n, (c, from, to) -> { for (int i = from; i < to; i++) term.set(i, D.get(i) * O.get(i)); });
            m.reduceAdd(term, s, G);
            term.release();
        }
        if (O != null) O.release();
    }
}
