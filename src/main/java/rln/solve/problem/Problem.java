package rln.solve.problem;

/**
 * One periodic two-phase elasticity problem on an nx x ny x nz voxel grid.
 *
 * @param phase          per voxel, C order (z fastest): 0 = soft matrix (Young's modulus 1), 1 = stiff (modulus
 *                       {@code contrast}); not modified
 * @param contrast       E1 / E0 in [1e-8, 1e8] ({@link #checkContrast}; 1 = homogeneous)
 * @param nu             Poisson's ratio of both phases, in (-1, 0.5)
 * @param appliedStrain  the macroscopic strain E, 6 components xx, yy, zz, yz, xz, xy with TENSOR shear
 */
public record Problem(int nx, int ny, int nz, byte[] phase, double contrast, double nu, double[] appliedStrain) {

    public Problem {
        checkGrid(nx, ny, nz);
        if (phase.length != nx * ny * nz) throw new IllegalArgumentException("phase has " + phase.length + " voxels, grid needs " + nx * ny * nz);
        for (byte b : phase) if (b != 0 && b != 1) throw new IllegalArgumentException("phase values must be 0 or 1, found " + b);
        checkContrast(contrast);
        rln.elastic.Isotropic.checkPoisson(nu);
        if (appliedStrain.length != 6) throw new IllegalArgumentException("applied strain needs 6 components");
        for (double e : appliedStrain) if (!Double.isFinite(e)) throw new IllegalArgumentException("applied strain must be finite");
    }

    /**
     * The contrasts the solvers resolve: 1e-8 <= E1/E0 <= 1e8. Beyond, the forces of the softer phase fall below
     * 1e-8 of the stiffer one's, under what the default relative residual (1e-8) sees, and the squared loads of
     * the CG sums leave double range altogether near 1e150 (a solve then "converges" in 0 iterations).
     */
    public static final double MIN_CONTRAST = 1e-8, MAX_CONTRAST = 1e8;

    public static void checkContrast(double contrast) {
        if (!(contrast >= MIN_CONTRAST && contrast <= MAX_CONTRAST))
            throw new IllegalArgumentException("the contrast E1/E0 must be in [1e-8, 1e8], got " + contrast);
    }

    /**
     * The largest grid: a sample's six float64 strain fields (48 bytes per voxel) are written through one Java
     * byte array, whose length is an int: nx*ny*nz <= 44,739,242 (355^3).
     */
    public static final long MAX_VOXELS = Integer.MAX_VALUE / 48;

    public static void checkGrid(long nx, long ny, long nz) {
        if (nx < 2 || ny < 2 || nz < 2) throw new IllegalArgumentException("the grid must be at least 2 per axis, got " + nx + "x" + ny + "x" + nz);
        if (nx * ny * nz > MAX_VOXELS)
            throw new IllegalArgumentException("the grid " + nx + "x" + ny + "x" + nz + " has " + nx * ny * nz + " voxels, more than the "
                    + MAX_VOXELS + " (355^3) a sample can have");
    }

    public int voxels() {
        return nx * ny * nz;
    }

    /** A unit applied strain in component {@code c} (0..5 = xx, yy, zz, yz, xz, xy): E_c = 1, the rest 0. */
    public static double[] unitStrain(int c) {
        double[] e = new double[6];
        e[c] = 1;
        return e;
    }
}
