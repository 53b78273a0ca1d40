package rln.solve.problem;

/**
 * One periodic two-phase elasticity problem on an nx x ny x nz voxel grid.
 *
 * @param phase          per voxel, C order (z fastest): 0 = soft matrix (Young's modulus 1), 1 = stiff (modulus
 *                       {@code contrast}); not modified
 * @param contrast       E1 / E0, finite and > 0 (1 = homogeneous)
 * @param nu             Poisson's ratio of both phases, in (-1, 0.5)
 * @param appliedStrain  the macroscopic strain E, 6 components xx, yy, zz, yz, xz, xy with TENSOR shear
 */
public record Problem(int nx, int ny, int nz, byte[] phase, double contrast, double nu, double[] appliedStrain) {

    public Problem {
        if (nx < 2 || ny < 2 || nz < 2) throw new IllegalArgumentException("grid must be at least 2 per axis, got " + nx + "x" + ny + "x" + nz);
        if (phase.length != nx * ny * nz) throw new IllegalArgumentException("phase has " + phase.length + " voxels, grid needs " + nx * ny * nz);
        for (byte b : phase) if (b != 0 && b != 1) throw new IllegalArgumentException("phase values must be 0 or 1, found " + b);
        if (!(contrast > 0) || !Double.isFinite(contrast)) throw new IllegalArgumentException("contrast must be finite and > 0, got " + contrast);
        if (!(nu > -1 && nu < 0.5)) throw new IllegalArgumentException("Poisson's ratio must be in (-1, 0.5), got " + nu);
        if (appliedStrain.length != 6) throw new IllegalArgumentException("applied strain needs 6 components");
        for (double e : appliedStrain) if (!Double.isFinite(e)) throw new IllegalArgumentException("applied strain must be finite");
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
