package rln.tensor;

import java.util.Arrays;

/**
 * A dense array of numbers with a shape, in C order (last index fastest). Volumes are channels-last,
 * {@code [N, D, H, W, C]}, as in {@link rln.kernels.ConvGeometry}; a per-channel vector is {@code [C]}; a
 * scalar is {@code [1]}.
 * <p>
 * Storage is {@code float[]} ({@link Precision#FLOAT}, the fast path) or {@code double[]}
 * ({@link Precision#DOUBLE}, the reference path), never both.
 * <p>
 * The {@link #version()} counts in-place changes. Every mutating method here bumps it; code that writes the
 * raw arrays ({@link #floats()}, {@link #doubles()}) in place after creation must call {@link #markModified()}.
 * The autodiff tape records the version of each tensor it saves for backward and refuses to run backward on
 * a tensor changed in between.
 */
public final class Tensor {
    private final int[] shape;
    private final int size;
    private final Precision precision;
    private float[] f;
    private double[] d;
    private final boolean pooled;
    private boolean released;
    private int version;

    private Tensor(Precision precision, int[] shape, float[] f, double[] d, boolean pooled) {
        this.shape = shape.clone();
        this.size = sizeOf(shape);
        this.precision = precision;
        this.f = f;
        this.d = d;
        this.pooled = pooled;
        int length = f != null ? f.length : d.length;
        if (length != size)
            throw new IllegalArgumentException("storage of length " + length + " for shape " + Arrays.toString(shape));
    }

    /** Number of elements of a shape (product of its dimensions, each >= 1). */
    public static int sizeOf(int... shape) {
        if (shape.length == 0) throw new IllegalArgumentException("a tensor has at least one dimension (a scalar is [1])");
        long n = 1;
        for (int s : shape) {
            if (s < 1) throw new IllegalArgumentException("bad shape " + Arrays.toString(shape));
            n *= s;
        }
        if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("shape too large " + Arrays.toString(shape));
        return (int) n;
    }

    /** A new zero tensor (not pooled). */
    public static Tensor zeros(Precision p, int... shape) {
        int n = sizeOf(shape);
        return p == Precision.FLOAT ? new Tensor(p, shape, new float[n], null, false) : new Tensor(p, shape, null, new double[n], false);
    }

    /** A DOUBLE tensor that wraps {@code values} (not copied). */
    public static Tensor wrap(double[] values, int... shape) {
        return new Tensor(Precision.DOUBLE, shape, null, values, false);
    }

    /** A FLOAT tensor that wraps {@code values} (not copied). */
    public static Tensor wrap(float[] values, int... shape) {
        return new Tensor(Precision.FLOAT, shape, values, null, false);
    }

    /** A scalar ([1]) tensor. */
    public static Tensor scalar(Precision p, double v) {
        Tensor t = zeros(p, 1);
        t.set(0, v);
        return t;
    }

    /**
     * A tensor whose storage comes from the {@link BufferPool}; {@link #release()} gives it back.
     * With {@code zeroed} false the contents are stale and the caller must overwrite every element.
     */
    public static Tensor pooled(Precision p, boolean zeroed, int... shape) {
        int n = sizeOf(shape);
        if (p == Precision.FLOAT)
            return new Tensor(p, shape, zeroed ? BufferPool.floatsZeroed(n) : BufferPool.floats(n), null, true);
        return new Tensor(p, shape, null, zeroed ? BufferPool.doublesZeroed(n) : BufferPool.doubles(n), true);
    }

    /** Gives a pooled tensor's storage back to the pool; later access to it fails. No effect on an unpooled tensor. */
    public void release() {
        if (!pooled || released) return;
        released = true;
        if (f != null) BufferPool.release(f);
        if (d != null) BufferPool.release(d);
        f = null;
        d = null;
    }

    public boolean isReleased() {
        return released;
    }

