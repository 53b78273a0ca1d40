package rln.kernels;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import rln.util.Parallel;

/**
 * The fast float kernels: a register-blocked direct convolution with the Vector API.
 *
 * <p>All three maps are built from register-blocked micro-kernels ({@link VectorTiles}, {@link VectorOuterProducts}):
 * a few output voxels, each holding one vector of {@code L} output channels in a register, updated by
 * {@code acc_j += broadcast(in[j]) * wvec} (or, for the weight gradient, {@code acc_k += broadcast(x[k]) * dyvec}).
 * With padding done once into a scratch copy ({@link Padded}), the reduction over (e, i) is one contiguous run
 * of kw*cin floats in both the padded input and the repacked weights, for any stride:
 * <pre>
 *   forward:        y[q, o-block]     = bias + sum_{a,b} sum_{(e,i)} xp[q*s + (a,b,e), i] * w[a,b,e,i, o-block]
 *   backward data:  stride 1: the forward map of dy with the flipped, transposed kernel (pad' = k-1-pad);
 *                   otherwise dxp[q*s + t, i-block] += sum_o dy[q,o] * w[t, i-block, o] one tap plane at a time
 *                   (e.g. kernel 2 stride 2: non-overlapping taps, one small matrix product per tap)
 *   backward weights: dw[(a,b),(e,i), o-block] += sum_q xp[q*s + (a,b,e), i] * dy[q, o-block]
 * </pre>
 * Kernel width 3 at stride 1 (every 3^3 layer) lets one broadcast feed the three taps along W; 2L output channels
 * let it feed two lane blocks. Channel counts that are not a multiple of {@code L} are padded with zero lanes in
 * the repacked weights and in a per-row buffer; fewer than L/2 output channels (the 16 -> 1 layer) instead take
 * dot products over the input channels.
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
            if (g.kd() == 1 && g.kh() == 1 && g.kw() == 1 && g.stride() == 1 && g.pad() == 0) forwardPointwiseThin(g, x, w, bias, y);
            else forwardThin(g, x, w, bias, y);
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
        conv(g, x, wp, bias, y, accumulate, true);
    }

    /**
     * {@link #conv}; with {@code shapePaths} false, without the path for few output channels (voxel lanes), which
     * computes the same floats: for the test that holds it to it.
     */
    static void conv(ConvGeometry g, float[] x, float[] wp, float[] bias, float[] y, boolean accumulate, boolean shapePaths) {
        int cin = g.cin(), cout = g.cout(), coutP = roundUp(cout), s = g.stride();
        if (shapePaths && VectorVoxelLanes.applies(g)) { // few output channels (backward data of 6 -> 16): lanes over voxels
            VectorVoxelLanes.conv(g, x, wp, coutP, bias, y, accumulate);
            return;
        }
        int Dp = Padded.padD(g), Hp = Padded.padH(g), Wp = Padded.padW(g);
        float[] xp = ScalarConv3d.paddedInput(g, x);
        int oD = g.outD(), oH = g.outH(), oW = g.outW(), run = g.kw() * cin;
        int[] tapOff = new int[g.kd() * g.kh()];
        for (int a = 0; a < g.kd(); a++)
            for (int b = 0; b < g.kh(); b++) tapOff[a * g.kh() + b] = (a * Hp + b) * Wp * cin;
        boolean direct = cout == coutP, w3 = s == 1 && g.kw() == 3;
        int[] xo = new int[w3 ? tapOff.length * cin : 0], wo = new int[xo.length]; // the steps of VectorTiles.tilesW3
        if (w3)
            for (int t = 0; t < tapOff.length; t++)
                for (int i = 0; i < cin; i++) {
                    xo[t * cin + i] = tapOff[t] + i;
                    wo[t * cin + i] = t * run + i;
                }
        float[] biasP = new float[coutP];
        if (bias != null) System.arraycopy(bias, 0, biasP, 0, cout);
        int rows = g.batch() * oD * oH, rowRun = ((oW - 1) * s + g.kw()) * cin; // the floats of a tap row of one output row
        Parallel.forChunks(rows, 16 * Parallel.threads(), (chunk, from, to) -> {
            float[] buf = direct ? null : new float[oW * coutP];
            float touched = 0;
            for (int row = from; row < to; row++) {
                int n = row / (oD * oH), z = row / oH % oD, r = row % oH;
                int inBase = ((n * Dp + z * s) * Hp + r * s) * Wp * cin;
                if (s > 1 && row + Prefetch.DIST < rows) { // strided: every input row is new (not in cache): prefetch a later row's
                    int ahead = row + Prefetch.DIST, an = ahead / (oD * oH), az = ahead / oH % oD, ar = ahead % oH;
                    int aBase = ((an * Dp + az * s) * Hp + ar * s) * Wp * cin;
                    for (int off : tapOff) touched += Prefetch.lines(xp, aBase + off, rowRun);
                }
                int yb = row * oW * cout;
                float[] out = direct ? y : buf;
                int outBase = direct ? yb : 0;
                // Initial values: the bias (zero lanes beyond cout), or what y holds when accumulating.
                if (!accumulate)
                    for (int c = 0; c < oW; c++) System.arraycopy(biasP, 0, out, outBase + c * coutP, coutP);
                else if (!direct)
                    for (int c = 0; c < oW; c++) {
                        System.arraycopy(y, yb + c * cout, buf, c * coutP, cout);
                        Arrays.fill(buf, c * coutP + cout, (c + 1) * coutP, 0f);
                    }
                int ob = 0;
                for (; ob + 2 * L <= coutP; ob += 2 * L)
                    VectorTiles.tiles2(xp, tapOff, inBase, s * cin, run, wp, 0, coutP, ob, out, outBase, coutP, oW);
                for (; ob < coutP; ob += L)
                    if (w3) VectorTiles.tilesW3(xp, tapOff, xo, wo, inBase, cin, wp, coutP, ob, out, outBase, coutP, oW);
                    else VectorTiles.tiles(xp, tapOff, inBase, s * cin, run, wp, 0, coutP, ob, out, outBase, coutP, oW);
                if (!direct)
                    for (int c = 0; c < oW; c++) System.arraycopy(buf, c * coutP, y, yb + c * cout, cout);
            }
            Prefetch.keep(touched);
        });
    }

    /**
     * cout < L/2 with any other kernel: y[q,o] = bias[o] + sum_{a,b} dot(xp[q*s + (a,b), run], w^T[o, a,b, run]),
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
        Parallel.forChunks(g.batch() * oD * oH, 16 * Parallel.threads(), (chunk, from, to) -> {
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

    /**
     * cout < L/2 and a 1x1x1 kernel (the 16 -> 1 output layer): y[q,o] = bias[o] + sum_i x[q,i] * w[i,o] with the
     * lanes over L consecutive voxels q. Each row's block of voxels is first transposed into xt[i][q] (scalar
     * copies), so the sum over i is L-wide FMAs with a broadcast weight and no horizontal reduction per voxel.
     */
    static void forwardPointwiseThin(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y) {
        int cin = g.cin(), cout = g.cout(), voxels = g.batch() * g.outD() * g.outH() * g.outW();
        int blocks = (voxels + L - 1) / L;
        Parallel.forChunks(blocks, 16 * Parallel.threads(), (chunk, from, to) -> {
            float[] xt = new float[cin * L], yt = new float[L];
            for (int blk = from; blk < to; blk++) {
                int q0 = blk * L, m = Math.min(L, voxels - q0);
                for (int j = 0; j < m; j++)
                    for (int i = 0; i < cin; i++) xt[i * L + j] = x[(q0 + j) * cin + i];
                for (int j = m; j < L; j++)
                    for (int i = 0; i < cin; i++) xt[i * L + j] = 0f;
                for (int o = 0; o < cout; o++) {
                    FloatVector acc = FloatVector.broadcast(S, bias == null ? 0f : bias[o]);
                    for (int i = 0; i < cin; i++)
                        acc = FloatVector.fromArray(S, xt, i * L).fma(FloatVector.broadcast(S, w[i * cout + o]), acc);
                    acc.intoArray(yt, 0);
                    for (int j = 0; j < m; j++) y[(q0 + j) * cout + o] = yt[j];
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
        int cin = g.cin(), cinP = roundUp(cin);
        boolean direct = g.pad() == 0 && cinP == cin;
        float[] dxp = direct ? dx : Scratch.get(Scratch.SECOND, Padded.size(g, cinP));
        if (!direct) Arrays.fill(dxp, 0, Padded.size(g, cinP), 0f);
        float[] wt = tapMajor(g, w);
        for (int a = 0; a < g.kd(); a++) {
            final int fa = a;
            Parallel.forChunks(g.batch() * g.outD(), 4 * Parallel.threads(), (chunk, from, to) -> {
                float touched = 0;
                for (int nz = from; nz < to; nz++)
                    for (int r = 0; r < g.outH(); r++) {
                        touched += touchTapRows(g, dy, dxp, nz * g.outH() + r + Prefetch.DIST, fa, fa + 1);
                        for (int b = 0; b < g.kh(); b++) tapRow(g, dy, wt, dxp, nz, r, fa, b);
                    }
                Prefetch.keep(touched);
            });
        }
        if (!direct) Padded.fold(g, dxp, cinP, dx, cin);
    }

    /**
     * The transposed convolution's forward map with its bias. For kernel = stride and no padding (the up-sampling
     * layer: every output voxel comes from one tap) in one pass over y: each output voxel is one tap's matrix product
     * sum_o dy[n,z,r,c,o] * w[a,b,e][o][:], summed in registers from zero and stored once ({@link VectorTiles#tile12x2}
     * fromZero), then the bias is added to the row while it is in cache; the same floats as the three passes of the
     * default (zero y, backward data, add the bias). Rows of other lengths or channel counts: zeroed, their taps e, then
     * their bias.
     */
    @Override
    public void transposedForward(ConvGeometry g, float[] dy, float[] w, float[] bias, float[] y) {
        int s = g.stride(), cin = g.cin(), cout = g.cout(), rowLen = g.inW() * cin, oW = g.outW();
        if (g.kd() != s || g.kh() != s || g.kw() != s || g.pad() != 0 || roundUp(cin) != cin) {
            Conv3dKernels.super.transposedForward(g, dy, w, bias, y);
            return;
        }
        boolean inRegisters = cin % (2 * L) == 0 && oW % 6 == 0;
        float[] wt = tapMajor(g, w);
        Parallel.forChunks(g.batch() * g.outD(), 4 * Parallel.threads(), (chunk, from, to) -> {
            float touched = 0;
            for (int nz = from; nz < to; nz++) {
                int n = nz / g.outD(), z = nz % g.outD();
                for (int r = 0; r < g.outH(); r++) {
                    touched += touchTapRows(g, dy, y, nz * g.outH() + r + Prefetch.DIST, 0, s);
                    int dyBase = (nz * g.outH() + r) * oW * cout;
                    for (int a = 0; a < s; a++)
                        for (int b = 0; b < s; b++) {
                            int row = ((n * g.inD() + z * s + a) * g.inH() + r * s + b) * rowLen;
                            if (inRegisters) {
                                for (int e = 0; e < s; e++) {
                                    int wBase = ((a * s + b) * s + e) * cout * cin;
                                    for (int ib = 0; ib < cin; ib += 2 * L) {
                                        int c = 0;
                                        for (; c + 12 <= oW && VectorTiles.wideTiles; c += 12)
                                            VectorTiles.tile12x2(dy, dyBase + c * cout, cout, cout, wt, wBase + ib, cin, y, row + (c * s + e) * cin + ib, s * cin, true);
                                        for (; c < oW; c += 6)
                                            VectorTiles.tile6x2(dy, dyBase + c * cout, cout, cout, wt, wBase + ib, cin, y, row + (c * s + e) * cin + ib, s * cin, true);
                                    }
                                }
                                if (bias != null) // y += bias over the row while it is in cache, one float addition per value as below
                                    for (int v = row; v < row + rowLen; v += cin)
                                        for (int ib = 0; ib < cin; ib += L)
                                            FloatVector.fromArray(S, y, v + ib).add(FloatVector.fromArray(S, bias, ib)).intoArray(y, v + ib);
                                continue;
                            }
                            Arrays.fill(y, row, row + rowLen, 0f);
                            tapRow(g, dy, wt, y, nz, r, a, b);
                            if (bias != null)
                                for (int v = row; v < row + rowLen; v += cin)
                                    for (int i = 0; i < cin; i++) y[v + i] += bias[i];
                        }
                }
            }
            Prefetch.keep(touched);
        });
    }

    /**
     * {@link Prefetch} for the tap rows of output row q = nz*outH + r (if it exists): the dy row it reads and the rows
     * of dxp it writes for the tap planes a0 <= a < a1 and every b (each voxel of a stride-2 layer is written once, so
     * these rows are not in cache).
     */
    private static float touchTapRows(ConvGeometry g, float[] dy, float[] dxp, int q, int a0, int a1) {
        if (q >= g.batch() * g.outD() * g.outH()) return 0;
        int s = g.stride(), cinP = roundUp(g.cin()), oD = g.outD(), oW = g.outW(), nz = q / g.outH(), r = q % g.outH();
        int Dp = Padded.padD(g), Hp = Padded.padH(g), Wp = Padded.padW(g), n = nz / oD, z = nz % oD;
        int len = ((oW - 1) * s + g.kw()) * cinP;
        float t = Prefetch.lines(dy, q * oW * g.cout(), oW * g.cout());
        for (int a = a0; a < a1; a++)
            for (int b = 0; b < g.kh(); b++) t += Prefetch.lines(dxp, ((n * Dp + z * s + a) * Hp + r * s + b) * Wp * cinP, len);
        return t;
    }

    /** The weights as wt[t][o][i] (input channels padded to a lane multiple): rows of one tap and output channel. */
    private static float[] tapMajor(ConvGeometry g, float[] w) {
        int cin = g.cin(), cout = g.cout(), cinP = roundUp(cin), taps = g.kd() * g.kh() * g.kw();
        float[] wt = new float[taps * cout * cinP];
        for (int tap = 0; tap < taps; tap++)
            for (int i = 0; i < cin; i++)
                for (int o = 0; o < cout; o++) wt[(tap * cout + o) * cinP + i] = w[(tap * cin + i) * cout + o];
        return wt;
    }

    /** The taps (a, b, e < kw) of output row (nz, r): dxp[n, z*s+a, r*s+b, c*s+e, :] += sum_o dy[n,z,r,c,o] * wt[a,b,e][o][:]. */
    private static void tapRow(ConvGeometry g, float[] dy, float[] wt, float[] dxp, int nz, int r, int a, int b) {
        int cout = g.cout(), cinP = roundUp(g.cin()), s = g.stride(), kh = g.kh(), kw = g.kw(), oD = g.outD(), oW = g.outW();
        int Dp = Padded.padD(g), Hp = Padded.padH(g), Wp = Padded.padW(g), n = nz / oD, z = nz % oD;
        int dyBase = (nz * g.outH() + r) * oW * cout;
        for (int e = 0; e < kw; e++) {
            int outBase = (((n * Dp + z * s + a) * Hp + r * s + b) * Wp + e) * cinP;
            int wBase = ((a * kh + b) * kw + e) * cout * cinP;
            int ib = 0;
            for (; ib + 2 * L <= cinP; ib += 2 * L)
                VectorTiles.tiles2(dy, SINGLE, dyBase, cout, cout, wt, wBase, cinP, ib, dxp, outBase, s * cinP, oW);
            for (; ib < cinP; ib += L)
                VectorTiles.tiles(dy, SINGLE, dyBase, cout, cout, wt, wBase, cinP, ib, dxp, outBase, s * cinP, oW);
        }
    }

    private static final int[] SINGLE = {0};

    // ---------------------------------------------------------------- backward weights

    /**
     * dw[(a,b),(e,i), o-block] += sum_q xp[q*s + (a,b,e), i] * dy[q, o-block]: blocks of 8 consecutive (e,i)
     * accumulate in registers along one output row, over a few cache-resident rows at a time; for kernel width 3 at
     * stride 1, along a run of consecutive rows of one plane ({@link #rowRunOuter}: the accumulators stay in
     * registers from row to row instead of going through the partial, which is larger than L1, once per row; the same
     * FMAs in the same order, so the same floats). Fixed partition: one partial per chunk of rows, added in chunk order.
     */
    @Override
    public void backwardWeights(ConvGeometry g, float[] x, float[] dy, float[] dw, float[] dbias) {
        backwardWeights(g, x, dy, dw, dbias, 0);
    }

    /** {@link #backwardWeights} with {@code blockRows} rows per cache block (0: the default): for the test that holds the row runs to one row per call. */
    static void backwardWeights(ConvGeometry g, float[] x, float[] dy, float[] dw, float[] dbias, int blockRows) {
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
        // Rows per cache block: ~16 KB of x and dy rows; kernel width 3 (whole runs of rows per call): ~40 KB, which
        // stays in L1 while the calls for one tap plane sweep it (measured best among 1, 3, 6, 12 rows).
        final int block = blockRows > 0 ? blockRows : w3 ? Math.max(1, 10240 / ((oW + 2) * (cin + coutP))) : Math.max(1, 4096 / (oW * (cin + coutP)));
        int rowRun = ((oW - 1) * s + g.kw()) * cin; // the floats of a tap row of one output row
        Parallel.forChunks(rows, chunks, (chunk, from, to) -> {
            float[] pw = part[chunk], pb = partBias[chunk];
            float[] dys = new float[block * rowLen]; // this block's dy rows (zeros stay zeros)
            float touched = 0;
            for (int r0 = from; r0 < to; r0 += block) {
                int r1 = Math.min(to, r0 + block);
                if (!w3) // strided: every input row is new (not in cache): prefetch the next block's rows of x and dy
                    for (int row = r1; row < Math.min(to, r1 + block); row++) {
                        int n = row / (oD * oH), z = row / oH % oD, r = row % oH;
                        int xi = ((n * Dp + z * s) * Hp + r * s) * Wp * cin;
                        for (int a = 0; a < kd; a++)
                            for (int b = 0; b < kh; b++) touched += Prefetch.lines(xp, xi + (a * Hp + b) * Wp * cin, rowRun);
                        touched += Prefetch.lines(dy, row * oW * cout, oW * cout);
                    }
                for (int row = r0; row < r1; row++)
                    for (int c = 0; c < oW; c++) {
                        System.arraycopy(dy, (row * oW + c) * cout, dys, (row - r0) * rowLen + c * coutP, cout);
                        if (dbias != null) for (int o = 0; o < cout; o++) pb[o] += dy[(row * oW + c) * cout + o];
                    }
                for (int a = 0; a < kd; a++)
                    for (int b = 0; b < kh; b++) {
                        int tapOff = (a * Hp + b) * Wp * cin, wb = (a * kh + b) * run;
                        if (w3) { // runs of consecutive rows of one plane, one call each (VectorOuterProducts.rowOuter4)
                            for (int q0 = r0, q1; q0 < r1; q0 = q1) {
                                q1 = Math.min(r1, q0 - q0 % oH + oH);
                                int n = q0 / (oD * oH), z = q0 / oH % oD, r = q0 % oH;
                                int xi = ((n * Dp + z) * Hp + r) * Wp * cin + tapOff, di = (q0 - r0) * rowLen;
                                rowRunOuter(xp, xi, cin, dys, di, coutP, oW, q1 - q0, pw, wb);
                            }
                            continue;
                        }
                        for (int ob = 0; ob < coutP; ob += L)
                            for (int row = r0; row < r1; row++) {
                                int n = row / (oD * oH), z = row / oH % oD, r = row % oH;
                                int xi = ((n * Dp + z * s) * Hp + r * s) * Wp * cin + tapOff;
                                int di = (row - r0) * rowLen + ob;
                                int k = 0;
                                for (; k + 8 <= run; k += 8)
                                    VectorOuterProducts.outer8(xp, xi + k, s * cin, dys, di, coutP, oW, pw, (wb + k) * coutP + ob);
                                for (; k < run; k++)
                                    VectorOuterProducts.outer1(xp, xi + k, s * cin, dys, di, coutP, oW, pw, (wb + k) * coutP + ob);
                            }
                    }
            }
            Prefetch.keep(touched);
        });
        for (int j = 0; j < chunks; j++) {
            float[] pw = part[j];
            for (int kk = 0; kk < K; kk++)
                for (int o = 0; o < cout; o++) dw[kk * cout + o] += pw[kk * coutP + o];
            if (dbias != null) for (int o = 0; o < cout; o++) dbias[o] += partBias[j][o];
        }
    }

    /**
     * Kernel width 3, stride 1: the weight gradient of one tap plane (a, b) over {@code rows} consecutive output rows
     * of one (n, z) plane, starting at padded input xp[xi] and dy row dys[di]: lane-block pairs take
     * {@link VectorOuterProducts#rowOuter2x2}, single blocks rowOuter4 / rowOuter2, over all the rows' positions in
     * one call (without {@link VectorTiles#wideTiles}: single blocks, rowOuter3 and rowOuter2); an odd last input channel
     * takes outer1 row by row.
     */
    private static void rowRunOuter(float[] xp, int xi, int cin, float[] dys, int di, int coutP, int oW, int rows, float[] pw, int wb) {
        boolean wide = VectorTiles.wideTiles; // with 16 vector registers: single blocks, three input channels at a time
        int len = rows * (oW + 2), pairs = wide ? coutP / (2 * L) * (2 * L) : 0, rowLen = (oW + 2) * coutP;
        // without wideTiles, single blocks take input channels three at a time (rowOuter3), then in pairs: an even
        // number of triples (16 = 4 * 3 + 2 * 2), so that an odd last channel, and only that, is left to outer1, as
        // with wideTiles (the same FMAs in the same order for every accumulator: the same floats)
        int triples = wide ? 0 : 3 * (cin / 3 & ~1);
        for (int ob = 0; ob < pairs; ob += 2 * L) {
            int k = 0;
            for (; k + 2 <= cin; k += 2)
                VectorOuterProducts.rowOuter2x2(xp, xi + k, cin, dys, di + ob, coutP, len, pw, (wb + k) * coutP + ob);
            if (k < cin)
                for (int row = 0; row < rows; row++)
                    for (int e = 0; e < 3; e++)
                        for (int h = 0; h < 2 * L; h += L)
                            VectorOuterProducts.outer1(xp, xi + row * (oW + 2) * cin + e * cin + k, cin, dys, di + row * rowLen + ob + h, coutP, oW, pw, (wb + e * cin + k) * coutP + ob + h);
        }
        for (int ob = pairs; ob < coutP; ob += L) {
            int k = 0;
            for (; k + 4 <= cin && wide; k += 4)
                VectorOuterProducts.rowOuter4(xp, xi + k, cin, dys, di + ob, coutP, len, pw, (wb + k) * coutP + ob);
            for (; k < triples; k += 3)
                VectorOuterProducts.rowOuter3(xp, xi + k, cin, dys, di + ob, coutP, len, pw, (wb + k) * coutP + ob);
            for (; k + 2 <= cin; k += 2)
                VectorOuterProducts.rowOuter2(xp, xi + k, cin, dys, di + ob, coutP, len, pw, (wb + k) * coutP + ob);
            if (k < cin)
                for (int row = 0; row < rows; row++)
                    for (int e = 0; e < 3; e++)
                        VectorOuterProducts.outer1(xp, xi + row * (oW + 2) * cin + e * cin + k, cin, dys, di + row * rowLen + ob, coutP, oW, pw, (wb + e * cin + k) * coutP + ob);
        }
    }
}
