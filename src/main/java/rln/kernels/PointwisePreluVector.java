package rln.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API PReLU maps of {@link PointwisePrelu}. The slopes are laid out as a periodic pattern of
 * length lcm(C, lanes), so that the slope vector for elements [i, i + lanes) is one load at (i mod lcm).
 * Main loop to loopBound, scalar tail (masked tails are slow on JDK 17).
 */
final class PointwisePreluVector {
    private PointwisePreluVector() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Doubles in the same register width: half a float vector's lanes. */
    private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;

    static int lanes() {
        return S.length();
    }

    /** The slopes repeated to a length that both C and the lane count divide: p[k] = a[k mod C]. */
    private static float[] pattern(float[] a) {
        int C = a.length, L = S.length();
        int lcm = C / gcd(C, L) * L;
        float[] p = new float[lcm + L]; // + L: a load at any k < lcm stays inside
        for (int k = 0; k < p.length; k++) p[k] = a[k % C];
        return p;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    static void forward(float[] x, float[] a, float[] y, int from, int to) {
        float[] p = pattern(a);
        int lcm = p.length - S.length(), L = S.length();
        int i = from, k = from % lcm, bound = from + S.loopBound(to - from);
        for (; i < bound; i += L, k = (k + L) % lcm) {
            FloatVector xv = FloatVector.fromArray(S, x, i);
            VectorMask<Float> pos = xv.compare(VectorOperators.GT, 0f);
            xv.mul(FloatVector.fromArray(S, p, k)).blend(xv, pos).intoArray(y, i);
        }
        PointwisePrelu.forwardScalar(x, a, y, i, to);
    }

    static void backwardData(float[] x, float[] a, float[] dy, float[] dx, int from, int to) {
        float[] p = pattern(a);
        int lcm = p.length - S.length(), L = S.length();
        FloatVector one = FloatVector.broadcast(S, 1f);
        int i = from, k = from % lcm, bound = from + S.loopBound(to - from);
        for (; i < bound; i += L, k = (k + L) % lcm) {
            VectorMask<Float> pos = FloatVector.fromArray(S, x, i).compare(VectorOperators.GT, 0f);
            FloatVector factor = FloatVector.fromArray(S, p, k).blend(one, pos);
            FloatVector.fromArray(S, dx, i).add(FloatVector.fromArray(S, dy, i).mul(factor)).intoArray(dx, i);
        }
        PointwisePrelu.backwardDataScalar(x, a, dy, dx, i, to);
    }

    /**
     * p[pOff + c] += (double) dy_i * min(x_i, 0) over the elements [from, to) (whole voxels), for C = lanes or
     * 2 x lanes channels: the lanes are the channels, each lane's sum runs over the voxels in order as in
     * {@link PointwisePrelu#slopePartialScalar}, in double (exact products, one rounding per addition): the same bits.
     * False if C is another size (the caller then takes the scalar loop).
     */
    static boolean slopePartial(float[] x, float[] dy, double[] p, int pOff, int from, int to, int C) {
        int L = S.length(), H = DS.length();
        if (C != L && C != 2 * L) return false;
        DoubleVector a0 = DoubleVector.fromArray(DS, p, pOff), a1 = DoubleVector.fromArray(DS, p, pOff + H);
        if (C == L) {
            for (int i = from; i < to; i += L) {
                FloatVector d = FloatVector.fromArray(S, dy, i), m = FloatVector.fromArray(S, x, i).min(0f);
                a0 = a0.add(((DoubleVector) d.convertShape(VectorOperators.F2D, DS, 0)).mul((DoubleVector) m.convertShape(VectorOperators.F2D, DS, 0)));
                a1 = a1.add(((DoubleVector) d.convertShape(VectorOperators.F2D, DS, 1)).mul((DoubleVector) m.convertShape(VectorOperators.F2D, DS, 1)));
            }
        } else {
            DoubleVector a2 = DoubleVector.fromArray(DS, p, pOff + 2 * H), a3 = DoubleVector.fromArray(DS, p, pOff + 3 * H);
            for (int i = from; i < to; i += 2 * L) {
                FloatVector d = FloatVector.fromArray(S, dy, i), m = FloatVector.fromArray(S, x, i).min(0f);
                FloatVector e = FloatVector.fromArray(S, dy, i + L), n = FloatVector.fromArray(S, x, i + L).min(0f);
                a0 = a0.add(((DoubleVector) d.convertShape(VectorOperators.F2D, DS, 0)).mul((DoubleVector) m.convertShape(VectorOperators.F2D, DS, 0)));
                a1 = a1.add(((DoubleVector) d.convertShape(VectorOperators.F2D, DS, 1)).mul((DoubleVector) m.convertShape(VectorOperators.F2D, DS, 1)));
                a2 = a2.add(((DoubleVector) e.convertShape(VectorOperators.F2D, DS, 0)).mul((DoubleVector) n.convertShape(VectorOperators.F2D, DS, 0)));
                a3 = a3.add(((DoubleVector) e.convertShape(VectorOperators.F2D, DS, 1)).mul((DoubleVector) n.convertShape(VectorOperators.F2D, DS, 1)));
            }
            a2.intoArray(p, pOff + 2 * H);
            a3.intoArray(p, pOff + 3 * H);
        }
        a0.intoArray(p, pOff);
        a1.intoArray(p, pOff + H);
        return true;
    }
}