    // ---- shape ----

    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis < 0 ? shape.length + axis : axis];
    }

    /** The last dimension: the channel count of a channels-last volume. */
    public int channels() {
        return shape[shape.length - 1];
    }

    public int size() {
        return size;
    }

    public Precision precision() {
        return precision;
    }

    public boolean isDouble() {
        return precision == Precision.DOUBLE;
    }

    public boolean sameShape(Tensor o) {
        return Arrays.equals(shape, o.shape);
    }

    /** Flat C-order index of a multi-index. */
    public int index(int... idx) {
        if (idx.length != shape.length) throw new IllegalArgumentException("index rank " + idx.length + " for shape " + Arrays.toString(shape));
        int flat = 0;
        for (int a = 0; a < shape.length; a++) {
            if (idx[a] < 0 || idx[a] >= shape[a]) throw new IndexOutOfBoundsException("index " + Arrays.toString(idx) + " for shape " + Arrays.toString(shape));
            flat = flat * shape[a] + idx[a];
        }
        return flat;
    }

    // ---- storage ----

    /** The float storage (FLOAT tensors). Writing it in place requires {@link #markModified()}. */
    public float[] floats() {
        live();
        if (f == null) throw new IllegalStateException("a DOUBLE tensor has no float storage");
        return f;
    }

    /** The double storage (DOUBLE tensors). Writing it in place requires {@link #markModified()}. */
    public double[] doubles() {
        live();
        if (d == null) throw new IllegalStateException("a FLOAT tensor has no double storage");
        return d;
    }

    private void live() {
        if (released) throw new IllegalStateException("tensor " + Arrays.toString(shape) + " was released to the buffer pool (its tape was closed)");
    }

    public int version() {
        return version;
    }

    /** Records an in-place change made through the raw arrays. */
    public void markModified() {
        version++;
    }

    public double get(int flat) {
        live();
        return f != null ? f[flat] : d[flat];
    }

    public double get(int... idx) {
        return get(index(idx));
    }

    public void set(int flat, double v) {
        live();
        if (f != null) f[flat] = (float) v;
        else d[flat] = v;
        version++;
    }

    public void fill(double v) {
        live();
        if (f != null) Arrays.fill(f, (float) v);
        else Arrays.fill(d, v);
        version++;
    }

    /** this = src (same shape; converts precision). */
    public void copyFrom(Tensor src) {
        if (!sameShape(src)) throw new IllegalArgumentException("copy of " + src + " into " + this);
        live();
        for (int i = 0; i < size; i++) {
            if (f != null) f[i] = (float) src.get(i);
            else d[i] = src.get(i);
        }
        version++;
    }

    /** A new, unpooled copy in precision {@code p}. */
    public Tensor to(Precision p) {
        Tensor t = zeros(p, shape);
        t.copyFrom(this);
        t.version = 0;
        return t;
    }

    /** A new, unpooled copy. */
    public Tensor copy() {
        return to(precision);
    }

    /** All values as doubles (a new array). */
    public double[] toDoubles() {
        double[] r = new double[size];
        for (int i = 0; i < size; i++) r[i] = get(i);
        return r;
    }

    /** max_i |this_i - o_i| (same shape). */
    public double maxAbsDiff(Tensor o) {
        if (!sameShape(o)) throw new IllegalArgumentException("shapes differ: " + this + " vs " + o);
        double m = 0;
        for (int i = 0; i < size; i++) m = Math.max(m, Math.abs(get(i) - o.get(i)));
        return m;
    }

    /** |this_i - o_i| <= atol + rtol * |o_i| for every i (same shape). */
    public boolean allClose(Tensor o, double rtol, double atol) {
        if (!sameShape(o)) return false;
        for (int i = 0; i < size; i++) {
            double a = get(i), b = o.get(i);
            if (!(Math.abs(a - b) <= atol + rtol * Math.abs(b))) return false;
        }
        return true;
    }

    /** Bitwise equality of shape, precision and every value. */
    public boolean bitwiseEquals(Tensor o) {
        return precision == o.precision && sameShape(o) && (f != null ? Arrays.equals(f, o.f) : Arrays.equals(d, o.d));
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape) + " " + precision;
    }
}
