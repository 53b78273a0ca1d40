package rln.nn;

import rln.tensor.Tensor;

/**
 * Which array axis the network takes as the loading direction x (METHOD.md section 4, "axis convention").
 * This project puts x on axis 0; the authors' arrays (and so their published networks) put it on the last
 * axis. A model trained here is {@link #XYZ}; an imported published model is {@link #ZYX}: it sees every
 * sample transposed (x,y,z) -> (z,y,x) and its outputs are transposed back, so that for the caller it
 * predicts eps_xx for a load along axis 0 like any other model.
 */
public enum InputAxes {
    /** The network sees the sample as stored: x = array axis 0 (this project's convention). */
    XYZ("xyz"),
    /** The network sees the sample with its spatial axes reversed: x = array axis 2 (the authors' convention). */
    ZYX("zyx");

    /** The name in model.json ("input_axes"). */
    public final String id;

    InputAxes(String id) {
        this.id = id;
    }

    public static InputAxes parse(String id) {
        for (InputAxes a : values()) if (a.id.equals(id)) return a;
        throw new IllegalArgumentException("unknown input_axes '" + id + "' (expected xyz or zyx)");
    }

    /** The network's view of a batch [N,nx,ny,nz,C] (a new tensor, or {@code t} itself for XYZ). Its own inverse. */
    public Tensor toNetwork(Tensor t) {
        return this == XYZ ? t : reverseSpatialAxes(t);
    }

    /** The caller's view of a network output (the inverse of {@link #toNetwork}, which is an involution). */
    public Tensor fromNetwork(Tensor t) {
        return toNetwork(t);
    }

    /** y[n,c,b,a,ch] = x[n,a,b,c,ch]: the transpose (x,y,z) -> (z,y,x) of every sample, channels kept. */
    static Tensor reverseSpatialAxes(Tensor x) {
        if (x.rank() != 5) throw new IllegalArgumentException("expected [N,D,H,W,C], got " + x);
        int n = x.dim(0), d = x.dim(1), h = x.dim(2), w = x.dim(3), C = x.dim(4);
        Tensor y = Tensor.zeros(x.precision(), n, w, h, d, C);
        for (int s = 0; s < n; s++)
            for (int a = 0; a < d; a++)
                for (int b = 0; b < h; b++)
                    for (int c = 0; c < w; c++) {
                        int from = (((s * d + a) * h + b) * w + c) * C, to = (((s * w + c) * h + b) * d + a) * C;
                        if (x.isDouble()) System.arraycopy(x.doubles(), from, y.doubles(), to, C);
                        else System.arraycopy(x.floats(), from, y.floats(), to, C);
                    }
        return y;
    }
}
