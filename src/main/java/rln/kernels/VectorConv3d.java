package rln.kernels;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import rln.util.Parallel;

/**
 * The fast float kernels: a register-blocked direct convolution with the Vector API.
 *
 * <p>All three maps are built from one micro-kernel, {@link #tile}: up to 8 output voxels, each one vector of
 * {@code L} output channels held in a register, updated by {@code acc_j += broadcast(in[j]) * wvec} over a
 * reduction that runs over taps and input channels. With padding done once into a scratch copy
 * ({@link Padded}), the reduction over (e, i) is one contiguous run of kw*cin floats in both the padded
 * input and the repacked weights, for any stride:
 * <pre>
 *   forward:        y[q, o-block]     = bias + sum_{a,b} sum_{(e,i)} xp[q*s + (a,b,e), i] * w[a,b,e,i, o-block]
 *   backward data:  stride 1: the forward map of dy with the flipped, transposed kernel (pad' = k-1-pad);
 *                   otherwise dxp[q*s + t, i-block] += sum_o dy[q,o] * w[t, i-block, o] one tap plane at a time
 *                   (e.g. kernel 2 stride 2: non-overlapping taps, one small matrix product per tap)
 *   backward weights: dw[(a,b),(e,i), o-block] += sum_q xp[q*s + (a,b,e), i] * dy[q, o-block]
 * </pre>
 * Channel counts that are not a multiple of {@code L} are padded with zero lanes in the repacked weights and
 * in a per-row buffer; a single output channel (cout = 1) instead takes dot products over the input channels.
 * Work is split over output rows with {@link Parallel#forChunks}; the weight gradient is summed per chunk and
 * the partials added in chunk order, so results are bitwise identical for a given thread count.
 */
final class VectorConv3d implements Conv3dKernels {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    @Override
    public String name() {
        return "vector" + (L * 32);
    }

    static int roundUp(int n) {
        return (n + L - 1) / L * L;
    }

    // ---------------------------------------------------------------- forward

    @Override
    public void forward(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y) {
        if (g.cout() < L / 2) {
            forwardThin(g, x, w, bias, y);
            return;
        }
        int taps = g.kd() * g.kh() * g.kw();
        conv(g, x, repack(w, taps * g.cin(), g.cout()), bias, y, false);
    }

    /** w[k][cols] -> wp[k][roundUp(cols)], zero lanes beyond cols. */
    static float[] repack(float[] w, int rowsK, int cols) {
        int cp = roundUp(cols);
        if (cp == cols) return w;
        float[] wp = new float[rowsK * cp];
        for (int k = 0; k < rowsK; k++) System.arraycopy(w, k * cols, wp, k * cp, cols);
        return wp;
    }

