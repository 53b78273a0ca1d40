package rln.fft;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Line transforms by JTransforms' 1D FFT (mixed radix 2, 3, 4, 5 and Bluestein otherwise): each block of
 * columns is transposed into contiguous lines, transformed one by one, and transposed back. Real lines are
 * copied, transformed in place by {@code realForward}/{@code realInverse} and unpacked from JTransforms' packed
 * layout. O(n log n) per line, so it wins over the matrix products for long lines of small prime factors.
 */
public final class JTransformsLineDft extends LineDft {
    private static final int BLOCK = COLUMN_BLOCK;

    private final DoubleFFT_1D fft;
    /** BLOCK/2 complex lines of length n, line-major: line l at [2 n l]. */
    private final double[] lines;
    /** One real line in JTransforms' packed layout. */
    private final double[] packed;

    public JTransformsLineDft(int n) {
        super(n);
        this.fft = new DoubleFFT_1D(n);
        this.lines = new double[n * BLOCK];
        this.packed = new double[Math.max(2, n)];
    }

    @Override
    public void complexLines(double[] d, int base, int stride, int c0, int c1, boolean inverse) {
        if (((c0 | c1) & 1) != 0) throw new IllegalArgumentException("columns must be whole complex numbers: " + c0 + ".." + c1);
        for (int cb = c0; cb < c1; cb += BLOCK) {
            int count = Math.min(BLOCK, c1 - cb) / 2;
            for (int t = 0; t < n; t++) {
                int row = base + t * stride + cb;
                for (int l = 0; l < count; l++) {
                    lines[2 * (n * l + t)] = d[row + 2 * l];
                    lines[2 * (n * l + t) + 1] = d[row + 2 * l + 1];
                }
            }
            for (int l = 0; l < count; l++) {
                if (inverse) fft.complexInverse(lines, 2 * n * l, false);
                else fft.complexForward(lines, 2 * n * l);
            }
            for (int t = 0; t < n; t++) {
                int row = base + t * stride + cb;
                for (int l = 0; l < count; l++) {
                    d[row + 2 * l] = lines[2 * (n * l + t)];
                    d[row + 2 * l + 1] = lines[2 * (n * l + t) + 1];
                }
            }
        }
    }

    @Override
    public void realForward(double[] x, int xOff, double[] out, int outOff) {
        if (n == 1) {
            out[outOff] = x[xOff];
            out[outOff + 1] = 0;
            return;
        }
        System.arraycopy(x, xOff, packed, 0, n);
        fft.realForward(packed);
        // packed: [Re 0, (even n) Re n/2 | (odd n) Im (n-1)/2, Re 1, Im 1, ..., (odd n) Re (n-1)/2]
        int m = n / 2;
        out[outOff] = packed[0];
        out[outOff + 1] = 0;
        for (int s = 1; 2 * s < n - 1 || (n % 2 == 0 && s < m); s++) {
            out[outOff + 2 * s] = packed[2 * s];
            out[outOff + 2 * s + 1] = packed[2 * s + 1];
        }
        if (n % 2 == 0) {
            out[outOff + 2 * m] = packed[1];
            out[outOff + 2 * m + 1] = 0;
        } else {
            out[outOff + 2 * m] = packed[n - 1];
            out[outOff + 2 * m + 1] = packed[1];
        }
    }

    @Override
    public void realInverse(double[] in, int inOff, double[] x, int xOff, double scale) {
        if (n == 1) {
            x[xOff] = scale * in[inOff];
            return;
        }
        int m = n / 2;
        packed[0] = in[inOff];
        for (int s = 1; 2 * s < n - 1 || (n % 2 == 0 && s < m); s++) {
            packed[2 * s] = in[inOff + 2 * s];
            packed[2 * s + 1] = in[inOff + 2 * s + 1];
        }
        if (n % 2 == 0) {
            packed[1] = in[inOff + 2 * m];
        } else {
            packed[n - 1] = in[inOff + 2 * m];
            packed[1] = in[inOff + 2 * m + 1];
        }
        fft.realInverse(packed, true); // normalized (the unnormalized one is off by a factor 2 for some even n)
        double factor = scale * n;
        for (int k = 0; k < n; k++) x[xOff + k] = factor * packed[k];
    }
}
