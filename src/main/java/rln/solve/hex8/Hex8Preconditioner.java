package rln.solve.hex8;

import rln.elastic.Hex8;
import rln.fft.RealFft3;
import rln.util.Parallel;

/**
 * The exact inverse of the homogeneous reference-medium FE stiffness K0 = E_ref sum_e P_e^T K_e0 P_e, applied
 * in Fourier space (Schneider, Merkert, Kabel 2017; Leuschner and Fritzen 2018).
 * <p>
 * Assembled on the periodic grid, K0 is a 27-point stencil: (K0 w)(a) = sum_delta S_delta w(a + delta),
 * delta in {-1,0,1}^3, with the 3 x 3 blocks S_delta = E_ref sum over local nodes (m, n) with
 * corner(n) - corner(m) = delta of K_e0[m-block][n-block]. A shift is a phase in Fourier space, so K0 is
 * block diagonal there, one Hermitian 3 x 3 symbol per wave vector k:
 * <pre>
 *   K0^(k) = sum_delta S_delta exp(I theta . delta),   theta = 2 pi (p/nx, q/ny, s/nz)
 *   z = M^-1 r:   z^(k) = K0^(k)^-1 r^(k) for k != 0,   z^(0) = 0  (the rigid translation is projected out)
 * </pre>
 * applied with 3 forward and 3 inverse real FFTs (one per displacement direction). The inverse is the closed
 * form adj(H)/det(H) of a Hermitian 3 x 3 matrix. The symbol depends on the grid, nu and the element only:
 * build one per grid and reuse it for every sample and contrast.
 */
public final class Hex8Preconditioner {
    private final Hex8Grid grid;
    private final int threads, nzc;
    private final RealFft3[] fft = new RealFft3[3];
    private final double[][] real = new double[3][], spectrum = new double[3][];
    /** Per half-spectrum frequency f: the inverse symbol as a00, a11, a22 (real), a01, a02, a12 (complex). */
    private final double[] inverse;

    /**
     * @param ke              the unit-modulus element matrix K_e0 (24 x 24); not modified
     * @param referenceModulus E_ref > 0 (a scalar factor on M: preconditioned CG takes the same steps for any)
     */
    public Hex8Preconditioner(Hex8Grid grid, double[][] ke, double referenceModulus, int threads) {
        this.grid = grid;
        this.threads = threads;
        for (int d = 0; d < 3; d++) {
            fft[d] = RealFft3.create(grid.nx, grid.ny, grid.nz);
            real[d] = new double[grid.n];
            spectrum[d] = new double[fft[d].spectrumLength()];
        }
        nzc = fft[0].nzc();
        double[][][] stencil = stencil(ke, referenceModulus);
        inverse = new double[9 * grid.nx * grid.ny * nzc];
        double[] h = new double[18];
        for (int p = 0; p < grid.nx; p++)
            for (int q = 0; q < grid.ny; q++)
                for (int s = 0; s < nzc; s++) {
                    int f = (p * grid.ny + q) * nzc + s;
                    if (f == 0) continue; // zero frequency: z^(0) = 0
                    symbol(stencil, 2 * Math.PI * p / grid.nx, 2 * Math.PI * q / grid.ny, 2 * Math.PI * s / grid.nz, h);
                    invertHermitian(h, inverse, 9 * f);
                }
    }

    /** S_delta (27 blocks of 3 x 3, delta index (dx+1)*9 + (dy+1)*3 + (dz+1)) of E_ref K_e0. */
    static double[][][] stencil(double[][] ke, double referenceModulus) {
        double[][][] s = new double[27][3][3];
        for (int m = 0; m < Hex8.NODES; m++)
            for (int n = 0; n < Hex8.NODES; n++) {
                int[] cm = Hex8.corner(m), cn = Hex8.corner(n);
                int delta = (cn[0] - cm[0] + 1) * 9 + (cn[1] - cm[1] + 1) * 3 + (cn[2] - cm[2] + 1);
                for (int d = 0; d < 3; d++)
                    for (int d2 = 0; d2 < 3; d2++) s[delta][d][d2] += referenceModulus * ke[3 * m + d][3 * n + d2];
            }
        return s;
    }

    /** h (3 x 3 complex, re/im interleaved row-major) = sum_delta S_delta exp(I theta . delta). */
    static void symbol(double[][][] stencil, double tx, double ty, double tz, double[] h) {
        java.util.Arrays.fill(h, 0);
        for (int dx = -1; dx <= 1; dx++)
            for (int dy = -1; dy <= 1; dy++)
                for (int dz = -1; dz <= 1; dz++) {
                    double phase = tx * dx + ty * dy + tz * dz, c = Math.cos(phase), sn = Math.sin(phase);
                    double[][] b = stencil[(dx + 1) * 9 + (dy + 1) * 3 + (dz + 1)];
                    for (int d = 0; d < 3; d++)
                        for (int d2 = 0; d2 < 3; d2++) {
                            h[2 * (3 * d + d2)] += b[d][d2] * c;
                            h[2 * (3 * d + d2) + 1] += b[d][d2] * sn;
                        }
                }
    }

