package rln.autodiff;

import java.util.Arrays;
import rln.tensor.Tensor;

/** Moving values without arithmetic: concatenation along channels, circular padding, cropping. */
public final class ShapeOps {
    private ShapeOps() {}

    /**
     * Concatenation along the last (channel) axis; all inputs share the leading dimensions:
     * <pre>
     *   y[v, off_k + c] = x_k[v, c]      off_k = C_0 + ... + C_(k-1)
     *   dx_k[v, c]     += dy[v, off_k + c]
     * </pre>
     */
    public static Var concatChannels(Var... xs) {
        if (xs.length == 0) throw new IllegalArgumentException("concatChannels: nothing to concatenate");
        Checks.samePrecision("concatChannels", xs);
        int[] lead = Arrays.copyOf(xs[0].shape(), xs[0].shape().length - 1);
        int total = 0;
        int[] off = new int[xs.length];
        for (int k = 0; k < xs.length; k++) {
            int[] s = xs[k].shape();
            if (!Arrays.equals(Arrays.copyOf(s, s.length - 1), lead) || s.length != lead.length + 1)
                throw new IllegalArgumentException("concatChannels: shapes " + Arrays.toString(xs[0].shape()) + " and " + Arrays.toString(s) + " differ before the channel axis");
            off[k] = total;
            total += s[s.length - 1];
        }
        int[] shape = Arrays.copyOf(lead, lead.length + 1);
        shape[lead.length] = total;
        Tensor y = Tape.newTensor(xs[0].precision(), false, shape);
        int voxels = y.size() / total, C = total;
        Values Y = Values.of(y);
        for (int k = 0; k < xs.length; k++) {
            int ck = xs[k].value().channels(), o = off[k];
            Values X = Values.of(xs[k].value());
            Loops.range(voxels, ck, (chunk, from, to) -> {
                for (int v = from; v < to; v++) X.copyTo(v * ck, Y, v * C + o, ck);
            });
        }
        return Var.result("concatChannels", y, dy -> {
            Values D = Values.of(dy);
            for (int k = 0; k < xs.length; k++) {
                if (!xs[k].requiresGrad()) continue;
                Values G = Values.of(xs[k].gradForAccumulation());
                int ck = xs[k].value().channels(), o = off[k];
                Loops.range(voxels, ck, (chunk, from, to) -> {
                    for (int v = from; v < to; v++) D.addTo(v * C + o, G, v * ck, ck);
                });
            }
        }, xs);
    }

    /**
     * Circular (periodic) padding of the three spatial axes of x [N,D,H,W,C], {@code before} voxels in front
     * and {@code after} behind on every axis (the proximal network: 2 and 3, 31 -> 36):
     * <pre>
     *   y[n,z,r,c,ch] = x[n, (z - before) mod D, (r - before) mod H, (c - before) mod W, ch]
     *   dx[n, (z - before) mod D, ...] += dy[n,z,r,c,ch]     (a voxel read several times collects every read)
     * </pre>
     */
    public static Var circularPad(Var x, int before, int after) {
        Checks.rank("circularPad", x, 5, "[N,D,H,W,C]");
        if (before < 0 || after < 0) throw new IllegalArgumentException("circularPad: negative padding " + before + ", " + after);
        int[] in = x.shape();
        int[] out = {in[0], in[1] + before + after, in[2] + before + after, in[3] + before + after, in[4]};
        Tensor y = Tape.newTensor(x.precision(), false, out);
        // the map from output voxel to input voxel, shared by forward and backward
        Window win = (n, z, r, c) -> (((n * in[1] + Math.floorMod(z - before, in[1])) * in[2] + Math.floorMod(r - before, in[2])) * in[3]
                + Math.floorMod(c - before, in[3]));
        gather(x.value(), y, out, win);
        return Var.result("circularPad", y, dy -> scatterAdd(dy, x.gradForAccumulation(), out, win), x);
    }

    /**
     * Cropping of the three spatial axes of x [N,D,H,W,C]: drops {@code before} leading and {@code after}
     * trailing voxels on every axis (the inverse of {@link #circularPad} on the kept voxels; 36 -> 31):
     * <pre>
     *   y[n,z,r,c,ch] = x[n, z + before, r + before, c + before, ch]
     *   dx[n, z + before, ...] += dy[n,z,r,c,ch]
     * </pre>
     */
    public static Var crop(Var x, int before, int after) {
        Checks.rank("crop", x, 5, "[N,D,H,W,C]");
        int[] in = x.shape();
        int[] out = {in[0], in[1] - before - after, in[2] - before - after, in[3] - before - after, in[4]};
        if (before < 0 || after < 0 || out[1] < 1 || out[2] < 1 || out[3] < 1)
            throw new IllegalArgumentException("crop: cannot drop " + before + " + " + after + " voxels from " + Arrays.toString(in));
        Tensor y = Tape.newTensor(x.precision(), false, out);
        Window win = (n, z, r, c) -> ((n * in[1] + z + before) * in[2] + r + before) * in[3] + c + before;
        gather(x.value(), y, out, win);
        return Var.result("crop", y, dy -> scatterAdd(dy, x.gradForAccumulation(), out, win), x);
    }

    /** For output voxel (n,z,r,c): the flat voxel index (without the channel) of the input voxel it copies. */
    @FunctionalInterface
    private interface Window {
        int source(int n, int z, int r, int c);
    }

    /** y[n,z,r,c,:] = x[source(n,z,r,c), :], one channel run per output voxel. */
    private static void gather(Tensor x, Tensor y, int[] out, Window win) {
        int C = out[4], rows = out[0] * out[1] * out[2];
        Values X = Values.of(x), Y = Values.of(y);
        Loops.range(rows, out[3] * C, (chunk, from, to) -> {
            for (int row = from; row < to; row++) {
                int n = row / (out[1] * out[2]), z = row / out[2] % out[1], r = row % out[2];
                for (int c = 0; c < out[3]; c++) X.copyTo(win.source(n, z, r, c) * C, Y, (row * out[3] + c) * C, C);
            }
        });
    }

    /** dx[source(n,z,r,c), :] += dy[n,z,r,c,:]; sequential, so voxels read several times sum in a fixed order. */
    private static void scatterAdd(Tensor dy, Tensor dx, int[] out, Window win) {
        int C = out[4];
        Values D = Values.of(dy), G = Values.of(dx);
        int i = 0;
        for (int n = 0; n < out[0]; n++)
            for (int z = 0; z < out[1]; z++)
                for (int r = 0; r < out[2]; r++)
                    for (int c = 0; c < out[3]; c++, i += C) D.addTo(i, G, win.source(n, z, r, c) * C, C);
    }
}
