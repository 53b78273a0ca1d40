package rln.autodiff;

import rln.tensor.BufferPool;
import rln.tensor.Precision;
import rln.tensor.Tensor;

/**
 * A tensor's numbers as the ops read and write them, so that every op is one loop for both precisions.
 * Reading widens to double (exact). Writing rounds once to the tensor's precision:
 * <pre>
 *   get(i)      = x_i
 *   set(i, v):    x_i = fl(v)
 *   add(i, v):    x_i = fl(x_i + fl(v))      (the term rounded, then added in the precision)
 *   fl(v)       = v as the precision stores it (the identity for DOUBLE)
 * </pre>
 * For FLOAT this is float arithmetic exactly: a term that is one operation on float operands (a + b, a b,
 * a / b, sqrt a, or such a result times a power of two) computed in double and rounded once is the float
 * result (double carries more than 2 * 24 + 2 bits, so the double rounding is innocuous). Where float
 * arithmetic rounds inside a longer formula, the op says so with {@link #fl}. Sums over many terms are not
 * float arithmetic: they run in double over fixed blocks ({@link Loops#blockSum}, {@link #sum}) and are
 * rounded once when stored.
 * <p>
 * Exactly two implementations exist, so every call site stays at most bimorphic and the JIT inlines it.
 */
abstract class Values {
    /** True for a pooled scratch array made here, which {@link #release} gives back. */
    private final boolean scratch;

    private Values(boolean scratch) {
        this.scratch = scratch;
    }

    /** The tensor's own storage (writes go to the tensor; the caller marks it modified if that matters). */
    static Values of(Tensor t) {
        return t.isDouble() ? new Doubles(t.doubles(), false) : new Floats(t.floats(), false);
    }

    /** A pooled array of {@code n} numbers in precision {@code p}, contents unspecified; give it back with {@link #release}. */
    static Values scratch(Precision p, int n) {
        return p == Precision.DOUBLE ? new Doubles(BufferPool.doubles(n), true) : new Floats(BufferPool.floats(n), true);
    }

    /** The operand's values at every output index: its own storage if SAME, else a pooled expanded copy. */
    static Values expanded(Tensor t, Broadcast m, int n) {
        if (m.kind == Broadcast.Kind.SAME) return of(t);
        Values e = scratch(t.precision(), n);
        m.expand(of(t), e);
        return e;
    }

    /** Gives a scratch array back to the pool (no effect on a tensor's own storage). Not to be used afterwards. */
    final void release() {
        if (scratch) giveBack();
    }

    abstract void giveBack();

    abstract int length();

    abstract double get(int i);

    abstract void set(int i, double v);

    abstract void add(int i, double v);

    abstract double fl(double v);

    /** x_i = fl(v) for i in [from, to). */
    abstract void fill(int from, int to, double v);

    /** x_i += fl(v) for i in [from, to). */
    abstract void addConstant(int from, int to, double v);

    /** dst_(to+k) = x_(from+k) for k < len (same precision). */
    abstract void copyTo(int from, Values dst, int to, int len);

    /** dst_(to+k) += x_(from+k) for k < len (same precision; the precision's own addition). */
    abstract void addTo(int from, Values dst, int to, int len);

    /** sum_{from <= i < to} x_i, accumulated in double in index order. */
    final double sum(int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += get(i);
        return s;
    }

    private static final class Floats extends Values {
        private final float[] a;

        Floats(float[] a, boolean scratch) {
            super(scratch);
            this.a = a;
        }

        @Override void giveBack() { BufferPool.release(a); }
        @Override int length() { return a.length; }
        @Override double get(int i) { return a[i]; }
        @Override void set(int i, double v) { a[i] = (float) v; }
        @Override void add(int i, double v) { a[i] += (float) v; }
        @Override double fl(double v) { return (float) v; }
        @Override void fill(int from, int to, double v) { java.util.Arrays.fill(a, from, to, (float) v); }

        @Override
        void addConstant(int from, int to, double v) {
            float f = (float) v;
            for (int i = from; i < to; i++) a[i] += f;
        }

        @Override void copyTo(int from, Values dst, int to, int len) { System.arraycopy(a, from, ((Floats) dst).a, to, len); }

        @Override
        void addTo(int from, Values dst, int to, int len) {
            float[] d = ((Floats) dst).a;
            for (int k = 0; k < len; k++) d[to + k] += a[from + k];
        }
    }

    private static final class Doubles extends Values {
        private final double[] a;

        Doubles(double[] a, boolean scratch) {
            super(scratch);
            this.a = a;
        }

        @Override void giveBack() { BufferPool.release(a); }
        @Override int length() { return a.length; }
        @Override double get(int i) { return a[i]; }
        @Override void set(int i, double v) { a[i] = v; }
        @Override void add(int i, double v) { a[i] += v; }
        @Override double fl(double v) { return v; }
        @Override void fill(int from, int to, double v) { java.util.Arrays.fill(a, from, to, v); }

        @Override
        void addConstant(int from, int to, double v) {
            for (int i = from; i < to; i++) a[i] += v;
        }

        @Override void copyTo(int from, Values dst, int to, int len) { System.arraycopy(a, from, ((Doubles) dst).a, to, len); }

        @Override
        void addTo(int from, Values dst, int to, int len) {
            double[] d = ((Doubles) dst).a;
            for (int k = 0; k < len; k++) d[to + k] += a[from + k];
        }
    }
}