    /**
     * The inverse of a Hermitian H = [[a, b, c], [b*, d, e], [c*, e*, f]] by adjugate over determinant:
     * <pre>
     *   det = a d f - a|e|^2 - d|c|^2 - f|b|^2 + 2 Re(b e c*)
     *   inv00 = (d f - |e|^2)/det   inv11 = (a f - |c|^2)/det   inv22 = (a d - |b|^2)/det
     *   inv01 = (c e* - b f)/det    inv02 = (b e - c d)/det     inv12 = (c b* - a e)/det
     * </pre>
     * written to out[o..o+9) as inv00, inv11, inv22, re/im inv01, re/im inv02, re/im inv12.
     */
    static void invertHermitian(double[] h, double[] out, int o) {
        double a = h[0], d = h[8], f = h[16];
        double br = h[2], bi = h[3], cr = h[4], ci = h[5], er = h[10], ei = h[11];
        double b2 = br * br + bi * bi, c2 = cr * cr + ci * ci, e2 = er * er + ei * ei;
        // b e c* = (br + i bi)(er + i ei)(cr - i ci): real part
        double ber = br * er - bi * ei, bei = br * ei + bi * er;
        double reBEC = ber * cr + bei * ci;
        double det = a * d * f - a * e2 - d * c2 - f * b2 + 2 * reBEC;
        if (!(det > 0)) throw new ArithmeticException("reference FE stiffness symbol is singular (det " + det + ")");
        out[o] = (d * f - e2) / det;
        out[o + 1] = (a * f - c2) / det;
        out[o + 2] = (a * d - b2) / det;
        out[o + 3] = (cr * er + ci * ei - br * f) / det;   // c e* - b f
        out[o + 4] = (ci * er - cr * ei - bi * f) / det;
        out[o + 5] = (ber - cr * d) / det;                 // b e - c d
        out[o + 6] = (bei - ci * d) / det;
        out[o + 7] = (cr * br + ci * bi - a * er) / det;   // c b* - a e
        out[o + 8] = (ci * br - cr * bi - a * ei) / det;
    }

    /** z = M^-1 r for interleaved nodal fields (3 per node). {@code r} is not modified. */
    public void apply(double[] r, double[] z) {
        int n = grid.n;
        Parallel.forChunks(3, Math.min(3, threads), (chunk, from, to) -> {
            for (int d = from; d < to; d++) {
                double[] x = real[d];
                for (int a = 0; a < n; a++) x[a] = r[3 * a + d];
                fft[d].forward(x, spectrum[d]);
            }
        });
        int frequencies = inverse.length / 9;
        Parallel.forChunks(frequencies, threads, (chunk, from, to) -> multiply(from, to));
        Parallel.forChunks(3, Math.min(3, threads), (chunk, from, to) -> {
            for (int d = from; d < to; d++) {
                double[] x = real[d];
                fft[d].inverse(spectrum[d], x);
                for (int a = 0; a < n; a++) z[3 * a + d] = x[a];
            }
        });
    }

    /** z^(k) = K0^(k)^-1 r^(k) on frequencies [from, to) of the half spectrum, in place. */
    private void multiply(int from, int to) {
        double[] s0 = spectrum[0], s1 = spectrum[1], s2 = spectrum[2], h = inverse;
        for (int f = from; f < to; f++) {
            int i = 2 * f, o = 9 * f;
            double r0 = s0[i], i0 = s0[i + 1], r1 = s1[i], i1 = s1[i + 1], r2 = s2[i], i2 = s2[i + 1];
            double a00 = h[o], a11 = h[o + 1], a22 = h[o + 2];
            double a01r = h[o + 3], a01i = h[o + 4], a02r = h[o + 5], a02i = h[o + 6], a12r = h[o + 7], a12i = h[o + 8];
            // row 0: a00 r0 + a01 r1 + a02 r2
            s0[i] = a00 * r0 + a01r * r1 - a01i * i1 + a02r * r2 - a02i * i2;
            s0[i + 1] = a00 * i0 + a01r * i1 + a01i * r1 + a02r * i2 + a02i * r2;
            // row 1: conj(a01) r0 + a11 r1 + a12 r2
            s1[i] = a01r * r0 + a01i * i0 + a11 * r1 + a12r * r2 - a12i * i2;
            s1[i + 1] = a01r * i0 - a01i * r0 + a11 * i1 + a12r * i2 + a12i * r2;
            // row 2: conj(a02) r0 + conj(a12) r1 + a22 r2
            s2[i] = a02r * r0 + a02i * i0 + a12r * r1 + a12i * i1 + a22 * r2;
            s2[i + 1] = a02r * i0 - a02i * r0 + a12r * i1 - a12i * r1 + a22 * i2;
        }
    }
}
