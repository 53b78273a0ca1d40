package rln.fft;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PairedLineDft} with its three inner products vectorized (jdk.incubator.vector): the same formulas, the
 * same order of summation over i for every lane, so it agrees with the scalar class to rounding. Lanes run over
 * independent columns (complexLines) or over output frequencies (realForward, realInverse). Two vectors are
 * summed side by side (4 independent multiply-add chains with the sine part), so the loop is less limited by
 * the multiply-add latency (measured: 1.5x faster than one vector at a time at n = 31, while four at a time
 * were 1.7x slower with JDK 17's C2); the scalar code of the superclass does the tail.
 * Only loaded when {@link LineDft#VECTOR}.
 */
final class VectorPairedLineDft extends PairedLineDft {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();

    static int lanes() {
        return L;
    }

    /** The quarter DFT matrix again, rows padded with zeros to rp = a whole number of vectors: no scalar tails. */
    private final double[] pcos, psin;
    private final int rp;

    VectorPairedLineDft(int n) {
        super(n);
        rp = (r + L - 1) / L * L;
        pcos = new double[r * rp];
        psin = new double[r * rp];
        for (int u = 0; u < r; u++) {
            System.arraycopy(cos, u * r, pcos, u * rp, r);
            System.arraycopy(sin, u * r, psin, u * rp, r);
        }
    }

    private static DoubleVector load(double[] v, int offset) {
        return DoubleVector.fromArray(SPECIES, v, offset);
    }

    private static DoubleVector splat(double v) {
        return DoubleVector.broadcast(SPECIES, v);
    }

    /**
     * For the 2 vectors at c, c+L: A = x0 + sum_{i=1..m} C[p][i] a[i], B = sum_{i=1..h} S[p][i] b'[i]
     * (row = p*r), then X[p] = A + sign B, X[n-p] = A - sign B (or X[p] = A when p has no partner).
     */
    @Override
    protected void products(double[] d, int o, int stride, int width, boolean inverse) {
        int bound = SPECIES.loopBound(width);
        double sign = inverse ? -1 : 1;
        for (int p = 0; p <= m; p++) {
            int outP = o + p * stride, outQ = o + (n - p) * stride, row = p * r;
            boolean paired = p >= 1 && p <= h;
            int c = 0;
            for (; paired && c + 2 * L <= bound; c += 2 * L) {
                DoubleVector A0 = load(x0, c), A1 = load(x0, c + L);
                DoubleVector B0 = DoubleVector.zero(SPECIES), B1 = B0;
                for (int i = 1; i <= h; i++) {
                    int ai = (i - 1) * BLOCK + c;
                    DoubleVector cs = splat(cos[row + i]), sn = splat(sin[row + i]);
                    A0 = load(a, ai).fma(cs, A0);
                    A1 = load(a, ai + L).fma(cs, A1);
                    B0 = load(b, ai).fma(sn, B0);
                    B1 = load(b, ai + L).fma(sn, B1);
                }
                for (int i = h + 1; i <= m; i++) { // even n: the unpaired sample x[n/2]
                    int ai = (i - 1) * BLOCK + c;
                    DoubleVector cs = splat(cos[row + i]);
                    A0 = load(a, ai).fma(cs, A0);
                    A1 = load(a, ai + L).fma(cs, A1);
                }
                B0 = B0.mul(sign);
                B1 = B1.mul(sign);
                A0.add(B0).intoArray(d, outP + c);
                A1.add(B1).intoArray(d, outP + c + L);
                A0.sub(B0).intoArray(d, outQ + c);
                A1.sub(B1).intoArray(d, outQ + c + L);
            }
            for (; !paired && c + 2 * L <= bound; c += 2 * L) { // X[0] and X[n/2]: no sine part
                DoubleVector A0 = load(x0, c), A1 = load(x0, c + L);
                for (int i = 1; i <= m; i++) {
                    int ai = (i - 1) * BLOCK + c;
                    DoubleVector cs = splat(cos[row + i]);
                    A0 = load(a, ai).fma(cs, A0);
                    A1 = load(a, ai + L).fma(cs, A1);
                }
                A0.intoArray(d, outP + c);
                A1.intoArray(d, outP + c + L);
            }
            for (; c < bound; c += L) {
                DoubleVector A = load(x0, c);
                for (int i = 1; i <= m; i++) A = load(a, (i - 1) * BLOCK + c).fma(splat(cos[row + i]), A);
                if (paired) {
                    DoubleVector B = DoubleVector.zero(SPECIES);
                    for (int i = 1; i <= h; i++) B = load(b, (i - 1) * BLOCK + c).fma(splat(sin[row + i]), B);
                    B = B.mul(sign);
                    A.add(B).intoArray(d, outP + c);
                    A.sub(B).intoArray(d, outQ + c);
                } else {
                    A.intoArray(d, outP + c);
                }
            }
        }
        if (bound < width) productColumns(d, o, stride, bound, width, inverse);
    }

    /**
     * lre[s] = x0 + sum_{k=1..m} C[k][s] la[k],  lim[s] = -sum_{k=1..h} S[k][s] lb[k], two vectors of s at a time,
     * over the padded rows (the entries s > m come out as x0 and 0 and are not used).
     */
    @Override
    protected void forwardSums(double x0) {
        int s = 0;
        for (; s + 2 * L <= rp; s += 2 * L) {
            DoubleVector re0 = splat(x0), re1 = re0, im0 = DoubleVector.zero(SPECIES), im1 = im0;
            for (int k = 1; k <= h; k++) {
                DoubleVector ak = splat(la[k]), bk = splat(lb[k]);
                re0 = load(pcos, k * rp + s).fma(ak, re0);
                re1 = load(pcos, k * rp + s + L).fma(ak, re1);
                im0 = load(psin, k * rp + s).fma(bk, im0);
                im1 = load(psin, k * rp + s + L).fma(bk, im1);
            }
            for (int k = h + 1; k <= m; k++) { // even n: the unpaired sample x[n/2]
                DoubleVector ak = splat(la[k]);
                re0 = load(pcos, k * rp + s).fma(ak, re0);
                re1 = load(pcos, k * rp + s + L).fma(ak, re1);
            }
            re0.intoArray(lre, s);
            re1.intoArray(lre, s + L);
            im0.neg().intoArray(lim, s);
            im1.neg().intoArray(lim, s + L);
        }
        for (; s < rp; s += L) {
            DoubleVector re = splat(x0), im = DoubleVector.zero(SPECIES);
            for (int k = 1; k <= m; k++) re = load(pcos, k * rp + s).fma(splat(la[k]), re);
            for (int k = 1; k <= h; k++) im = load(psin, k * rp + s).fma(splat(lb[k]), im);
            re.intoArray(lre, s);
            im.neg().intoArray(lim, s);
        }
    }

    /**
     * lre[k] = y0 + sum_{s=1..m} C[s][k] la[s],  lim[k] = sum_{s=1..h} S[s][k] lb[s], two vectors of k at a time,
     * over the padded rows.
     */
    @Override
    protected void inverseSums(double y0) {
        int k = 0;
        for (; k + 2 * L <= rp; k += 2 * L) {
            DoubleVector ev0 = splat(y0), ev1 = ev0, od0 = DoubleVector.zero(SPECIES), od1 = od0;
            for (int s = 1; s <= h; s++) {
                DoubleVector as = splat(la[s]), bs = splat(lb[s]);
                ev0 = load(pcos, s * rp + k).fma(as, ev0);
                ev1 = load(pcos, s * rp + k + L).fma(as, ev1);
                od0 = load(psin, s * rp + k).fma(bs, od0);
                od1 = load(psin, s * rp + k + L).fma(bs, od1);
            }
            for (int s = h + 1; s <= m; s++) {
                DoubleVector as = splat(la[s]);
                ev0 = load(pcos, s * rp + k).fma(as, ev0);
                ev1 = load(pcos, s * rp + k + L).fma(as, ev1);
            }
            ev0.intoArray(lre, k);
            ev1.intoArray(lre, k + L);
            od0.intoArray(lim, k);
            od1.intoArray(lim, k + L);
        }
        for (; k < rp; k += L) {
            DoubleVector even = splat(y0), odd = DoubleVector.zero(SPECIES);
            for (int s = 1; s <= m; s++) even = load(pcos, s * rp + k).fma(splat(la[s]), even);
            for (int s = 1; s <= h; s++) odd = load(psin, s * rp + k).fma(splat(lb[s]), odd);
            even.intoArray(lre, k);
            odd.intoArray(lim, k);
        }
    }
}
