package rln.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The micro-kernels of the weight gradient: outer products dw[k, o-block] += sum_c x[c, k] * dy[c, o-block] along
 * one output row, the accumulators (one vector of L output channels per reduction index k) in registers.
 * Single loops, unrolled by hand (see {@link VectorTiles} for why).
 */
final class VectorOuterProducts {
    private VectorOuterProducts() {}

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    /**
     * Kernel width 3, stride 1, input channels i..i+3 of one output row: for e < 3 and m < 4,
     * pw[pi + (e*cin + m)*coutP .. +L] += sum_{c < oW} xp[xi + (c+e)*cin + m] * dys[di + c*coutP .. +L].
     * Walking the padded positions p = c + e, each broadcast xp[p] feeds the three taps (dy[p], dy[p-1], dy[p-2]
     * held in rotating registers): 12 FMAs per 5 loads. dys holds two zero voxels past the row's end.
     * {@code len} = rows * (oW + 2) positions: consecutive rows of one plane in one call, when the padded rows of
     * xp follow each other at the same pitch (padded width oW + 2) as the rows of dys; the two zero voxels past a
     * row are then the zero history d1, d2 of the next, so each accumulator gets the FMAs of one call per row, in
     * the same order, and stays in a register from row to row.
     */
    static void rowOuter4(float[] xp, int xi, int cin, float[] dys, int di, int coutP, int len, float[] pw, int pi) {
        FloatVector a00 = FloatVector.fromArray(S, pw, pi + (0 * cin + 0) * coutP);
        FloatVector a01 = FloatVector.fromArray(S, pw, pi + (0 * cin + 1) * coutP);
        FloatVector a02 = FloatVector.fromArray(S, pw, pi + (0 * cin + 2) * coutP);
        FloatVector a03 = FloatVector.fromArray(S, pw, pi + (0 * cin + 3) * coutP);
        FloatVector a10 = FloatVector.fromArray(S, pw, pi + (1 * cin + 0) * coutP);
        FloatVector a11 = FloatVector.fromArray(S, pw, pi + (1 * cin + 1) * coutP);
        FloatVector a12 = FloatVector.fromArray(S, pw, pi + (1 * cin + 2) * coutP);
        FloatVector a13 = FloatVector.fromArray(S, pw, pi + (1 * cin + 3) * coutP);
        FloatVector a20 = FloatVector.fromArray(S, pw, pi + (2 * cin + 0) * coutP);
        FloatVector a21 = FloatVector.fromArray(S, pw, pi + (2 * cin + 1) * coutP);
        FloatVector a22 = FloatVector.fromArray(S, pw, pi + (2 * cin + 2) * coutP);
        FloatVector a23 = FloatVector.fromArray(S, pw, pi + (2 * cin + 3) * coutP);
        FloatVector d1 = FloatVector.zero(S), d2 = FloatVector.zero(S); // dy[p-1], dy[p-2]
        for (int p = 0; p < len; p++) {
            FloatVector d0 = FloatVector.fromArray(S, dys, di + p * coutP);
            int x = xi + p * cin;
            FloatVector b0 = FloatVector.broadcast(S, xp[x]);
            FloatVector b1 = FloatVector.broadcast(S, xp[x + 1]);
            FloatVector b2 = FloatVector.broadcast(S, xp[x + 2]);
            FloatVector b3 = FloatVector.broadcast(S, xp[x + 3]);
            a00 = b0.fma(d0, a00);
            a01 = b1.fma(d0, a01);
            a02 = b2.fma(d0, a02);
            a03 = b3.fma(d0, a03);
            a10 = b0.fma(d1, a10);
            a11 = b1.fma(d1, a11);
            a12 = b2.fma(d1, a12);
            a13 = b3.fma(d1, a13);
            a20 = b0.fma(d2, a20);
            a21 = b1.fma(d2, a21);
            a22 = b2.fma(d2, a22);
            a23 = b3.fma(d2, a23);
            d2 = d1;
            d1 = d0;
        }
        a00.intoArray(pw, pi + (0 * cin + 0) * coutP);
        a01.intoArray(pw, pi + (0 * cin + 1) * coutP);
        a02.intoArray(pw, pi + (0 * cin + 2) * coutP);
        a03.intoArray(pw, pi + (0 * cin + 3) * coutP);
        a10.intoArray(pw, pi + (1 * cin + 0) * coutP);
        a11.intoArray(pw, pi + (1 * cin + 1) * coutP);
        a12.intoArray(pw, pi + (1 * cin + 2) * coutP);
        a13.intoArray(pw, pi + (1 * cin + 3) * coutP);
        a20.intoArray(pw, pi + (2 * cin + 0) * coutP);
        a21.intoArray(pw, pi + (2 * cin + 1) * coutP);
        a22.intoArray(pw, pi + (2 * cin + 2) * coutP);
        a23.intoArray(pw, pi + (2 * cin + 3) * coutP);
    }

