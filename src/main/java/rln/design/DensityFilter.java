package rln.design;

import java.util.ArrayList;
import java.util.List;

/**
 * The density filter of topology optimization (Bruns and Tortorelli 2001; Bourdin 2001) on the periodic voxel grid:
 * <pre>
 *   rho~_e = sum_j w(d_ej) x_j / sum_j w(d_ej),    w(d) = max(0, R - d),    d_ej = |c_e - c_j| (periodic)
 * </pre>
 * a cone of radius R voxels. On a periodic grid every voxel sees the same weights, so the filter is a circulant
 * matrix with a symmetric stencil (w(d) = w(-d)): W^T = W, and the chain rule through it applies it again
 * (dJ/dx = W dJ/drho~). It sets the smallest feature the design can hold to about 2R voxels and removes the
 * checkerboards of the per-voxel variables. R <= 1 leaves x unchanged.
 */
public final class DensityFilter {
    private final int nx, ny, nz;
    private final int[][] offsets;   // (dx, dy, dz) of the stencil
    private final double[] weights;  // normalized: they sum to 1

    /** @param radius R in voxels (>= 0) */
    public DensityFilter(int nx, int ny, int nz, double radius) {
        if (!(radius >= 0) || !Double.isFinite(radius)) throw new IllegalArgumentException("filter radius must be finite and >= 0, got " + radius);
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        int reach = (int) Math.ceil(radius) - 1;
        List<int[]> o = new ArrayList<>();
        List<Double> w = new ArrayList<>();
        for (int dx = -reach; dx <= reach; dx++)
            for (int dy = -reach; dy <= reach; dy++)
                for (int dz = -reach; dz <= reach; dz++) {
                    double weight = radius - Math.sqrt(dx * dx + dy * dy + dz * dz);
                    if (weight > 0) {
                        o.add(new int[] {dx, dy, dz});
                        w.add(weight);
                    }
                }
        if (o.isEmpty()) {
            o.add(new int[] {0, 0, 0});
            w.add(1.0);
        }
        double total = 0;
        for (double v : w) total += v;
        offsets = o.toArray(new int[0][]);
        weights = new double[w.size()];
        for (int i = 0; i < weights.length; i++) weights[i] = w.get(i) / total;
    }

    /** The number of voxels in the stencil. */
    public int stencilSize() {
        return weights.length;
    }

    /** out = W x (x and out: nx ny nz values, C order; distinct arrays; x not modified). Also out = W^T x. */
    public void apply(double[] x, double[] out) {
        for (int i = 0; i < nx; i++)
            for (int j = 0; j < ny; j++)
                for (int k = 0; k < nz; k++) {
                    double s = 0;
                    for (int t = 0; t < weights.length; t++) {
                        int[] d = offsets[t];
                        s += weights[t] * x[index(i + d[0], j + d[1], k + d[2])];
                    }
                    out[(i * ny + j) * nz + k] = s;
                }
    }

    private int index(int i, int j, int k) {
        return (Math.floorMod(i, nx) * ny + Math.floorMod(j, ny)) * nz + Math.floorMod(k, nz);
    }
}
