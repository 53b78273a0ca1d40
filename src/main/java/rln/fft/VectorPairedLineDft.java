package rln.fft;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PairedLineDft} with its three inner products vectorized (jdk.incubator.vector): the same formulas,
 * the same order of summation over i for every lane, so it agrees with the scalar class to rounding. Lanes run
 * over independent columns (complexLines) or over output frequencies (realForward, realInverse); the main loop
 * stops at the species' loop bound and the scalar code of the superclass does the tail.
 * Only loaded when {@link VectorSupport#ENABLED}.
 */
final class VectorPairedLineDft extends PairedLineDft {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();

    static int lanes() {
        return L;
    }

    VectorPairedLineDft(int n) {
        super(n);
    }

    @Override
    protected void products(double[] d, int o, int stride, int width, boolean inverse) {
        int bound = SPECIES.loopBound(width);
        double sign = inverse ? -1 : 1;
        for (int p = 0; p <= m; p++) {
            int outP = o + p * stride, outQ = o + (n - p) * stride, row = p * r;
            boolean paired = p >= 1 && p <= h;
            for (int c = 0; c < bound; c += L) {
                DoubleVector A = DoubleVector.fromArray(SPECIES, x0, c);
                for (int i = 1; i <= m; i++)
                    A = DoubleVector.fromArray(SPECIES, a, (i - 1) * BLOCK + c).fma(DoubleVector.broadcast(SPECIES, cos[row + i]), A);
                if (!paired) {
                    A.intoArray(d, outP + c);
                    continue;
                }
                DoubleVector B = DoubleVector.zero(SPECIES);
                for (int i = 1; i <= h; i++)
                    B = DoubleVector.fromArray(SPECIES, b, (i - 1) * BLOCK + c).fma(DoubleVector.broadcast(SPECIES, sin[row + i]), B);
                B = B.mul(sign);
                A.add(B).intoArray(d, outP + c);
                A.sub(B).intoArray(d, outQ + c);
            }
        }
        if (bound < width) productColumns(d, o, stride, bound, width, inverse);
    }

    @Override
    protected void forwardSums(double x0) {
        int bound = SPECIES.loopBound(r);
        for (int s = 0; s < bound; s += L) {
            DoubleVector re = DoubleVector.broadcast(SPECIES, x0), im = DoubleVector.zero(SPECIES);
            for (int k = 1; k <= m; k++) re = DoubleVector.fromArray(SPECIES, cos, k * r + s).fma(DoubleVector.broadcast(SPECIES, la[k]), re);
            for (int k = 1; k <= h; k++) im = DoubleVector.fromArray(SPECIES, sin, k * r + s).fma(DoubleVector.broadcast(SPECIES, lb[k]), im);
            re.intoArray(lre, s);
            im.neg().intoArray(lim, s);
        }
        if (bound < r) forwardSums(x0, bound, r);
    }

    @Override
    protected void inverseSums(double y0) {
        int bound = SPECIES.loopBound(r);
        for (int k = 0; k < bound; k += L) {
            DoubleVector even = DoubleVector.broadcast(SPECIES, y0), odd = DoubleVector.zero(SPECIES);
            for (int s = 1; s <= m; s++) even = DoubleVector.fromArray(SPECIES, cos, s * r + k).fma(DoubleVector.broadcast(SPECIES, la[s]), even);
            for (int s = 1; s <= h; s++) odd = DoubleVector.fromArray(SPECIES, sin, s * r + k).fma(DoubleVector.broadcast(SPECIES, lb[s]), odd);
            even.intoArray(lre, k);
            odd.intoArray(lim, k);
        }
        if (bound < r) inverseSums(y0, bound, r);
    }
}
