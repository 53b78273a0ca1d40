package rln.solve;

import java.util.Random;

/** Small test microstructures and field helpers. */
public final class Microstructures {
    private Microstructures() {}

    public static byte[] random(int nx, int ny, int nz, double fraction, long seed) {
        Random r = new Random(seed);
        byte[] p = new byte[nx * ny * nz];
        for (int i = 0; i < p.length; i++) p[i] = (byte) (r.nextDouble() < fraction ? 1 : 0);
        return p;
    }

    /** Layers normal to x: voxel (i, j, k) is phase 1 when stiff[i]. */
    public static byte[] laminateX(int ny, int nz, boolean... stiff) {
        int nx = stiff.length;
        byte[] p = new byte[nx * ny * nz];
        for (int i = 0; i < nx; i++)
            for (int jk = 0; jk < ny * nz; jk++) p[i * ny * nz + jk] = (byte) (stiff[i] ? 1 : 0);
        return p;
    }

    public static double[] randomStrain(long seed) {
        Random r = new Random(seed);
        double[] e = new double[6];
        for (int c = 0; c < 6; c++) e[c] = r.nextGaussian();
        return e;
    }

    /** The mean of component c of a (6, n) field. */
    public static double mean(double[] field, int c, int n) {
        double s = 0;
        for (int x = c * n; x < (c + 1) * n; x++) s += field[x];
        return s / n;
    }
}
