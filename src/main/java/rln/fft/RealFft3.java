package rln.fft;

/**
 * The 3D discrete Fourier transform of a real periodic field, on the half spectrum.
 * <pre>
 *   layout of a real field:   x[(i*ny + j)*nz + k],                     C order, length nx*ny*nz
 *   layout of its spectrum:   X[2*((p*ny + q)*nzc + s)] (re), [...+1] (im),  nzc = nz/2 + 1
 *   forward:  X(p,q,s) = sum_{i,j,k} x(i,j,k) exp(-2 pi I (p i/nx + q j/ny + s k/nz))   (unnormalized)
 *   inverse:  x(i,j,k) = 1/(nx ny nz) sum over the full spectrum of X exp(+2 pi I ...)    (normalized)
 * </pre>
 * The omitted half (s > nz/2) is the complex conjugate X(-p,-q,-s) (Hermitian symmetry of a real field), which
 * is exactly what numpy.fft.rfftn / irfftn use. Instances hold scratch space: not thread-safe, one per thread.
 */
public interface RealFft3 {

    int nx();

    int ny();

    int nz();

    /** Number of stored frequencies along z: nz/2 + 1. */
    default int nzc() {
        return nz() / 2 + 1;
    }

    /** Length of a real field. */
    default int realLength() {
        return nx() * ny() * nz();
    }

    /** Length of a half spectrum in doubles (two per complex value). */
    default int spectrumLength() {
        return 2 * nx() * ny() * nzc();
    }

    /** spectrum = F(real). {@code real} is not modified. */
    void forward(double[] real, double[] spectrum);

    /**
     * real = F^-1(spectrum), normalized by 1/(nx ny nz). The imaginary parts that Hermitian symmetry forces to
     * vanish (s = 0 and, for even nz, s = nz/2, at self-conjugate (p, q)) are ignored. {@code spectrum} may be
     * overwritten (used as scratch).
     */
    void inverse(double[] spectrum, double[] real);

    /**
     * The fastest implementation available for this size, running on the calling thread only: the row-column
     * transform built from paired-DFT line transforms ({@link RowColumnRealFft3}), vectorized unless disabled
     * ({@link rln.util.VectorSupport}).
     */
    static RealFft3 create(int nx, int ny, int nz) {
        return create(nx, ny, nz, 1);
    }

    /**
     * As {@link #create(int, int, int)}, with the independent lines of each pass split over {@code threads} chunks
     * run on the shared pool ({@link rln.util.Parallel}); the partition is fixed, so results are deterministic.
     */
    static RealFft3 create(int nx, int ny, int nz, int threads) {
        return new RowColumnRealFft3(nx, ny, nz, threads);
    }
}
