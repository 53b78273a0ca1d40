package rln.autodiff;

import java.util.Arrays;
import rln.tensor.Precision;
import rln.tensor.Tensor;

/**
 * A node of the computation graph: a value, its gradient dL/dvalue once backward has run, and (for an op's
 * result) the op's parents and its {@link Backward} closure. Leaves are constants, inputs (optionally
 * requiring a gradient) and {@link Parameter}s.
 */
public class Var {
    private final Tensor value;
    private final String op;
    private final boolean requiresGrad;
    /** The tape that owns this node's value and interior gradient (null for leaves). */
    final Tape tape;
    Var[] parents;
    Backward backward;
    Tensor grad;

    Var(String op, Tensor value, boolean requiresGrad, Var[] parents, Backward backward, Tape tape) {
        this.op = op;
        this.value = value;
        this.requiresGrad = requiresGrad;
        this.parents = parents;
        this.backward = backward;
        this.tape = tape;
    }

    /** A leaf that never receives a gradient (data, targets, masks). */
    public static Var constant(Tensor value) {
        return new Var("constant", value, false, null, null, null);
    }

    /** A leaf input; with {@code requiresGrad} its gradient is accumulated and kept (e.g. design by gradient). */
    public static Var input(Tensor value, boolean requiresGrad) {
        return new Var("input", value, requiresGrad, null, null, null);
    }

    /**
     * The same value as a constant: gradients stop here (e.g. to cut the recurrence between passes).
     * The value still belongs to this node's tape and is released when that tape closes.
     */
    public Var detach() {
        return new Var("detach", value, false, null, null, tape);
    }

    /** The value (read-only by convention: an in-place change makes a pending backward fail). */
    public Tensor value() {
        return value;
    }

    /** dL/dvalue after {@link Tape#backward}; null if no gradient reached this node. Interior gradients are released after backward. */
    public Tensor grad() {
        return grad;
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    public boolean isLeaf() {
        return tape == null;
    }

    /** The name of the op that produced this value ("constant", "input", "parameter" for leaves). */
    public String op() {
        return op;
    }

    public int[] shape() {
        return value.shape();
    }

    public Precision precision() {
        return value.precision();
    }

    /** The first (flat) value as a double: handy for a scalar loss. */
    public double item() {
        return value.get(0);
    }

    /** Clears the gradient of a leaf (sets it to zero). */
    public void zeroGrad() {
        if (grad != null) grad.fill(0);
    }

    /**
     * The gradient buffer an op's backward adds into, created zero on first use: from the tape's pool for
     * an interior node, a plain (kept) tensor for a leaf.
     */
    Tensor gradForAccumulation() {
        if (grad == null) grad = tape != null ? tape.newTensor(value.precision(), true, value.shape()) : Tensor.zeros(value.precision(), value.shape());
        return grad;
    }

    /**
     * The result of an op. It joins the graph (with its parents and backward closure) only when a tape is
     * recording on this thread, no {@link NoGrad} scope is open, and some parent requires a gradient.
     */
    static Var result(String op, Tensor value, Backward backward, Var... parents) {
        OpProfile.forward(op);
        Tape t = Tape.current();
        boolean needs = false;
        if (t != null && !NoGrad.active())
            for (Var p : parents) if (p != null && p.requiresGrad) needs = true;
        if (!needs) return new Var(op, value, false, null, null, t);
        Var v = new Var(op, value, true, parents, backward, t);
        t.record(v);
        return v;
    }

    @Override
    public String toString() {
        return op + Arrays.toString(value.shape());
    }
}