    /**
     * {@link #rowOuter4} for two input channels and two lane blocks (output channels ob .. ob+2L): each broadcast
     * feeds six FMAs, 12 FMAs per 4 loads.
     */
    static void rowOuter2x2(float[] xp, int xi, int cin, float[] dys, int di, int coutP, int len, float[] pw, int pi) {
        FloatVector a000 = FloatVector.fromArray(S, pw, pi + (0 * cin + 0) * coutP);
        FloatVector a001 = FloatVector.fromArray(S, pw, pi + (0 * cin + 0) * coutP + L);
        FloatVector a010 = FloatVector.fromArray(S, pw, pi + (0 * cin + 1) * coutP);
        FloatVector a011 = FloatVector.fromArray(S, pw, pi + (0 * cin + 1) * coutP + L);
        FloatVector a100 = FloatVector.fromArray(S, pw, pi + (1 * cin + 0) * coutP);
        FloatVector a101 = FloatVector.fromArray(S, pw, pi + (1 * cin + 0) * coutP + L);
        FloatVector a110 = FloatVector.fromArray(S, pw, pi + (1 * cin + 1) * coutP);
        FloatVector a111 = FloatVector.fromArray(S, pw, pi + (1 * cin + 1) * coutP + L);
        FloatVector a200 = FloatVector.fromArray(S, pw, pi + (2 * cin + 0) * coutP);
        FloatVector a201 = FloatVector.fromArray(S, pw, pi + (2 * cin + 0) * coutP + L);
        FloatVector a210 = FloatVector.fromArray(S, pw, pi + (2 * cin + 1) * coutP);
        FloatVector a211 = FloatVector.fromArray(S, pw, pi + (2 * cin + 1) * coutP + L);
        FloatVector d1 = FloatVector.zero(S), d2 = FloatVector.zero(S), h1 = FloatVector.zero(S), h2 = FloatVector.zero(S);
        for (int p = 0; p < len; p++) {
            FloatVector d0 = FloatVector.fromArray(S, dys, di + p * coutP), h0 = FloatVector.fromArray(S, dys, di + p * coutP + L);
            int x = xi + p * cin;
            FloatVector b0 = FloatVector.broadcast(S, xp[x]);
            FloatVector b1 = FloatVector.broadcast(S, xp[x + 1]);
            a000 = b0.fma(d0, a000);
            a001 = b0.fma(h0, a001);
            a010 = b1.fma(d0, a010);
            a011 = b1.fma(h0, a011);
            a100 = b0.fma(d1, a100);
            a101 = b0.fma(h1, a101);
            a110 = b1.fma(d1, a110);
            a111 = b1.fma(h1, a111);
            a200 = b0.fma(d2, a200);
            a201 = b0.fma(h2, a201);
            a210 = b1.fma(d2, a210);
            a211 = b1.fma(h2, a211);
            d2 = d1;
            d1 = d0;
            h2 = h1;
            h1 = h0;
        }
        a000.intoArray(pw, pi + (0 * cin + 0) * coutP);
        a001.intoArray(pw, pi + (0 * cin + 0) * coutP + L);
        a010.intoArray(pw, pi + (0 * cin + 1) * coutP);
        a011.intoArray(pw, pi + (0 * cin + 1) * coutP + L);
        a100.intoArray(pw, pi + (1 * cin + 0) * coutP);
        a101.intoArray(pw, pi + (1 * cin + 0) * coutP + L);
        a110.intoArray(pw, pi + (1 * cin + 1) * coutP);
        a111.intoArray(pw, pi + (1 * cin + 1) * coutP + L);
        a200.intoArray(pw, pi + (2 * cin + 0) * coutP);
        a201.intoArray(pw, pi + (2 * cin + 0) * coutP + L);
        a210.intoArray(pw, pi + (2 * cin + 1) * coutP);
        a211.intoArray(pw, pi + (2 * cin + 1) * coutP + L);
    }

