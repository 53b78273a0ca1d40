package rln.nn;

import java.util.function.UnaryOperator;
import rln.autodiff.ActivationOps;
import rln.autodiff.DenseOps;
import rln.autodiff.GatherOps;
import rln.autodiff.NoGrad;
import rln.autodiff.Tape;
import rln.autodiff.Var;
import rln.tensor.Tensor;

/**
 * The comparison CNN's layers over a whole periodic field ({@link ComparisonCnn#predict}): every layer is a matrix
 * product over rows gathered at fixed offsets around each voxel, computed in chunks of voxels so that the gathered
 * rows stay small (at most {@link #CHUNK_VALUES} numbers), each chunk on its own tape (pooled buffers, no graph).
 * A row's result does not depend on the chunk it is in (each output is one sum in a fixed order).
 */
final class FullField {
    private FullField() {}

    /** Numbers per gathered chunk: 2^22 (16 MB in float). */
    static final int CHUNK_VALUES = 1 << 22;

    /** Offsets (a, e, c - h), a, e < k, c < depth, h = depth / 2, in C order: a k x k convolution whose channels are z. */
    static int[][] convTaps(int k, int depth) {
        int h = depth / 2;
        int[][] d = new int[k * k * depth][];
        for (int a = 0, t = 0; a < k; a++)
            for (int e = 0; e < k; e++)
                for (int c = 0; c < depth; c++) d[t++] = new int[] {a, e, c - h};
        return d;
    }

    /** Offsets (p - h, q - h, 0), p, q < side, in C order: the window a voxel's dense1 reads from the conv2 field. */
    static int[][] windowTaps(int side, int h) {
        int[][] d = new int[side * side][];
        for (int p = 0, t = 0; p < side; p++)
            for (int q = 0; q < side; q++) d[t++] = new int[] {p - h, q - h, 0};
        return d;
    }

    /** out[r, :] = act(rows(r) w + b), rows(r) the values of {@code field} around voxels[r] at {@code taps}: [R, cols of w]. */
    static Tensor stage(Tensor field, int[] voxels, int[][] taps, Var w, Var b, boolean relu) {
        return rows(field, voxels, taps, x -> {
            Var y = DenseOps.dense(x, w, b);
            return relu ? ActivationOps.relu(y) : y;
        });
    }

    /** The network's head on every voxel's window: [R, width of head's output]. */
    static Tensor head(Tensor field, int[] voxels, int[][] taps, UnaryOperator<Var> head) {
        return rows(field, voxels, taps, head);
    }

    private static Tensor rows(Tensor field, int[] voxels, int[][] taps, UnaryOperator<Var> f) {
        int width = taps.length * field.channels(), R = voxels.length;
        int chunk = Math.max(1, Math.min(R, CHUNK_VALUES / width));
        if (chunk > 128) chunk -= chunk % 128; // whole row blocks of the product kernel
        Tensor out = null;
        Var in = Var.constant(field);
        for (int from = 0; from < R; from += chunk) {
            int[] part = java.util.Arrays.copyOfRange(voxels, from, Math.min(R, from + chunk));
            try (Tape tape = Tape.open(); NoGrad g = NoGrad.enter()) {
                Tensor y = f.apply(GatherOps.periodicNeighbourhoods(in, part, taps, width)).value();
                int cols = y.size() / part.length;
                if (out == null) out = Tensor.zeros(field.precision(), R, cols);
                if (y.isDouble()) System.arraycopy(y.doubles(), 0, out.doubles(), from * cols, y.size());
                else System.arraycopy(y.floats(), 0, out.floats(), from * cols, y.size());
            }
        }
        return out;
    }
}
