package rln.fft;

/**
 * The definition, summed directly: O((nx ny nz)^2) operations, for tests on small grids only.
 * <pre>
 *   X(p,q,s) = sum_{i,j,k} x(i,j,k) exp(-2 pi I (p i/nx + q j/ny + s k/nz)),   s = 0..nz/2
 *   x(i,j,k) = 1/(nx ny nz) sum_{p,q,s over the full spectrum} X(p,q,s) exp(+2 pi I (p i/nx + q j/ny + s k/nz))
 * </pre>
 * where the full spectrum is rebuilt from the half one by Hermitian symmetry, X(p,q,s) = conj X(-p,-q,-s) for
 * s > nz/2, and the real part of the sum is kept (which ignores the anti-Hermitian part of the stored planes
 * s = 0 and s = nz/2, as {@link RealFft3#inverse} specifies). Angles are reduced modulo the grid (the integer
 * (p i mod nx)/nx etc.) before the exponential, so the phases carry no error growing with the indices.
 */
public final class ReferenceRealFft3 implements RealFft3 {
    private final int nx, ny, nz;

    public ReferenceRealFft3(int nx, int ny, int nz) {
        if (nx < 1 || ny < 1 || nz < 1) throw new IllegalArgumentException("grid " + nx + "x" + ny + "x" + nz);
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
    }

    @Override public int nx() { return nx; }
    @Override public int ny() { return ny; }
    @Override public int nz() { return nz; }

    /** The phase 2 pi (p i/nx + q j/ny + s k/nz), each term reduced to a full turn first. */
    private double phase(int p, int i, int q, int j, int s, int k) {
        return 2 * Math.PI * ((double) (p * i % nx) / nx + (double) (q * j % ny) / ny + (double) (s * k % nz) / nz);
    }

    @Override
    public void forward(double[] real, double[] spectrum) {
        int nzc = nzc();
        for (int p = 0; p < nx; p++)
            for (int q = 0; q < ny; q++)
                for (int s = 0; s < nzc; s++) {
                    double re = 0, im = 0;
                    for (int i = 0; i < nx; i++)
                        for (int j = 0; j < ny; j++)
                            for (int k = 0; k < nz; k++) {
                                double x = real[(i * ny + j) * nz + k], t = phase(p, i, q, j, s, k);
                                re += x * Math.cos(t);
                                im -= x * Math.sin(t);
                            }
                    int o = 2 * ((p * ny + q) * nzc + s);
                    spectrum[o] = re;
                    spectrum[o + 1] = im;
                }
    }

    @Override
    public void inverse(double[] spectrum, double[] real) {
        int nzc = nzc();
        double[] full = new double[2 * nx * ny * nz]; // the full spectrum X(p,q,s), s = 0..nz-1
        for (int p = 0; p < nx; p++)
            for (int q = 0; q < ny; q++)
                for (int s = 0; s < nz; s++) {
                    int o = 2 * ((p * ny + q) * nz + s);
                    if (s < nzc) {
                        full[o] = spectrum[2 * ((p * ny + q) * nzc + s)];
                        full[o + 1] = spectrum[2 * ((p * ny + q) * nzc + s) + 1];
                    } else { // X(p,q,s) = conj X(-p,-q,-s)
                        int mirror = 2 * ((((nx - p) % nx) * ny + (ny - q) % ny) * nzc + (nz - s));
                        full[o] = spectrum[mirror];
                        full[o + 1] = -spectrum[mirror + 1];
                    }
                }
        double norm = 1.0 / ((double) nx * ny * nz);
        for (int i = 0; i < nx; i++)
            for (int j = 0; j < ny; j++)
                for (int k = 0; k < nz; k++) {
                    double re = 0;
                    for (int p = 0; p < nx; p++)
                        for (int q = 0; q < ny; q++)
                            for (int s = 0; s < nz; s++) {
                                int o = 2 * ((p * ny + q) * nz + s);
                                double t = phase(p, i, q, j, s, k);
                                re += full[o] * Math.cos(t) - full[o + 1] * Math.sin(t); // Re(X exp(+I t))
                            }
                    real[(i * ny + j) * nz + k] = norm * re;
                }
    }
}
