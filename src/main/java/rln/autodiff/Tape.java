package rln.autodiff;

import java.util.ArrayList;
import java.util.List;
import rln.tensor.Precision;
import rln.tensor.Tensor;

/**
 * Reverse-mode automatic differentiation for one step (micrograd's engine, with explicit memory):
 * <pre>
 *   try (Tape tape = Tape.open()) {
 *       Var loss = ...ops on parameters and data...;
 *       tape.backward(loss);              // parameters' .grad() += dloss/dparameter
 *   }                                     // every buffer of the step goes back to the pool
 * </pre>
 * Ops record their results here, in creation order, which is a topological order (an op's parents exist
 * before it). {@link #backward} seeds dL/dL = 1 and walks the nodes in reverse, calling each node's
 * {@link Backward} closure once all of its consumers (created later) have added into its gradient; that
 * gradient then goes straight back to the pool (peak memory: the values plus the gradients still in flight).
 * The graph is then released: closures, parents and interior gradients are dropped, so backward runs once.
 * Values stay readable until {@link #close()}, which returns them to the {@link rln.tensor.BufferPool}.
 * <p>
 * One tape is current per thread (tapes nest; closing restores the previous one). With no tape open, ops
 * simply compute (no graph, unpooled results).
 */
public final class Tape implements AutoCloseable {
    private static final ThreadLocal<Tape> CURRENT = new ThreadLocal<>();

    private final Tape previous;
    private final Thread owner = Thread.currentThread();
    private final List<Var> nodes = new ArrayList<>();
    private final List<Tensor> owned = new ArrayList<>();
    private boolean backwardDone;
    private boolean closed;

    private Tape(Tape previous) {
        this.previous = previous;
    }

    /** Opens a tape and makes it current on this thread. */
    public static Tape open() {
        Tape t = new Tape(CURRENT.get());
        CURRENT.set(t);
        return t;
    }

    /** The current tape of this thread, or null. */
    public static Tape current() {
        return CURRENT.get();
    }

    /** A tensor for an op's result or scratch: pooled and owned by the current tape if any, else plain. */
    static Tensor newTensor(Precision p, boolean zeroed, int... shape) {
        Tape t = CURRENT.get();
        if (t == null) return Tensor.zeros(p, shape);
        Tensor x = Tensor.pooled(p, zeroed, shape);
        t.owned.add(x);
        return x;
    }

    void record(Var v) {
        if (backwardDone) throw new IllegalStateException("this tape already ran backward; open a new tape for the next step");
        nodes.add(v);
    }

    /** Number of nodes recorded (ops whose result needs a gradient). */
    public int size() {
        return nodes.size();
    }

    /** Tensors owned by this tape (values and interior gradients, returned to the pool at close). */
    public int ownedTensors() {
        return owned.size();
    }

    /**
     * dL/dx for every x that requires a gradient, L = {@code root} (a one-element tensor): seeds dL/dL = 1,
     * runs the closures in reverse creation order, then releases the graph.
     */
    public void backward(Var root) {
        if (Thread.currentThread() != owner) throw new IllegalStateException("a tape is confined to the thread that opened it");
        if (closed) throw new IllegalStateException("backward on a closed tape");
        if (backwardDone) throw new IllegalStateException("backward already ran on this tape and its graph was released");
        if (root.value().size() != 1) throw new IllegalArgumentException("backward needs a scalar loss, got " + root);
        if (!root.requiresGrad()) throw new IllegalArgumentException("the loss does not depend on anything that requires a gradient");
        if (root.tape != this) throw new IllegalArgumentException("the loss was not recorded on this tape");
        backwardDone = true;
        root.gradForAccumulation().set(0, 1.0);
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Var v = nodes.get(i);
            if (v.grad == null || v.backward == null) continue;
            long t0 = OpProfile.on() ? System.nanoTime() : 0;
            v.backward.propagate(v.grad);
            if (t0 != 0) OpProfile.backward(v.op(), System.nanoTime() - t0);
            // every consumer of v was created after v and has already run: v's gradient is complete and used
            v.grad.release();
            v.grad = null;
            v.backward = null;
        }
        for (Var v : nodes) { // release the graph: closures (and the tensors they saved), parents, interior gradients
            v.backward = null;
            v.parents = null;
            if (v.grad != null) v.grad.release();
            v.grad = null;
        }
        nodes.clear();
    }

    /** Returns every tensor of this step to the pool and restores the previous tape. */
    @Override
    public void close() {
        if (closed) return;
        if (Thread.currentThread() != owner) throw new IllegalStateException("a tape is confined to the thread that opened it");
        if (CURRENT.get() != this) throw new IllegalStateException("tapes must be closed in reverse order of opening");
        closed = true;
        CURRENT.set(previous);
        for (Var v : nodes) {
            v.backward = null;
            v.parents = null;
            v.grad = null;
        }
        nodes.clear();
        for (Tensor t : owned) t.release();
        owned.clear();
    }
}
