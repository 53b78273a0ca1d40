package rln.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked micro-kernels of the forward map (and of everything expressed as one): a few output
 * voxels, each holding one vector of L output channels in a register, updated by
 * {@code acc_j += broadcast(in[j]) * wvec} along one contiguous run of the reduction. Every kernel is a single
 * loop: on JDK 17, C2 boxes vectors that stay live across a loop nest (measured: 3 GFLOP/s instead of 100), so
 * loops over taps live in the callers ({@link #tiles}) and accumulators go through memory between taps.
 * The bodies are unrolled by hand: one line per accumulator.
 */
final class VectorTiles {
    private VectorTiles() {}

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    /**
     * Whether the widest micro-kernels run: {@link #tile12x2} (24 accumulators, 2 weight vectors, a broadcast) and
     * the weight gradient's {@link VectorOuterProducts#rowOuter2x2} and {@code rowOuter4} (12 accumulators, 3 to 6
     * rotating dy vectors, broadcasts). They fit the 32 vector registers of AVX-512, and spill to the stack with the
     * 16 of AVX2: on a 2-core AVX2 EPYC, 1 thread, the 16 -> 16 layer at 32^3 ran forward in 13.9 ms with them and
     * 9.6 ms without (bench/CONV.md, Table 5). 512-bit vectors are taken as the sign of 32 registers. Narrower
     * tiles give each accumulator the same FMAs in the same order, so the floats do not depend on this: a choice
     * of speed only, which {@code VectorShapePathsTest.narrowTilesGiveTheFloatsOfWideTiles} flips to hold the two to
     * each other bit for bit.
     */
    static boolean wideTiles = S.vectorBitSize() >= 512;

    /** Two lane blocks of zeros: the initial accumulators of the fromZero tiles. */
    private static final float[] ZEROS = new float[2 * L];

    /**
     * {@link #tile8} over {@code count} voxels (blocks of 8, then 4, then single voxels) and over the taps:
     * out[outBase + j*outStep + ob .. +L] += sum_t sum_{k < nK} in[inBase + tapOff[t] + j*inStep + k] * w[wBase + (t*nK + k)*wStride + ob .. +L].
     */
    static void tiles(float[] in, int[] tapOff, int inBase, int inStep, int nK, float[] w, int wBase, int wStride,
                      int ob, float[] out, int outBase, int outStep, int count) {
        int j = 0, taps = tapOff.length;
        // The tap loop stays outside the micro-kernels: on JDK 17, C2 boxes vectors that live across a loop
        // nest (measured: 3 GFLOP/s instead of 100), so each micro-kernel is a single loop over one run.
        for (; j + 12 <= count; j += 12)
            for (int t = 0; t < taps; t++)
                tile12(in, inBase + tapOff[t] + j * inStep, inStep, nK, w, wBase + t * nK * wStride + ob, wStride,
                        out, outBase + j * outStep + ob, outStep);
        for (; j + 8 <= count; j += 8)
            for (int t = 0; t < taps; t++)
                tile8(in, inBase + tapOff[t] + j * inStep, inStep, nK, w, wBase + t * nK * wStride + ob, wStride,
                        out, outBase + j * outStep + ob, outStep);
        for (; j + 4 <= count; j += 4)
            for (int t = 0; t < taps; t++)
                tile4(in, inBase + tapOff[t] + j * inStep, inStep, nK, w, wBase + t * nK * wStride + ob, wStride,
                        out, outBase + j * outStep + ob, outStep);
        for (; j < count; j++)
            for (int t = 0; t < taps; t++)
                tile1(in, inBase + tapOff[t] + j * inStep, nK, w, wBase + t * nK * wStride + ob, wStride,
                        out, outBase + j * outStep + ob);
    }

    /**
     * {@link #tiles} for kernel width 3 and stride 1 ({@code nK = 3*cin}): blocks of 12, 8 and 4 voxels take the
     * row kernels that share each broadcast between the three taps e (blocks of 12 all taps in one call, with the
     * steps {@code xo[t*cin + i] = tapOff[t] + i}, {@code wo[t*cin + i] = t*nK + i}); the rest takes {@link #tiles}.
     */
    static void tilesW3(float[] in, int[] tapOff, int[] xo, int[] wo, int inBase, int cin, float[] w, int wStride,
                        int ob, float[] out, int outBase, int outStep, int count) {
        int j = 0, taps = tapOff.length, nK = 3 * cin;
        for (; j + 12 <= count; j += 12)
            rowTile12(in, inBase + j * cin, cin, xo, wo, w, ob, wStride, out, outBase + j * outStep + ob, outStep);
        for (; j + 8 <= count; j += 8)
            for (int t = 0; t < taps; t++)
                rowTile8(in, inBase + tapOff[t] + j * cin, cin, w, t * nK * wStride + ob, wStride, out, outBase + j * outStep + ob, outStep);
        for (; j + 4 <= count; j += 4)
            for (int t = 0; t < taps; t++)
                rowTile4(in, inBase + tapOff[t] + j * cin, cin, w, t * nK * wStride + ob, wStride, out, outBase + j * outStep + ob, outStep);
        if (j < count)
            tiles(in, tapOff, inBase + j * cin, cin, nK, w, 0, wStride, ob, out, outBase + j * outStep, outStep, count - j);
    }

    /**
     * Kernel width 3, stride 1, 12 voxels, all taps (a, b) in one loop over the steps s = (tap, input channel i):
     * out[o + j*outStep .. +L] += sum_s sum_{e < 3} in[x + xo[s] + (j+e)*cin] * w[wi + (wo[s] + e*cin)*wStride .. +L].
     * Each broadcast input value feeds up to three accumulators (one per tap e), so a voxel costs about one
     * load per three FMAs instead of one per FMA: this is what lifts the 16-channel layers. The accumulators stay
     * in registers from tap to tap; a float that went through memory between taps would be the same float, so
     * this gives the bits of one call per tap (VectorShapePathsTest), with a ninth of the calls.
     */
    static void rowTile12(float[] in, int x, int cin, int[] xo, int[] wo, float[] w, int wi, int wStride, float[] out, int o, int outStep) {
        FloatVector a0 = FloatVector.fromArray(S, out, o);
        FloatVector a1 = FloatVector.fromArray(S, out, o + outStep);
        FloatVector a2 = FloatVector.fromArray(S, out, o + 2 * outStep);
        FloatVector a3 = FloatVector.fromArray(S, out, o + 3 * outStep);
        FloatVector a4 = FloatVector.fromArray(S, out, o + 4 * outStep);
        FloatVector a5 = FloatVector.fromArray(S, out, o + 5 * outStep);
        FloatVector a6 = FloatVector.fromArray(S, out, o + 6 * outStep);
        FloatVector a7 = FloatVector.fromArray(S, out, o + 7 * outStep);
        FloatVector a8 = FloatVector.fromArray(S, out, o + 8 * outStep);
        FloatVector a9 = FloatVector.fromArray(S, out, o + 9 * outStep);
        FloatVector a10 = FloatVector.fromArray(S, out, o + 10 * outStep);
        FloatVector a11 = FloatVector.fromArray(S, out, o + 11 * outStep);
        int w1 = cin * wStride, w2 = 2 * cin * wStride;
        for (int t = 0, steps = xo.length; t < steps; t++) {
            int wk = wi + wo[t] * wStride, xk = x + xo[t];
            FloatVector v0 = FloatVector.fromArray(S, w, wk), v1 = FloatVector.fromArray(S, w, wk + w1), v2 = FloatVector.fromArray(S, w, wk + w2);
            FloatVector b;
            b = FloatVector.broadcast(S, in[xk]);
            a0 = b.fma(v0, a0);
            b = FloatVector.broadcast(S, in[xk + cin]);
            a1 = b.fma(v0, a1);
            a0 = b.fma(v1, a0);
            b = FloatVector.broadcast(S, in[xk + 2 * cin]);
            a2 = b.fma(v0, a2);
            a1 = b.fma(v1, a1);
            a0 = b.fma(v2, a0);
            b = FloatVector.broadcast(S, in[xk + 3 * cin]);
            a3 = b.fma(v0, a3);
            a2 = b.fma(v1, a2);
            a1 = b.fma(v2, a1);
            b = FloatVector.broadcast(S, in[xk + 4 * cin]);
            a4 = b.fma(v0, a4);
            a3 = b.fma(v1, a3);
            a2 = b.fma(v2, a2);
            b = FloatVector.broadcast(S, in[xk + 5 * cin]);
            a5 = b.fma(v0, a5);
            a4 = b.fma(v1, a4);
            a3 = b.fma(v2, a3);
            b = FloatVector.broadcast(S, in[xk + 6 * cin]);
            a6 = b.fma(v0, a6);
            a5 = b.fma(v1, a5);
            a4 = b.fma(v2, a4);
            b = FloatVector.broadcast(S, in[xk + 7 * cin]);
            a7 = b.fma(v0, a7);
            a6 = b.fma(v1, a6);
            a5 = b.fma(v2, a5);
            b = FloatVector.broadcast(S, in[xk + 8 * cin]);
            a8 = b.fma(v0, a8);
            a7 = b.fma(v1, a7);
            a6 = b.fma(v2, a6);
            b = FloatVector.broadcast(S, in[xk + 9 * cin]);
            a9 = b.fma(v0, a9);
            a8 = b.fma(v1, a8);
            a7 = b.fma(v2, a7);
            b = FloatVector.broadcast(S, in[xk + 10 * cin]);
            a10 = b.fma(v0, a10);
            a9 = b.fma(v1, a9);
            a8 = b.fma(v2, a8);
            b = FloatVector.broadcast(S, in[xk + 11 * cin]);
            a11 = b.fma(v0, a11);
            a10 = b.fma(v1, a10);
            a9 = b.fma(v2, a9);
            b = FloatVector.broadcast(S, in[xk + 12 * cin]);
            a11 = b.fma(v1, a11);
            a10 = b.fma(v2, a10);
            b = FloatVector.broadcast(S, in[xk + 13 * cin]);
            a11 = b.fma(v2, a11);
        }
        a0.intoArray(out, o);
        a1.intoArray(out, o + outStep);
        a2.intoArray(out, o + 2 * outStep);
        a3.intoArray(out, o + 3 * outStep);
        a4.intoArray(out, o + 4 * outStep);
        a5.intoArray(out, o + 5 * outStep);
        a6.intoArray(out, o + 6 * outStep);
        a7.intoArray(out, o + 7 * outStep);
        a8.intoArray(out, o + 8 * outStep);
        a9.intoArray(out, o + 9 * outStep);
        a10.intoArray(out, o + 10 * outStep);
        a11.intoArray(out, o + 11 * outStep);
    }

    /** {@link #rowTile12} for 8 voxels. */
    static void rowTile8(float[] in, int x, int cin, float[] w, int wi, int wStride, float[] out, int o, int outStep) {
        FloatVector a0 = FloatVector.fromArray(S, out, o);
        FloatVector a1 = FloatVector.fromArray(S, out, o + outStep);
        FloatVector a2 = FloatVector.fromArray(S, out, o + 2 * outStep);
        FloatVector a3 = FloatVector.fromArray(S, out, o + 3 * outStep);
        FloatVector a4 = FloatVector.fromArray(S, out, o + 4 * outStep);
        FloatVector a5 = FloatVector.fromArray(S, out, o + 5 * outStep);
        FloatVector a6 = FloatVector.fromArray(S, out, o + 6 * outStep);
        FloatVector a7 = FloatVector.fromArray(S, out, o + 7 * outStep);
        int w1 = cin * wStride, w2 = 2 * cin * wStride;
        for (int i = 0; i < cin; i++) {
            int wk = wi + i * wStride, xk = x + i;
            FloatVector v0 = FloatVector.fromArray(S, w, wk), v1 = FloatVector.fromArray(S, w, wk + w1), v2 = FloatVector.fromArray(S, w, wk + w2);
            FloatVector b;
            b = FloatVector.broadcast(S, in[xk]);
            a0 = b.fma(v0, a0);
            b = FloatVector.broadcast(S, in[xk + cin]);
            a1 = b.fma(v0, a1);
            a0 = b.fma(v1, a0);
            b = FloatVector.broadcast(S, in[xk + 2 * cin]);
            a2 = b.fma(v0, a2);
            a1 = b.fma(v1, a1);
            a0 = b.fma(v2, a0);
            b = FloatVector.broadcast(S, in[xk + 3 * cin]);
            a3 = b.fma(v0, a3);
            a2 = b.fma(v1, a2);
            a1 = b.fma(v2, a1);
            b = FloatVector.broadcast(S, in[xk + 4 * cin]);
            a4 = b.fma(v0, a4);
            a3 = b.fma(v1, a3);
            a2 = b.fma(v2, a2);
            b = FloatVector.broadcast(S, in[xk + 5 * cin]);
            a5 = b.fma(v0, a5);
            a4 = b.fma(v1, a4);
            a3 = b.fma(v2, a3);
            b = FloatVector.broadcast(S, in[xk + 6 * cin]);
            a6 = b.fma(v0, a6);
            a5 = b.fma(v1, a5);
            a4 = b.fma(v2, a4);
            b = FloatVector.broadcast(S, in[xk + 7 * cin]);
            a7 = b.fma(v0, a7);
            a6 = b.fma(v1, a6);
            a5 = b.fma(v2, a5);
            b = FloatVector.broadcast(S, in[xk + 8 * cin]);
            a7 = b.fma(v1, a7);
            a6 = b.fma(v2, a6);
            b = FloatVector.broadcast(S, in[xk + 9 * cin]);
            a7 = b.fma(v2, a7);
        }
        a0.intoArray(out, o);
        a1.intoArray(out, o + outStep);
        a2.intoArray(out, o + 2 * outStep);
        a3.intoArray(out, o + 3 * outStep);
        a4.intoArray(out, o + 4 * outStep);
        a5.intoArray(out, o + 5 * outStep);
        a6.intoArray(out, o + 6 * outStep);
        a7.intoArray(out, o + 7 * outStep);
    }

    /** {@link #rowTile12} for 4 voxels. */
    static void rowTile4(float[] in, int x, int cin, float[] w, int wi, int wStride, float[] out, int o, int outStep) {
        FloatVector a0 = FloatVector.fromArray(S, out, o);
        FloatVector a1 = FloatVector.fromArray(S, out, o + outStep);
        FloatVector a2 = FloatVector.fromArray(S, out, o + 2 * outStep);
        FloatVector a3 = FloatVector.fromArray(S, out, o + 3 * outStep);
        int w1 = cin * wStride, w2 = 2 * cin * wStride;
        for (int i = 0; i < cin; i++) {
            int wk = wi + i * wStride, xk = x + i;
            FloatVector v0 = FloatVector.fromArray(S, w, wk), v1 = FloatVector.fromArray(S, w, wk + w1), v2 = FloatVector.fromArray(S, w, wk + w2);
            FloatVector b;
            b = FloatVector.broadcast(S, in[xk]);
            a0 = b.fma(v0, a0);
            b = FloatVector.broadcast(S, in[xk + cin]);
            a1 = b.fma(v0, a1);
            a0 = b.fma(v1, a0);
            b = FloatVector.broadcast(S, in[xk + 2 * cin]);
            a2 = b.fma(v0, a2);
            a1 = b.fma(v1, a1);
            a0 = b.fma(v2, a0);
            b = FloatVector.broadcast(S, in[xk + 3 * cin]);
            a3 = b.fma(v0, a3);
            a2 = b.fma(v1, a2);
            a1 = b.fma(v2, a1);
            b = FloatVector.broadcast(S, in[xk + 4 * cin]);
            a3 = b.fma(v1, a3);
            a2 = b.fma(v2, a2);
            b = FloatVector.broadcast(S, in[xk + 5 * cin]);
            a3 = b.fma(v2, a3);
        }
        a0.intoArray(out, o);
        a1.intoArray(out, o + outStep);
        a2.intoArray(out, o + 2 * outStep);
        a3.intoArray(out, o + 3 * outStep);
    }

    /**
     * {@link #tiles} for two lane blocks [ob, ob + 2L) at once: blocks of 12 voxels (with {@link #wideTiles}), then 6,
     * the rest per block. Each voxel's accumulators get the same FMAs in the same order whatever its block, so the
     * blocking is free to choose.
     */
    static void tiles2(float[] in, int[] tapOff, int inBase, int inStep, int nK, float[] w, int wBase, int wStride,
                       int ob, float[] out, int outBase, int outStep, int count) {
        int j = 0, taps = tapOff.length;
        for (; j + 12 <= count && wideTiles; j += 12)
            for (int t = 0; t < taps; t++)
                tile12x2(in, inBase + tapOff[t] + j * inStep, inStep, nK, w, wBase + t * nK * wStride + ob, wStride,
                        out, outBase + j * outStep + ob, outStep);
        for (; j + 6 <= count; j += 6)
            for (int t = 0; t < taps; t++)
                tile6x2(in, inBase + tapOff[t] + j * inStep, inStep, nK, w, wBase + t * nK * wStride + ob, wStride,
                        out, outBase + j * outStep + ob, outStep);
        if (j < count) {
            tiles(in, tapOff, inBase + j * inStep, inStep, nK, w, wBase, wStride, ob, out, outBase + j * outStep, outStep, count - j);
            tiles(in, tapOff, inBase + j * inStep, inStep, nK, w, wBase, wStride, ob + L, out, outBase + j * outStep, outStep, count - j);
        }
    }

    /**
     * The micro-kernel, for 8 voxels j: out[o + j*outStep .. +L] += sum_{k < nK} in[i + j*inStep + k] * w[wi + k*wStride .. +L].
     * Eight independent accumulators hide the FMA latency; each weight vector is loaded once for all eight.
     */
    static void tile8(float[] in, int i, int inStep, int nK, float[] w, int wi, int wStride, float[] out, int o, int outStep) {
        FloatVector a0 = FloatVector.fromArray(S, out, o);
        FloatVector a1 = FloatVector.fromArray(S, out, o + outStep);
        FloatVector a2 = FloatVector.fromArray(S, out, o + 2 * outStep);
        FloatVector a3 = FloatVector.fromArray(S, out, o + 3 * outStep);
        FloatVector a4 = FloatVector.fromArray(S, out, o + 4 * outStep);
        FloatVector a5 = FloatVector.fromArray(S, out, o + 5 * outStep);
        FloatVector a6 = FloatVector.fromArray(S, out, o + 6 * outStep);
        FloatVector a7 = FloatVector.fromArray(S, out, o + 7 * outStep);
        for (int k = 0; k < nK; k++) {
            FloatVector wv = FloatVector.fromArray(S, w, wi + k * wStride);
            int ik = i + k;
            a0 = FloatVector.broadcast(S, in[ik]).fma(wv, a0);
            a1 = FloatVector.broadcast(S, in[ik + inStep]).fma(wv, a1);
            a2 = FloatVector.broadcast(S, in[ik + 2 * inStep]).fma(wv, a2);
            a3 = FloatVector.broadcast(S, in[ik + 3 * inStep]).fma(wv, a3);
            a4 = FloatVector.broadcast(S, in[ik + 4 * inStep]).fma(wv, a4);
            a5 = FloatVector.broadcast(S, in[ik + 5 * inStep]).fma(wv, a5);
            a6 = FloatVector.broadcast(S, in[ik + 6 * inStep]).fma(wv, a6);
            a7 = FloatVector.broadcast(S, in[ik + 7 * inStep]).fma(wv, a7);
        }
        a0.intoArray(out, o);
        a1.intoArray(out, o + outStep);
        a2.intoArray(out, o + 2 * outStep);
        a3.intoArray(out, o + 3 * outStep);
        a4.intoArray(out, o + 4 * outStep);
        a5.intoArray(out, o + 5 * outStep);
        a6.intoArray(out, o + 6 * outStep);
        a7.intoArray(out, o + 7 * outStep);
    }

    /** {@link #tile8} for 12 voxels: more independent accumulators, fewer weight loads per FMA. */
    static void tile12(float[] in, int i, int inStep, int nK, float[] w, int wi, int wStride, float[] out, int o, int outStep) {
        FloatVector a0 = FloatVector.fromArray(S, out, o);
        FloatVector a1 = FloatVector.fromArray(S, out, o + outStep);
        FloatVector a2 = FloatVector.fromArray(S, out, o + 2 * outStep);
        FloatVector a3 = FloatVector.fromArray(S, out, o + 3 * outStep);
        FloatVector a4 = FloatVector.fromArray(S, out, o + 4 * outStep);
        FloatVector a5 = FloatVector.fromArray(S, out, o + 5 * outStep);
        FloatVector a6 = FloatVector.fromArray(S, out, o + 6 * outStep);
        FloatVector a7 = FloatVector.fromArray(S, out, o + 7 * outStep);
        FloatVector a8 = FloatVector.fromArray(S, out, o + 8 * outStep);
        FloatVector a9 = FloatVector.fromArray(S, out, o + 9 * outStep);
        FloatVector a10 = FloatVector.fromArray(S, out, o + 10 * outStep);
        FloatVector a11 = FloatVector.fromArray(S, out, o + 11 * outStep);
        for (int k = 0; k < nK; k++) {
            FloatVector wv = FloatVector.fromArray(S, w, wi + k * wStride);
            int ik = i + k;
            a0 = FloatVector.broadcast(S, in[ik]).fma(wv, a0);
            a1 = FloatVector.broadcast(S, in[ik + inStep]).fma(wv, a1);
            a2 = FloatVector.broadcast(S, in[ik + 2 * inStep]).fma(wv, a2);
            a3 = FloatVector.broadcast(S, in[ik + 3 * inStep]).fma(wv, a3);
            a4 = FloatVector.broadcast(S, in[ik + 4 * inStep]).fma(wv, a4);
            a5 = FloatVector.broadcast(S, in[ik + 5 * inStep]).fma(wv, a5);
            a6 = FloatVector.broadcast(S, in[ik + 6 * inStep]).fma(wv, a6);
            a7 = FloatVector.broadcast(S, in[ik + 7 * inStep]).fma(wv, a7);
            a8 = FloatVector.broadcast(S, in[ik + 8 * inStep]).fma(wv, a8);
            a9 = FloatVector.broadcast(S, in[ik + 9 * inStep]).fma(wv, a9);
            a10 = FloatVector.broadcast(S, in[ik + 10 * inStep]).fma(wv, a10);
            a11 = FloatVector.broadcast(S, in[ik + 11 * inStep]).fma(wv, a11);
        }
        a0.intoArray(out, o);
        a1.intoArray(out, o + outStep);
        a2.intoArray(out, o + 2 * outStep);
        a3.intoArray(out, o + 3 * outStep);
        a4.intoArray(out, o + 4 * outStep);
        a5.intoArray(out, o + 5 * outStep);
        a6.intoArray(out, o + 6 * outStep);
        a7.intoArray(out, o + 7 * outStep);
        a8.intoArray(out, o + 8 * outStep);
        a9.intoArray(out, o + 9 * outStep);
        a10.intoArray(out, o + 10 * outStep);
        a11.intoArray(out, o + 11 * outStep);
    }

    /** {@link #tile6x2} for 12 voxels: each pair of weight vectors is loaded once for twelve voxels (24 FMAs per 14 loads). */
    static void tile12x2(float[] in, int i, int inStep, int nK, float[] w, int wi, int wStride, float[] out, int o, int outStep) {
        tile12x2(in, i, inStep, nK, w, wi, wStride, out, o, outStep, false);
    }

    /**
     * {@link #tile12x2}, or with {@code fromZero} over out instead of onto it: out[o + j*outStep + h] = 0 + sum_k
     * in[i + j*inStep + k] * w[wi + k*wStride + h], h < 2L, the floats of zeroing out first (the accumulators start
     * from the same +0, read from {@link #ZEROS}; a choice of array, not of vectors, so that C2 keeps the vectors in
     * registers), without the zeroing pass and the loads of out.
     */
    static void tile12x2(float[] in, int i, int inStep, int nK, float[] w, int wi, int wStride, float[] out, int o, int outStep,
                         boolean fromZero) {
        float[] init = fromZero ? ZEROS : out;
        int i0 = fromZero ? 0 : o, iStep = fromZero ? 0 : outStep;
        FloatVector a0 = FloatVector.fromArray(S, init, i0), b0 = FloatVector.fromArray(S, init, i0 + L);
        FloatVector a1 = FloatVector.fromArray(S, init, i0 + iStep), b1 = FloatVector.fromArray(S, init, i0 + iStep + L);
        FloatVector a2 = FloatVector.fromArray(S, init, i0 + 2 * iStep), b2 = FloatVector.fromArray(S, init, i0 + 2 * iStep + L);
        FloatVector a3 = FloatVector.fromArray(S, init, i0 + 3 * iStep), b3 = FloatVector.fromArray(S, init, i0 + 3 * iStep + L);
        FloatVector a4 = FloatVector.fromArray(S, init, i0 + 4 * iStep), b4 = FloatVector.fromArray(S, init, i0 + 4 * iStep + L);
        FloatVector a5 = FloatVector.fromArray(S, init, i0 + 5 * iStep), b5 = FloatVector.fromArray(S, init, i0 + 5 * iStep + L);
        FloatVector a6 = FloatVector.fromArray(S, init, i0 + 6 * iStep), b6 = FloatVector.fromArray(S, init, i0 + 6 * iStep + L);
        FloatVector a7 = FloatVector.fromArray(S, init, i0 + 7 * iStep), b7 = FloatVector.fromArray(S, init, i0 + 7 * iStep + L);
        FloatVector a8 = FloatVector.fromArray(S, init, i0 + 8 * iStep), b8 = FloatVector.fromArray(S, init, i0 + 8 * iStep + L);
        FloatVector a9 = FloatVector.fromArray(S, init, i0 + 9 * iStep), b9 = FloatVector.fromArray(S, init, i0 + 9 * iStep + L);
        FloatVector a10 = FloatVector.fromArray(S, init, i0 + 10 * iStep), b10 = FloatVector.fromArray(S, init, i0 + 10 * iStep + L);
        FloatVector a11 = FloatVector.fromArray(S, init, i0 + 11 * iStep), b11 = FloatVector.fromArray(S, init, i0 + 11 * iStep + L);
        for (int k = 0; k < nK; k++) {
            FloatVector wa = FloatVector.fromArray(S, w, wi + k * wStride), wb = FloatVector.fromArray(S, w, wi + k * wStride + L);
            int ik = i + k;
            FloatVector x;
            x = FloatVector.broadcast(S, in[ik]);
            a0 = x.fma(wa, a0);
            b0 = x.fma(wb, b0);
            x = FloatVector.broadcast(S, in[ik + inStep]);
            a1 = x.fma(wa, a1);
            b1 = x.fma(wb, b1);
            x = FloatVector.broadcast(S, in[ik + 2 * inStep]);
            a2 = x.fma(wa, a2);
            b2 = x.fma(wb, b2);
            x = FloatVector.broadcast(S, in[ik + 3 * inStep]);
            a3 = x.fma(wa, a3);
            b3 = x.fma(wb, b3);
            x = FloatVector.broadcast(S, in[ik + 4 * inStep]);
            a4 = x.fma(wa, a4);
            b4 = x.fma(wb, b4);
            x = FloatVector.broadcast(S, in[ik + 5 * inStep]);
            a5 = x.fma(wa, a5);
            b5 = x.fma(wb, b5);
            x = FloatVector.broadcast(S, in[ik + 6 * inStep]);
            a6 = x.fma(wa, a6);
            b6 = x.fma(wb, b6);
            x = FloatVector.broadcast(S, in[ik + 7 * inStep]);
            a7 = x.fma(wa, a7);
            b7 = x.fma(wb, b7);
            x = FloatVector.broadcast(S, in[ik + 8 * inStep]);
            a8 = x.fma(wa, a8);
            b8 = x.fma(wb, b8);
            x = FloatVector.broadcast(S, in[ik + 9 * inStep]);
            a9 = x.fma(wa, a9);
            b9 = x.fma(wb, b9);
            x = FloatVector.broadcast(S, in[ik + 10 * inStep]);
            a10 = x.fma(wa, a10);
            b10 = x.fma(wb, b10);
            x = FloatVector.broadcast(S, in[ik + 11 * inStep]);
            a11 = x.fma(wa, a11);
            b11 = x.fma(wb, b11);
        }
        a0.intoArray(out, o);
        b0.intoArray(out, o + L);
        a1.intoArray(out, o + outStep);
        b1.intoArray(out, o + outStep + L);
        a2.intoArray(out, o + 2 * outStep);
        b2.intoArray(out, o + 2 * outStep + L);
        a3.intoArray(out, o + 3 * outStep);
        b3.intoArray(out, o + 3 * outStep + L);
        a4.intoArray(out, o + 4 * outStep);
        b4.intoArray(out, o + 4 * outStep + L);
        a5.intoArray(out, o + 5 * outStep);
        b5.intoArray(out, o + 5 * outStep + L);
        a6.intoArray(out, o + 6 * outStep);
        b6.intoArray(out, o + 6 * outStep + L);
        a7.intoArray(out, o + 7 * outStep);
        b7.intoArray(out, o + 7 * outStep + L);
        a8.intoArray(out, o + 8 * outStep);
        b8.intoArray(out, o + 8 * outStep + L);
        a9.intoArray(out, o + 9 * outStep);
        b9.intoArray(out, o + 9 * outStep + L);
        a10.intoArray(out, o + 10 * outStep);
        b10.intoArray(out, o + 10 * outStep + L);
        a11.intoArray(out, o + 11 * outStep);
        b11.intoArray(out, o + 11 * outStep + L);
    }

    /** {@link #tile8} for 6 voxels and two lane blocks (2L output channels): each broadcast feeds two FMAs. */
    static void tile6x2(float[] in, int i, int inStep, int nK, float[] w, int wi, int wStride, float[] out, int o, int outStep) {
        tile6x2(in, i, inStep, nK, w, wi, wStride, out, o, outStep, false);
    }

    /** {@link #tile6x2}, or with {@code fromZero} over out (as {@link #tile12x2(float[], int, int, int, float[], int, int, float[], int, int, boolean)}). */
    static void tile6x2(float[] in, int i, int inStep, int nK, float[] w, int wi, int wStride, float[] out, int o, int outStep,
                         boolean fromZero) {
        float[] init = fromZero ? ZEROS : out;
        int i0 = fromZero ? 0 : o, iStep = fromZero ? 0 : outStep;
        FloatVector a0 = FloatVector.fromArray(S, init, i0), b0 = FloatVector.fromArray(S, init, i0 + L);
        FloatVector a1 = FloatVector.fromArray(S, init, i0 + iStep), b1 = FloatVector.fromArray(S, init, i0 + iStep + L);
        FloatVector a2 = FloatVector.fromArray(S, init, i0 + 2 * iStep), b2 = FloatVector.fromArray(S, init, i0 + 2 * iStep + L);
        FloatVector a3 = FloatVector.fromArray(S, init, i0 + 3 * iStep), b3 = FloatVector.fromArray(S, init, i0 + 3 * iStep + L);
        FloatVector a4 = FloatVector.fromArray(S, init, i0 + 4 * iStep), b4 = FloatVector.fromArray(S, init, i0 + 4 * iStep + L);
        FloatVector a5 = FloatVector.fromArray(S, init, i0 + 5 * iStep), b5 = FloatVector.fromArray(S, init, i0 + 5 * iStep + L);
        for (int k = 0; k < nK; k++) {
            FloatVector wa = FloatVector.fromArray(S, w, wi + k * wStride), wb = FloatVector.fromArray(S, w, wi + k * wStride + L);
            int ik = i + k;
            FloatVector x;
            x = FloatVector.broadcast(S, in[ik]);
            a0 = x.fma(wa, a0);
            b0 = x.fma(wb, b0);
            x = FloatVector.broadcast(S, in[ik + inStep]);
            a1 = x.fma(wa, a1);
            b1 = x.fma(wb, b1);
            x = FloatVector.broadcast(S, in[ik + 2 * inStep]);
            a2 = x.fma(wa, a2);
            b2 = x.fma(wb, b2);
            x = FloatVector.broadcast(S, in[ik + 3 * inStep]);
            a3 = x.fma(wa, a3);
            b3 = x.fma(wb, b3);
            x = FloatVector.broadcast(S, in[ik + 4 * inStep]);
            a4 = x.fma(wa, a4);
            b4 = x.fma(wb, b4);
            x = FloatVector.broadcast(S, in[ik + 5 * inStep]);
            a5 = x.fma(wa, a5);
            b5 = x.fma(wb, b5);
        }
        a0.intoArray(out, o);
        b0.intoArray(out, o + L);
        a1.intoArray(out, o + outStep);
        b1.intoArray(out, o + outStep + L);
        a2.intoArray(out, o + 2 * outStep);
        b2.intoArray(out, o + 2 * outStep + L);
        a3.intoArray(out, o + 3 * outStep);
        b3.intoArray(out, o + 3 * outStep + L);
        a4.intoArray(out, o + 4 * outStep);
        b4.intoArray(out, o + 4 * outStep + L);
        a5.intoArray(out, o + 5 * outStep);
        b5.intoArray(out, o + 5 * outStep + L);
    }

    /** {@link #tile8} for 4 voxels. */
    static void tile4(float[] in, int i, int inStep, int nK, float[] w, int wi, int wStride, float[] out, int o, int outStep) {
        FloatVector a0 = FloatVector.fromArray(S, out, o);
        FloatVector a1 = FloatVector.fromArray(S, out, o + outStep);
        FloatVector a2 = FloatVector.fromArray(S, out, o + 2 * outStep);
        FloatVector a3 = FloatVector.fromArray(S, out, o + 3 * outStep);
        for (int k = 0; k < nK; k++) {
            FloatVector wv = FloatVector.fromArray(S, w, wi + k * wStride);
            int ik = i + k;
            a0 = FloatVector.broadcast(S, in[ik]).fma(wv, a0);
            a1 = FloatVector.broadcast(S, in[ik + inStep]).fma(wv, a1);
            a2 = FloatVector.broadcast(S, in[ik + 2 * inStep]).fma(wv, a2);
            a3 = FloatVector.broadcast(S, in[ik + 3 * inStep]).fma(wv, a3);
        }
        a0.intoArray(out, o);
        a1.intoArray(out, o + outStep);
        a2.intoArray(out, o + 2 * outStep);
        a3.intoArray(out, o + 3 * outStep);
    }

    /** {@link #tile8} for one voxel, with two accumulators (even and odd k) to halve the dependency chain. */
    static void tile1(float[] in, int i, int nK, float[] w, int wi, int wStride, float[] out, int o) {
        FloatVector a0 = FloatVector.fromArray(S, out, o);
        FloatVector a1 = FloatVector.zero(S);
        int half = nK / 2;
        for (int k = 0; k < half; k++) {
            int k2 = 2 * k;
            a0 = FloatVector.broadcast(S, in[i + k2]).fma(FloatVector.fromArray(S, w, wi + k2 * wStride), a0);
            a1 = FloatVector.broadcast(S, in[i + k2 + 1]).fma(FloatVector.fromArray(S, w, wi + (k2 + 1) * wStride), a1);
        }
        if ((nK & 1) != 0) a0 = FloatVector.broadcast(S, in[i + nK - 1]).fma(FloatVector.fromArray(S, w, wi + (nK - 1) * wStride), a0);
        a0.add(a1).intoArray(out, o);
    }
}