    /**
     * {@link #rowOuter4} for three input channels: 9 accumulators, 3 rotating dy vectors and the broadcasts fit the 16
     * vector registers of AVX2 (rowOuter4 needs 19 and spills there; rowOuter2's 6 accumulators are too few chains to
     * keep two FMA pipes busy at a latency of 4 cycles). 9 FMAs per 4 loads.
     */
    static void rowOuter3(float[] xp, int xi, int cin, float[] dys, int di, int coutP, int len, float[] pw, int pi) {
        FloatVector a00 = FloatVector.fromArray(S, pw, pi + (0 * cin + 0) * coutP);
        FloatVector a01 = FloatVector.fromArray(S, pw, pi + (0 * cin + 1) * coutP);
        FloatVector a02 = FloatVector.fromArray(S, pw, pi + (0 * cin + 2) * coutP);
        FloatVector a10 = FloatVector.fromArray(S, pw, pi + (1 * cin + 0) * coutP);
        FloatVector a11 = FloatVector.fromArray(S, pw, pi + (1 * cin + 1) * coutP);
        FloatVector a12 = FloatVector.fromArray(S, pw, pi + (1 * cin + 2) * coutP);
        FloatVector a20 = FloatVector.fromArray(S, pw, pi + (2 * cin + 0) * coutP);
        FloatVector a21 = FloatVector.fromArray(S, pw, pi + (2 * cin + 1) * coutP);
        FloatVector a22 = FloatVector.fromArray(S, pw, pi + (2 * cin + 2) * coutP);
        FloatVector d1 = FloatVector.zero(S), d2 = FloatVector.zero(S); // dy[p-1], dy[p-2]
        for (int p = 0; p < len; p++) {
            FloatVector d0 = FloatVector.fromArray(S, dys, di + p * coutP);
            int x = xi + p * cin;
            FloatVector b0 = FloatVector.broadcast(S, xp[x]);
            FloatVector b1 = FloatVector.broadcast(S, xp[x + 1]);
            FloatVector b2 = FloatVector.broadcast(S, xp[x + 2]);
            a00 = b0.fma(d0, a00);
            a01 = b1.fma(d0, a01);
            a02 = b2.fma(d0, a02);
            a10 = b0.fma(d1, a10);
            a11 = b1.fma(d1, a11);
            a12 = b2.fma(d1, a12);
            a20 = b0.fma(d2, a20);
            a21 = b1.fma(d2, a21);
            a22 = b2.fma(d2, a22);
            d2 = d1;
            d1 = d0;
        }
        a00.intoArray(pw, pi + (0 * cin + 0) * coutP);
        a01.intoArray(pw, pi + (0 * cin + 1) * coutP);
        a02.intoArray(pw, pi + (0 * cin + 2) * coutP);
        a10.intoArray(pw, pi + (1 * cin + 0) * coutP);
        a11.intoArray(pw, pi + (1 * cin + 1) * coutP);
        a12.intoArray(pw, pi + (1 * cin + 2) * coutP);
        a20.intoArray(pw, pi + (2 * cin + 0) * coutP);
        a21.intoArray(pw, pi + (2 * cin + 1) * coutP);
        a22.intoArray(pw, pi + (2 * cin + 2) * coutP);
    }

    /** {@link #rowOuter4} for two input channels. */
    static void rowOuter2(float[] xp, int xi, int cin, float[] dys, int di, int coutP, int len, float[] pw, int pi) {
        FloatVector a00 = FloatVector.fromArray(S, pw, pi + (0 * cin + 0) * coutP);
        FloatVector a01 = FloatVector.fromArray(S, pw, pi + (0 * cin + 1) * coutP);
        FloatVector a10 = FloatVector.fromArray(S, pw, pi + (1 * cin + 0) * coutP);
        FloatVector a11 = FloatVector.fromArray(S, pw, pi + (1 * cin + 1) * coutP);
        FloatVector a20 = FloatVector.fromArray(S, pw, pi + (2 * cin + 0) * coutP);
        FloatVector a21 = FloatVector.fromArray(S, pw, pi + (2 * cin + 1) * coutP);
        FloatVector d1 = FloatVector.zero(S), d2 = FloatVector.zero(S); // dy[p-1], dy[p-2]
        for (int p = 0; p < len; p++) {
            FloatVector d0 = FloatVector.fromArray(S, dys, di + p * coutP);
            int x = xi + p * cin;
            FloatVector b0 = FloatVector.broadcast(S, xp[x]);
            FloatVector b1 = FloatVector.broadcast(S, xp[x + 1]);
            a00 = b0.fma(d0, a00);
            a01 = b1.fma(d0, a01);
            a10 = b0.fma(d1, a10);
            a11 = b1.fma(d1, a11);
            a20 = b0.fma(d2, a20);
            a21 = b1.fma(d2, a21);
            d2 = d1;
            d1 = d0;
        }
        a00.intoArray(pw, pi + (0 * cin + 0) * coutP);
        a01.intoArray(pw, pi + (0 * cin + 1) * coutP);
        a10.intoArray(pw, pi + (1 * cin + 0) * coutP);
        a11.intoArray(pw, pi + (1 * cin + 1) * coutP);
        a20.intoArray(pw, pi + (2 * cin + 0) * coutP);
        a21.intoArray(pw, pi + (2 * cin + 1) * coutP);
    }

