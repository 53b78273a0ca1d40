package rln.solve.problem;

/**
 * A solved strain field.
 *
 * @param strain     6 components xx, yy, zz, yz, xz, xy (tensor shear), component-major: strain[c*N + voxel],
 *                   the layout of one (6, nx, ny, nz) sample of solver output; per voxel, the element (centroid)
 *                   average for the FE elements and the voxel value for the spectral schemes
 * @param iterations iterations the scheme took
 * @param residual   the final value of the scheme's stopping residual (documented by each solver)
 * @param seconds    wall-clock time of the solve
 */
public record Solution(double[] strain, int iterations, double residual, double seconds) {}
