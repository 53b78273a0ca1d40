package rln.fft;

import org.jtransforms.fft.DoubleFFT_3D;

/**
 * Baseline: JTransforms' full complex 3D transform on the real field embedded in a complex array, keeping
 * the half spectrum. Correct for every size, but does twice the work a real transform needs (JTransforms'
 * own real 3D transform only accepts powers of two). Every length must be at least 2.
 */
public final class JTransformsRealFft3 implements RealFft3 {
    private final int nx, ny, nz;
    private final DoubleFFT_3D fft;
    private final double[] work;

    public JTransformsRealFft3(int nx, int ny, int nz) {
        if (nx < 2 || ny < 2 || nz < 2)
            throw new IllegalArgumentException("grid " + nx + "x" + ny + "x" + nz + ": JTransforms' 3D transform needs every length >= 2");
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.fft = new DoubleFFT_3D(nx, ny, nz);
        this.work = new double[2 * nx * ny * nz];
    }

    @Override public int nx() { return nx; }
    @Override public int ny() { return ny; }
    @Override public int nz() { return nz; }

    @Override
    public void forward(double[] real, double[] spectrum) {
        int n = nx * ny * nz;
        for (int i = 0; i < n; i++) {
            work[2 * i] = real[i];
            work[2 * i + 1] = 0;
        }
        fft.complexForward(work);
        int nzc = nzc();
        for (int pq = 0; pq < nx * ny; pq++)
            System.arraycopy(work, 2 * pq * nz, spectrum, 2 * pq * nzc, 2 * nzc);
    }

    @Override
    public void inverse(double[] spectrum, double[] real) {
        int nzc = nzc();
        for (int p = 0; p < nx; p++)
            for (int q = 0; q < ny; q++) {
                int pq = p * ny + q;
                int mirror = ((nx - p) % nx) * ny + (ny - q) % ny;
                for (int s = 0; s < nz; s++) {
                    double re, im;
                    if (s < nzc) {
                        re = spectrum[2 * (pq * nzc + s)];
                        im = spectrum[2 * (pq * nzc + s) + 1];
                        if (2 * s == 0 || 2 * s == nz) {
                            // self-conjugate plane: use the Hermitian part so that the result is real
                            int m = 2 * (mirror * nzc + s);
                            re = 0.5 * (re + spectrum[m]);
                            im = 0.5 * (im - spectrum[m + 1]);
                        }
                    } else {
                        int m = 2 * (mirror * nzc + (nz - s));
                        re = spectrum[m];
                        im = -spectrum[m + 1];
                    }
                    work[2 * (pq * nz + s)] = re;
                    work[2 * (pq * nz + s) + 1] = im;
                }
            }
        fft.complexInverse(work, true);
        int n = nx * ny * nz;
        for (int i = 0; i < n; i++) real[i] = work[2 * i];
    }
}