    /** pw[pi + m*coutP .. +L] += sum_{c < oW} xp[xi + c*step + m] * dys[di + c*coutP .. +L], for m < 8 (one output row). */
    static void outer8(float[] xp, int xi, int step, float[] dys, int di, int coutP, int oW, float[] pw, int pi) {
        FloatVector a0 = FloatVector.fromArray(S, pw, pi);
        FloatVector a1 = FloatVector.fromArray(S, pw, pi + coutP);
        FloatVector a2 = FloatVector.fromArray(S, pw, pi + 2 * coutP);
        FloatVector a3 = FloatVector.fromArray(S, pw, pi + 3 * coutP);
        FloatVector a4 = FloatVector.fromArray(S, pw, pi + 4 * coutP);
        FloatVector a5 = FloatVector.fromArray(S, pw, pi + 5 * coutP);
        FloatVector a6 = FloatVector.fromArray(S, pw, pi + 6 * coutP);
        FloatVector a7 = FloatVector.fromArray(S, pw, pi + 7 * coutP);
        for (int c = 0; c < oW; c++) {
            FloatVector d = FloatVector.fromArray(S, dys, di + c * coutP);
            int x = xi + c * step;
            a0 = FloatVector.broadcast(S, xp[x]).fma(d, a0);
            a1 = FloatVector.broadcast(S, xp[x + 1]).fma(d, a1);
            a2 = FloatVector.broadcast(S, xp[x + 2]).fma(d, a2);
            a3 = FloatVector.broadcast(S, xp[x + 3]).fma(d, a3);
            a4 = FloatVector.broadcast(S, xp[x + 4]).fma(d, a4);
            a5 = FloatVector.broadcast(S, xp[x + 5]).fma(d, a5);
            a6 = FloatVector.broadcast(S, xp[x + 6]).fma(d, a6);
            a7 = FloatVector.broadcast(S, xp[x + 7]).fma(d, a7);
        }
        a0.intoArray(pw, pi);
        a1.intoArray(pw, pi + coutP);
        a2.intoArray(pw, pi + 2 * coutP);
        a3.intoArray(pw, pi + 3 * coutP);
        a4.intoArray(pw, pi + 4 * coutP);
        a5.intoArray(pw, pi + 5 * coutP);
        a6.intoArray(pw, pi + 6 * coutP);
        a7.intoArray(pw, pi + 7 * coutP);
    }

    /** {@link #outer8} for one m, with two accumulators (even and odd voxels). */
    static void outer1(float[] xp, int xi, int step, float[] dys, int di, int coutP, int oW, float[] pw, int pi) {
        FloatVector a0 = FloatVector.fromArray(S, pw, pi), a1 = FloatVector.zero(S);
        int half = oW / 2;
        for (int h = 0; h < half; h++) {
            int c = 2 * h;
            a0 = FloatVector.broadcast(S, xp[xi + c * step]).fma(FloatVector.fromArray(S, dys, di + c * coutP), a0);
            a1 = FloatVector.broadcast(S, xp[xi + (c + 1) * step]).fma(FloatVector.fromArray(S, dys, di + (c + 1) * coutP), a1);
        }
        if ((oW & 1) != 0) a0 = FloatVector.broadcast(S, xp[xi + (oW - 1) * step]).fma(FloatVector.fromArray(S, dys, di + (oW - 1) * coutP), a0);
        a0.add(a1).intoArray(pw, pi);
    }
}
