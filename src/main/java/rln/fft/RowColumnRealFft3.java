package rln.fft;

import java.util.function.IntFunction;
import rln.util.Parallel;

/**
 * The real 3D DFT as three passes of 1D transforms (the row-column algorithm), in place in the spectrum array:
 * <pre>
 *   forward:  Y(i,j,s) = sum_k x(i,j,k) exp(-2 pi I s k/nz)       real lines along z -> half spectrum (s <= nz/2)
 *             Z(i,q,s) = sum_j Y(i,j,s) exp(-2 pi I q j/ny)       complex lines along y, slab by slab
 *             X(p,q,s) = sum_i Z(i,q,s) exp(-2 pi I p i/nx)       complex lines along x, all (q,s) columns at once
 *   inverse:  the same passes backwards (x, y, then half spectrum -> real along z), scaled by 1/(nx ny nz).
 * </pre>
 * The real symmetry is used once, along z; the y and x passes transform the nz/2+1 stored planes only. Each
 * pass treats many lines together ({@link LineDft}): for y and x the lines are the contiguous (q,s) columns.
 * With {@code threads > 1} the slabs (z and y passes) and the columns (x pass) are split into a fixed partition
 * over {@link Parallel}. Every line is computed by the same code whatever the partition (the x pass is split at
 * whole column blocks, {@link LineDft#COLUMN_BLOCK}), so the result is bitwise the same for any thread count.
 */
public final class RowColumnRealFft3 implements RealFft3 {
    private final int nx, ny, nz, nzc, threads;
    /** Line transforms per chunk of work (each holds its own scratch). */
    private final LineDft[] alongX, alongY, alongZ;

    public RowColumnRealFft3(int nx, int ny, int nz) {
        this(nx, ny, nz, 1);
    }

    public RowColumnRealFft3(int nx, int ny, int nz, int threads) {
        this(nx, ny, nz, threads, LineDft::create);
    }

    /**
     * With the line transforms made by {@code lines} (one per axis and thread), e.g. {@code PairedLineDft::new}
     * for the plain Java ones whatever {@link rln.util.VectorSupport} says.
     */
    public RowColumnRealFft3(int nx, int ny, int nz, int threads, IntFunction<LineDft> lines) {
        if (nx < 1 || ny < 1 || nz < 1) throw new IllegalArgumentException("grid " + nx + "x" + ny + "x" + nz);
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.nzc = nz / 2 + 1;
        this.threads = threads;
        alongX = new LineDft[threads];
        alongY = new LineDft[threads];
        alongZ = new LineDft[threads];
        for (int t = 0; t < threads; t++) {
            alongX[t] = lines.apply(nx);
            alongY[t] = lines.apply(ny);
            alongZ[t] = lines.apply(nz);
        }
    }

    @Override public int nx() { return nx; }
    @Override public int ny() { return ny; }
    @Override public int nz() { return nz; }

    /** Number of threads the passes are split over (1: the calling thread only). */
    public int threads() {
        return threads;
    }

    @Override
    public void forward(double[] real, double[] spectrum) {
        check(real, spectrum);
        int slab = 2 * ny * nzc; // doubles per x-slab of the spectrum
        Parallel.forChunks(nx, threads, (chunk, from, to) -> {
            LineDft z = alongZ[chunk], y = alongY[chunk];
            for (int i = from; i < to; i++) {
                for (int j = 0; j < ny; j++) z.realForward(real, (i * ny + j) * nz, spectrum, 2 * (i * ny + j) * nzc);
                y.complexLines(spectrum, i * slab, 2 * nzc, 0, 2 * nzc, false);
            }
        });
        alongX(spectrum, false);
    }

    @Override
    public void inverse(double[] spectrum, double[] real) {
        check(real, spectrum);
        int slab = 2 * ny * nzc;
        double scale = 1.0 / ((double) nx * ny * nz);
        alongX(spectrum, true);
        Parallel.forChunks(nx, threads, (chunk, from, to) -> {
            LineDft z = alongZ[chunk], y = alongY[chunk];
            for (int i = from; i < to; i++) {
                y.complexLines(spectrum, i * slab, 2 * nzc, 0, 2 * nzc, true);
                for (int j = 0; j < ny; j++) z.realInverse(spectrum, 2 * (i * ny + j) * nzc, real, (i * ny + j) * nz, scale);
            }
        });
    }

    /** The x pass: all (q,s) columns, split into whole column blocks so the partition never changes a result. */
    private void alongX(double[] spectrum, boolean inverse) {
        int slab = 2 * ny * nzc, blocks = (slab + LineDft.COLUMN_BLOCK - 1) / LineDft.COLUMN_BLOCK;
        Parallel.forChunks(blocks, threads, (chunk, from, to) -> alongX[chunk].complexLines(spectrum, 0, slab,
                from * LineDft.COLUMN_BLOCK, Math.min(slab, to * LineDft.COLUMN_BLOCK), inverse));
    }

    private void check(double[] real, double[] spectrum) {
        if (real.length != realLength() || spectrum.length != spectrumLength())
            throw new IllegalArgumentException("arrays of length " + real.length + " and " + spectrum.length + " for a "
                    + nx + "x" + ny + "x" + nz + " transform (expected " + realLength() + " and " + spectrumLength() + ")");
    }
}