    /**
     * y (+)= conv(x, wp) (+ bias): the valid convolution of the padded input with weights repacked as
     * wp[a,b,e,i][coutP]. Overwrites y (bias or zero first) unless {@code accumulate}, then adds to it.
     */
    static void conv(ConvGeometry g, float[] x, float[] wp, float[] bias, float[] y, boolean accumulate) {
        int cin = g.cin(), cout = g.cout(), coutP = roundUp(cout), s = g.stride();
        int Dp = Padded.padD(g), Hp = Padded.padH(g), Wp = Padded.padW(g);
        float[] xp = ScalarConv3d.paddedInput(g, x);
        int oD = g.outD(), oH = g.outH(), oW = g.outW(), run = g.kw() * cin;
        int[] tapOff = new int[g.kd() * g.kh()];
        for (int a = 0; a < g.kd(); a++)
            for (int b = 0; b < g.kh(); b++) tapOff[a * g.kh() + b] = (a * Hp + b) * Wp * cin;
        boolean direct = cout == coutP, w3 = s == 1 && g.kw() == 3;
        Parallel.forChunks(g.batch() * oD * oH, 4 * Parallel.threads(), (chunk, from, to) -> {
            float[] buf = direct ? null : new float[oW * coutP];
            for (int row = from; row < to; row++) {
                int n = row / (oD * oH), z = row / oH % oD, r = row % oH;
                int inBase = ((n * Dp + z * s) * Hp + r * s) * Wp * cin;
                int yb = row * oW * cout;
                float[] out = direct ? y : buf;
                int outBase = direct ? yb : 0;
                for (int c = 0; c < oW; c++)
                    for (int o = 0; o < coutP; o++)
                        if (!direct || !accumulate)
                            out[outBase + c * coutP + o] = o >= cout ? 0f
                                    : accumulate ? y[yb + c * cout + o] : bias == null ? 0f : bias[o];
                int ob = 0;
                for (; ob + 2 * L <= coutP; ob += 2 * L)
                    tiles2(xp, tapOff, inBase, s * cin, run, wp, 0, coutP, ob, out, outBase, coutP, oW);
                for (; ob < coutP; ob += L)
                    if (w3) tilesW3(xp, tapOff, inBase, cin, wp, coutP, ob, out, outBase, coutP, oW);
                    else tiles(xp, tapOff, inBase, s * cin, run, wp, 0, coutP, ob, out, outBase, coutP, oW);
                if (!direct)
                    for (int c = 0; c < oW; c++) System.arraycopy(buf, c * coutP, y, yb + c * cout, cout);
            }
        });
    }

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
     * row kernels that share each broadcast between the three taps e; the rest takes {@link #tiles}.
     */
    static void tilesW3(float[] in, int[] tapOff, int inBase, int cin, float[] w, int wStride,
                        int ob, float[] out, int outBase, int outStep, int count) {
        int j = 0, taps = tapOff.length, nK = 3 * cin;
        for (; j + 12 <= count; j += 12)
            for (int t = 0; t < taps; t++)
                rowTile12(in, inBase + tapOff[t] + j * cin, cin, w, t * nK * wStride + ob, wStride, out, outBase + j * outStep + ob, outStep);
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
     * Kernel width 3, stride 1, 12 voxels: out[o + j*outStep .. +L] += sum_{i < cin} sum_{e < 3} in[x + (j+e)*cin + i] * w[wi + (e*cin + i)*wStride .. +L].
     * Each broadcast input value feeds up to three accumulators (one per tap e), so a voxel costs about one
     * load per three FMAs instead of one per FMA: this is what lifts the 16-channel layers.
     */
    static void rowTile12(float[] in, int x, int cin, float[] w, int wi, int wStride, float[] out, int o, int outStep) {
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

    /** {@link #tiles} for two lane blocks [ob, ob + 2L) at once: blocks of 6 voxels, the rest per block. */
    static void tiles2(float[] in, int[] tapOff, int inBase, int inStep, int nK, float[] w, int wBase, int wStride,
                       int ob, float[] out, int outBase, int outStep, int count) {
        int j = 0, taps = tapOff.length;
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

    /** {@link #tile8} for 6 voxels and two lane blocks (2L output channels): each broadcast feeds two FMAs. */
    static void tile6x2(float[] in, int i, int inStep, int nK, float[] w, int wi, int wStride, float[] out, int o, int outStep) {
        FloatVector a0 = FloatVector.fromArray(S, out, o), b0 = FloatVector.fromArray(S, out, o + L);
        FloatVector a1 = FloatVector.fromArray(S, out, o + outStep), b1 = FloatVector.fromArray(S, out, o + outStep + L);
        FloatVector a2 = FloatVector.fromArray(S, out, o + 2 * outStep), b2 = FloatVector.fromArray(S, out, o + 2 * outStep + L);
        FloatVector a3 = FloatVector.fromArray(S, out, o + 3 * outStep), b3 = FloatVector.fromArray(S, out, o + 3 * outStep + L);
        FloatVector a4 = FloatVector.fromArray(S, out, o + 4 * outStep), b4 = FloatVector.fromArray(S, out, o + 4 * outStep + L);
        FloatVector a5 = FloatVector.fromArray(S, out, o + 5 * outStep), b5 = FloatVector.fromArray(S, out, o + 5 * outStep + L);
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

    /**
     * cout < L/2 (the 16 -> 1 output layer): y[q,o] = bias[o] + sum_{a,b} dot(xp[q*s + (a,b), run], w^T[o, a,b, run]),
     * the dot products vectorized over the contiguous run of kw*cin input values.
     */
    static void forwardThin(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y) {
        int cin = g.cin(), cout = g.cout(), s = g.stride();
        int Dp = Padded.padD(g), Hp = Padded.padH(g), Wp = Padded.padW(g);
        float[] xp = ScalarConv3d.paddedInput(g, x);
        int oD = g.outD(), oH = g.outH(), oW = g.outW(), run = g.kw() * cin, kd = g.kd(), kh = g.kh();
        int runs = kd * kh, K = runs * run;
        float[] wt = new float[cout * K]; // wt[o][(a,b),(e,i)]
        for (int k = 0; k < K; k++)
            for (int o = 0; o < cout; o++) wt[o * K + k] = w[k * cout + o];
        Parallel.forChunks(g.batch() * oD * oH, 4 * Parallel.threads(), (chunk, from, to) -> {
            for (int row = from; row < to; row++) {
                int n = row / (oD * oH), z = row / oH % oD, r = row % oH;
                for (int c = 0; c < oW; c++)
                    for (int o = 0; o < cout; o++) {
                        float sum = bias == null ? 0f : bias[o];
                        for (int a = 0; a < kd; a++)
                            for (int b = 0; b < kh; b++) {
                                int xb = (((n * Dp + z * s + a) * Hp + r * s + b) * Wp + c * s) * cin;
                                sum += dot(xp, xb, wt, o * K + (a * kh + b) * run, run);
                            }
                        y[(row * oW + c) * cout + o] = sum;
                    }
            }
        });
    }

    /** sum_{k < len} u[ui + k] * v[vi + k]: main loop to loopBound, then a scalar tail. */
    static float dot(float[] u, int ui, float[] v, int vi, int len) {
        FloatVector s0 = FloatVector.zero(S);
        int bound = S.loopBound(len), k = 0;
        for (; k < bound; k += L)
            s0 = FloatVector.fromArray(S, u, ui + k).fma(FloatVector.fromArray(S, v, vi + k), s0);
        float sum = s0.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
        for (; k < len; k++) sum += u[ui + k] * v[vi + k];
        return sum;
    }

    // ---------------------------------------------------------------- backward data

    @Override
    public void backwardData(ConvGeometry g, float[] dy, float[] w, float[] dx) {
        int k = g.kd();
        boolean cubic = g.kh() == k && g.kw() == k;
        boolean sameSize = g.outD() == g.inD() && g.outH() == g.inH() && g.outW() == g.inW();
        if (g.stride() == 1 && cubic && g.pad() <= k - 1 && (g.padding() == Padding.ZERO || sameSize)) {
            backwardDataAsForward(g, dy, w, dx);
        } else {
            backwardDataByTaps(g, dy, w, dx);
        }
    }

    /**
     * Stride 1: dx[p, i] += sum_{t, o} dy[p - t + pad, o] * w[t, i, o] is the forward convolution of dy with the
     * kernel flipped in space and transposed in channels, w'[k-1-t][o][i], padding pad' = k-1-pad (circular
     * padding is only taken here when the output grid equals the input grid, pad' = pad).
     */
    static void backwardDataAsForward(ConvGeometry g, float[] dy, float[] w, float[] dx) {
        int k = g.kd(), cin = g.cin(), cout = g.cout(), cinP = roundUp(cin), taps = k * k * k;
        ConvGeometry t = ConvGeometry.of(g.batch(), g.outD(), g.outH(), g.outW(), cout, cin, k, 1, k - 1 - g.pad(), g.padding());
        float[] wf = new float[taps * cout * cinP];
        for (int tap = 0; tap < taps; tap++)
            for (int i = 0; i < cin; i++)
                for (int o = 0; o < cout; o++)
                    wf[((taps - 1 - tap) * cout + o) * cinP + i] = w[(tap * cin + i) * cout + o];
        conv(t, dy, wf, null, dx, true);
    }

    /**
     * Any geometry: dxp[n, z*s+a, r*s+b, c*s+e, i-block] += sum_o dy[n,z,r,c,o] * w[a,b,e, i-block, o], one tap
     * plane a at a time (within a plane, different (n, z) write different padded planes), then dx += fold(dxp).
     * Kernel 2 stride 2 writes every input voxel once: one small matrix product per tap, straight into dx.
     */
    static void backwardDataByTaps(ConvGeometry g, float[] dy, float[] w, float[] dx) {
        int cin = g.cin(), cout = g.cout(), cinP = roundUp(cin), s = g.stride();
        int kd = g.kd(), kh = g.kh(), kw = g.kw(), taps = kd * kh * kw;
        int Dp = Padded.padD(g), Hp = Padded.padH(g), Wp = Padded.padW(g);
        int oD = g.outD(), oH = g.outH(), oW = g.outW();
        boolean direct = g.pad() == 0 && cinP == cin;
        float[] dxp = direct ? dx : Scratch.get(Scratch.SECOND, Padded.size(g, cinP));
        if (!direct) Arrays.fill(dxp, 0, Padded.size(g, cinP), 0f);
        float[] wt = new float[taps * cout * cinP]; // wt[t][o][i]
        for (int tap = 0; tap < taps; tap++)
            for (int i = 0; i < cin; i++)
                for (int o = 0; o < cout; o++) wt[(tap * cout + o) * cinP + i] = w[(tap * cin + i) * cout + o];
        int[] single = {0};
        for (int a = 0; a < kd; a++) {
            final int fa = a;
            Parallel.forChunks(g.batch() * oD, Parallel.threads(), (chunk, from, to) -> {
                for (int nz = from; nz < to; nz++) {
                    int n = nz / oD, z = nz % oD;
                    for (int r = 0; r < oH; r++) {
                        int dyBase = (nz * oH + r) * oW * cout;
                        for (int b = 0; b < kh; b++)
                            for (int e = 0; e < kw; e++) {
                                int outBase = (((n * Dp + z * s + fa) * Hp + r * s + b) * Wp + e) * cinP;
                                int wBase = ((fa * kh + b) * kw + e) * cout * cinP;
                                int ib = 0;
                                for (; ib + 2 * L <= cinP; ib += 2 * L)
                                    tiles2(dy, single, dyBase, cout, cout, wt, wBase, cinP, ib, dxp, outBase, s * cinP, oW);
                                for (; ib < cinP; ib += L)
                                    tiles(dy, single, dyBase, cout, cout, wt, wBase, cinP, ib, dxp, outBase, s * cinP, oW);
                            }
                    }
                }
            });
        }
        if (!direct) Padded.fold(g, dxp, cinP, dx, cin);
    }

    // ---------------------------------------------------------------- backward weights

    /**
     * dw[(a,b),(e,i), o-block] += sum_q xp[q*s + (a,b,e), i] * dy[q, o-block]: blocks of 8 consecutive (e,i)
     * accumulate in registers along one output row, over a few cache-resident rows at a time. Fixed partition: one partial per chunk of
     * rows, added in chunk order.
     */
    @Override
    public void backwardWeights(ConvGeometry g, float[] x, float[] dy, float[] dw, float[] dbias) {
        int cin = g.cin(), cout = g.cout(), coutP = roundUp(cout), s = g.stride();
        int Dp = Padded.padD(g), Hp = Padded.padH(g), Wp = Padded.padW(g);
        int oD = g.outD(), oH = g.outH(), oW = g.outW(), run = g.kw() * cin, kd = g.kd(), kh = g.kh();
        float[] xp = ScalarConv3d.paddedInput(g, x);
        boolean w3 = s == 1 && g.kw() == 3;
        int rows = g.batch() * oD * oH, K = kd * kh * run;
        int chunks = Math.max(1, Math.min(rows, Parallel.threads()));
        float[][] part = new float[chunks][K * coutP];
        float[][] partBias = new float[chunks][coutP];
        int rowLen = (oW + 2) * coutP; // a row of dy, channels padded to coutP, two zero voxels at the end
        final int block = Math.max(1, 4096 / (oW * (cin + coutP))); // rows per cache block: ~16 KB of x and dy rows
        Parallel.forChunks(rows, chunks, (chunk, from, to) -> {
            float[] pw = part[chunk], pb = partBias[chunk];
            float[] dys = new float[block * rowLen]; // this block's dy rows (zeros stay zeros)
            for (int r0 = from; r0 < to; r0 += block) {
                int r1 = Math.min(to, r0 + block);
                for (int row = r0; row < r1; row++)
                    for (int c = 0; c < oW; c++) {
                        System.arraycopy(dy, (row * oW + c) * cout, dys, (row - r0) * rowLen + c * coutP, cout);
                        if (dbias != null) for (int o = 0; o < cout; o++) pb[o] += dy[(row * oW + c) * cout + o];
                    }
                for (int a = 0; a < kd; a++)
                    for (int b = 0; b < kh; b++) {
                        int tapOff = (a * Hp + b) * Wp * cin, wb = (a * kh + b) * run;
                        int pairs = w3 ? coutP / (2 * L) * (2 * L) : 0; // lane-block pairs take rowOuter2x2
                        for (int row = r0; row < r1; row++) {
                            int n = row / (oD * oH), z = row / oH % oD, r = row % oH;
                            int xi = ((n * Dp + z * s) * Hp + r * s) * Wp * cin + tapOff;
                            for (int ob = 0; ob < pairs; ob += 2 * L) {
                                int di = (row - r0) * rowLen + ob, k = 0;
                                for (; k + 2 <= cin; k += 2)
                                    rowOuter2x2(xp, xi + k, cin, dys, di, coutP, oW, pw, (wb + k) * coutP + ob);
                                for (; k < cin; k++)
                                    for (int e = 0; e < 3; e++)
                                        for (int h = 0; h < 2 * L; h += L)
                                            outer1(xp, xi + e * cin + k, cin, dys, di + h, coutP, oW, pw, (wb + e * cin + k) * coutP + ob + h);
                            }
                        }
                        for (int ob = pairs; ob < coutP; ob += L)
                            for (int row = r0; row < r1; row++) {
                                int n = row / (oD * oH), z = row / oH % oD, r = row % oH;
                                int xi = ((n * Dp + z * s) * Hp + r * s) * Wp * cin + tapOff;
                                int di = (row - r0) * rowLen + ob;
                                int k = 0;
                                if (w3) {
                                    for (; k + 4 <= cin; k += 4)
                                        rowOuter4(xp, xi + k, cin, dys, di, coutP, oW, pw, (wb + k) * coutP + ob);
                                    for (; k + 2 <= cin; k += 2)
                                        rowOuter2(xp, xi + k, cin, dys, di, coutP, oW, pw, (wb + k) * coutP + ob);
                                    for (; k < cin; k++)
                                        for (int e = 0; e < 3; e++)
                                            outer1(xp, xi + e * cin + k, cin, dys, di, coutP, oW, pw, (wb + e * cin + k) * coutP + ob);
                                    continue;
                                }
                                for (; k + 8 <= run; k += 8)
                                    outer8(xp, xi + k, s * cin, dys, di, coutP, oW, pw, (wb + k) * coutP + ob);
                                for (; k < run; k++)
                                    outer1(xp, xi + k, s * cin, dys, di, coutP, oW, pw, (wb + k) * coutP + ob);
                            }
                    }
            }
        });
        for (int j = 0; j < chunks; j++) {
            float[] pw = part[j];
            for (int kk = 0; kk < K; kk++)
                for (int o = 0; o < cout; o++) dw[kk * cout + o] += pw[kk * coutP + o];
            if (dbias != null) for (int o = 0; o < cout; o++) dbias[o] += partBias[j][o];
        }
    }

    /**
     * Kernel width 3, stride 1, input channels i..i+3 of one output row: for e < 3 and m < 4,
     * pw[pi + (e*cin + m)*coutP .. +L] += sum_{c < oW} xp[xi + (c+e)*cin + m] * dys[di + c*coutP .. +L].
     * Walking the padded positions p = c + e, each broadcast xp[p] feeds the three taps (dy[p], dy[p-1], dy[p-2]
     * held in rotating registers): 12 FMAs per 5 loads. dys holds two zero voxels past the row's end.
     */
    static void rowOuter4(float[] xp, int xi, int cin, float[] dys, int di, int coutP, int oW, float[] pw, int pi) {
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
        for (int p = 0; p < oW + 2; p++) {
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
    static void rowOuter2x2(float[] xp, int xi, int cin, float[] dys, int di, int coutP, int oW, float[] pw, int pi) {
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
        for (int p = 0; p < oW + 2; p++) {
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

    /** {@link #rowOuter4} for two input channels. */
    static void rowOuter2(float[] xp, int xi, int cin, float[] dys, int di, int coutP, int oW, float[] pw, int pi) {
        FloatVector a00 = FloatVector.fromArray(S, pw, pi + (0 * cin + 0) * coutP);
        FloatVector a01 = FloatVector.fromArray(S, pw, pi + (0 * cin + 1) * coutP);
        FloatVector a10 = FloatVector.fromArray(S, pw, pi + (1 * cin + 0) * coutP);
        FloatVector a11 = FloatVector.fromArray(S, pw, pi + (1 * cin + 1) * coutP);
        FloatVector a20 = FloatVector.fromArray(S, pw, pi + (2 * cin + 0) * coutP);
        FloatVector a21 = FloatVector.fromArray(S, pw, pi + (2 * cin + 1) * coutP);
        FloatVector d1 = FloatVector.zero(S), d2 = FloatVector.zero(S); // dy[p-1], dy[p-2]
        for (int p = 0; p < oW + 2; p++) {
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
