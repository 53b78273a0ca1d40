package rln.nn.mks;

/**
 * The scalar reference for the MKS prediction: the periodic convolution written as its definition,
 * <pre>
 *   (alpha * m)(x) = sum_r alpha(r) m(x - r)      (indices mod the grid; x, r run over all voxels)
 * </pre>
 * in double precision, O(V^2) for V voxels: meant for small grids in tests, to hold the FFT path of
 * {@link MksModel#predict(byte[])} to the formula. Fields are C order, index (i*ny + j)*nz + k.
 */
public final class InfluenceConvolution {
    private InfluenceConvolution() {}

    /** Returns alpha * m on the periodic nx x ny x nz grid. Neither input is modified. */
    public static double[] apply(double[] alpha, double[] m, int nx, int ny, int nz) {
        int v = nx * ny * nz;
        if (alpha.length != v || m.length != v)
            throw new IllegalArgumentException("fields of " + alpha.length + " and " + m.length + " values, grid has " + v);
        double[] out = new double[v];
        for (int i = 0; i < nx; i++)
            for (int j = 0; j < ny; j++)
                for (int k = 0; k < nz; k++) {
                    double sum = 0;
                    for (int ri = 0; ri < nx; ri++)
                        for (int rj = 0; rj < ny; rj++)
                            for (int rk = 0; rk < nz; rk++) {
                                int si = Math.floorMod(i - ri, nx), sj = Math.floorMod(j - rj, ny), sk = Math.floorMod(k - rk, nz);
                                sum += alpha[(ri * ny + rj) * nz + rk] * m[(si * ny + sj) * nz + sk];
                            }
                    out[(i * ny + j) * nz + k] = sum;
                }
        return out;
    }

    /** The first-order MKS prediction by direct convolution: p = sum_h alpha_h * m_h, m_h the phase-h indicator. */
    public static double[] predict(double[][] influence, byte[] micro, int nx, int ny, int nz) {
        double[] p = new double[micro.length];
        for (int h = 0; h < influence.length; h++) {
            double[] term = apply(influence[h], MksModel.indicator(micro, h), nx, ny, nz);
            for (int x = 0; x < p.length; x++) p[x] += term[x];
        }
        return p;
    }
}
