package rln.solve.spectral;

import rln.elastic.GreenOperator;
import rln.fft.RealFft3;

/**
 * The Fourier side of the spectral schemes: wave vectors of the half spectrum and periodic convolution of a
 * 6-component (Voigt) field with an operator given per wave vector.
 * <pre>
 *   frequency f = (p*ny + q)*nzc + s  of the half spectrum (RealFft3 layout), nzc = nz/2 + 1
 *   signed index  p' = p for p <= nx/2, else p - nx       (the same per axis)
 *   wave vector   xi = 2 pi (p'/nx, q'/ny, s/nz)
 * </pre>
 * Nyquist frequencies (even n, index n/2): the index n/2 is its own negative, so its wave-vector component is
 * +pi or -pi, and Gamma0(xi), which depends on the products xi_i xi_j, is only well defined where that sign
 * does not matter. Flipping the sign of a Nyquist component leaves every product unchanged exactly when it is
 * the only non-zero component. So:
 * <ul>
 *   <li>xi = (+-pi, 0, 0) and its permutations: kept, Gamma0(pi e_a) (a laminate's Nyquist mode: this is what
 *       makes the spectral schemes reproduce a laminate exactly on even grids too);</li>
 *   <li>every other frequency with a Nyquist index: Gamma0 = 0 there (no strain fluctuation at that frequency,
 *       as GooseFFT and Zeman et al. 2010 do for all Nyquist frequencies).</li>
 * </ul>
 * The dropped set is closed under negation and every kept block is an orthogonal projection (for
 * GreenOperator.projection()), so G stays a real orthogonal projection. Odd grids have no Nyquist frequency.
 */
final class FourierGrid {
    final int nx, ny, nz, n, nzc, frequencies;
    private final RealFft3 fft;
    private final double[] real;
    private final double[][] spectrum = new double[6][];

    FourierGrid(int nx, int ny, int nz) {
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.n = nx * ny * nz;
        this.fft = RealFft3.create(nx, ny, nz);
        this.nzc = fft.nzc();
        this.frequencies = nx * ny * nzc;
        this.real = new double[n];
        for (int c = 0; c < 6; c++) spectrum[c] = new double[fft.spectrumLength()];
    }

    boolean sameShape(int nx, int ny, int nz) {
        return this.nx == nx && this.ny == ny && this.nz == nz;
    }

    private static int signed(int p, int n) {
        return 2 * p <= n ? p : p - n;
    }

    /**
     * True when Gamma0 is ambiguous at frequency f: it has a Nyquist index (n even, index n/2) on some axis and a
     * non-zero index on another.
     */
    boolean ambiguous(int f) {
        int s = f % nzc, pq = f / nzc, q = pq % ny, p = pq / ny;
        boolean nyquist = (nx % 2 == 0 && 2 * p == nx) || (ny % 2 == 0 && 2 * q == ny) || (nz % 2 == 0 && 2 * s == nz);
        int nonZero = (p != 0 ? 1 : 0) + (q != 0 ? 1 : 0) + (s != 0 ? 1 : 0);
        return nyquist && nonZero > 1;
    }

    /** The wave vector xi of frequency f. */
    double[] xi(int f) {
        int s = f % nzc, pq = f / nzc, q = pq % ny, p = pq / ny;
        return new double[] {2 * Math.PI * signed(p, nx) / nx, 2 * Math.PI * signed(q, ny) / ny, 2 * Math.PI * s / nz};
    }

    /** Gamma0(xi) as 6 x 6 Voigt matrices per frequency (row-major, 36 each); 0 at xi = 0 and where ambiguous. */
    double[] greenMatrices(GreenOperator g) {
        double[] m = new double[36 * frequencies];
        for (int f = 1; f < frequencies; f++) {
            if (ambiguous(f)) continue;
            double[][] mf = g.voigtMatrix(xi(f));
            for (int c = 0; c < 6; c++) System.arraycopy(mf[c], 0, m, 36 * f + 6 * c, 6);
        }
        return m;
    }

    /**
     * out = F^-1[ M(xi) F[in] ]: the periodic convolution of a 6-component field with the operator whose
     * Fourier symbol is the real 6 x 6 matrix M(xi) (applied to real and imaginary parts alike).
     *
     * @param in  component-major field in[c*n + voxel]; not modified
     * @param out overwritten (may not alias in)
     */
    void convolve(double[] matrices, double[] in, double[] out) {
        for (int c = 0; c < 6; c++) {
            System.arraycopy(in, c * n, real, 0, n);
            fft.forward(real, spectrum[c]);
        }
        double[] re = new double[6], im = new double[6];
        for (int f = 0; f < frequencies; f++) {
            for (int c = 0; c < 6; c++) {
                re[c] = spectrum[c][2 * f];
                im[c] = spectrum[c][2 * f + 1];
            }
            for (int c = 0; c < 6; c++) {
                double sr = 0, si = 0;
                for (int c2 = 0; c2 < 6; c2++) {
                    double mv = matrices[36 * f + 6 * c + c2];
                    sr += mv * re[c2];
                    si += mv * im[c2];
                }
                spectrum[c][2 * f] = sr;
                spectrum[c][2 * f + 1] = si;
            }
        }
        for (int c = 0; c < 6; c++) {
            fft.inverse(spectrum[c], real);
            System.arraycopy(real, 0, out, c * n, n);
        }
    }

    /** <a, b> = sum over voxels of a : b = sum_x sum_c W_c a_c(x) b_c(x) (tensor inner product, shear twice). */
    static double inner(double[] a, double[] b, int n) {
        double s = 0;
        for (int c = 0; c < 6; c++) {
            double w = rln.elastic.Voigt.W[c], sc = 0;
            for (int x = c * n; x < (c + 1) * n; x++) sc += a[x] * b[x];
            s += w * sc;
        }
        return s;
    }
}
