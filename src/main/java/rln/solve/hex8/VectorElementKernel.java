package rln.solve.hex8;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * out = s K u with the Vector API: K u = sum_j u_j K[:, j] (column j = row j, K symmetric), the 24 outputs held
 * in 24/L vectors of L lanes (3 x 8 on AVX-512), one broadcast and 24/L fused multiply-adds per column.
 */
final class VectorElementKernel implements ElementKernel {
    /** The machine's preferred width picks the path: 8 lanes (AVX-512), 4 lanes (AVX2), else scalar. */
    private static final int L = DoubleVector.SPECIES_PREFERRED.length();
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_512, S4 = DoubleVector.SPECIES_256;
    private final ElementKernel generic = new ScalarElementKernel();

    @Override
    public void multiply(double[] k, double[] u, double s, double[] out, int o) {
        if (L == 8) {
            multiply8(k, u, s, out, o);
        } else if (L == 4) {
            multiply4(k, u, 0, s, out, o);
        } else {
            generic.multiply(k, u, s, out, o);
        }
    }

    /** Two elements per pass over K (8-lane path): each column of K is loaded once for both. */
    @Override
    public void multiply2(double[] k, double[] u, double s0, double s1, double[] out, int o0, int o1) {
        if (L != 8) {
            multiply(k, u, s0, out, o0);
            if (L == 4) {
                multiply4(k, u, 24, s1, out, o1);
            } else {
                ScalarElementKernel.multiplyAt(k, u, 24, s1, out, o1);
            }
            return;
        }
        DoubleVector a0 = DoubleVector.zero(S), a1 = DoubleVector.zero(S), a2 = DoubleVector.zero(S);
        DoubleVector b0 = DoubleVector.zero(S), b1 = DoubleVector.zero(S), b2 = DoubleVector.zero(S);
        for (int j = 0; j < 24; j++) {
            DoubleVector k0 = DoubleVector.fromArray(S, k, 24 * j), k1 = DoubleVector.fromArray(S, k, 24 * j + 8),
                    k2 = DoubleVector.fromArray(S, k, 24 * j + 16);
            DoubleVector uj = DoubleVector.broadcast(S, u[j]), vj = DoubleVector.broadcast(S, u[24 + j]);
            a0 = k0.fma(uj, a0);
            a1 = k1.fma(uj, a1);
            a2 = k2.fma(uj, a2);
            b0 = k0.fma(vj, b0);
            b1 = k1.fma(vj, b1);
            b2 = k2.fma(vj, b2);
        }
        a0.mul(s0).intoArray(out, o0);
        a1.mul(s0).intoArray(out, o0 + 8);
        a2.mul(s0).intoArray(out, o0 + 16);
        b0.mul(s1).intoArray(out, o1);
        b1.mul(s1).intoArray(out, o1 + 8);
        b2.mul(s1).intoArray(out, o1 + 16);
    }

    static void multiply8(double[] k, double[] u, double s, double[] out, int o) {
        DoubleVector a0 = DoubleVector.zero(S), a1 = DoubleVector.zero(S), a2 = DoubleVector.zero(S);
        for (int j = 0; j < 24; j++) {
            DoubleVector uj = DoubleVector.broadcast(S, u[j]);
            a0 = DoubleVector.fromArray(S, k, 24 * j).fma(uj, a0);
            a1 = DoubleVector.fromArray(S, k, 24 * j + 8).fma(uj, a1);
            a2 = DoubleVector.fromArray(S, k, 24 * j + 16).fma(uj, a2);
        }
        a0.mul(s).intoArray(out, o);
        a1.mul(s).intoArray(out, o + 8);
        a2.mul(s).intoArray(out, o + 16);
    }

    static void multiply4(double[] k, double[] u, int uo, double s, double[] out, int o) {
        for (int half = 0; half < 24; half += 12) {
            DoubleVector a0 = DoubleVector.zero(S4), a1 = DoubleVector.zero(S4), a2 = DoubleVector.zero(S4);
            for (int j = 0; j < 24; j++) {
                DoubleVector uj = DoubleVector.broadcast(S4, u[uo + j]);
                a0 = DoubleVector.fromArray(S4, k, 24 * j + half).fma(uj, a0);
                a1 = DoubleVector.fromArray(S4, k, 24 * j + half + 4).fma(uj, a1);
                a2 = DoubleVector.fromArray(S4, k, 24 * j + half + 8).fma(uj, a2);
            }
            a0.mul(s).intoArray(out, o + half);
            a1.mul(s).intoArray(out, o + half + 4);
            a2.mul(s).intoArray(out, o + half + 8);
        }
    }
}
