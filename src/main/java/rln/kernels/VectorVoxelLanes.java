package rln.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import rln.util.Parallel;

/**
 * {@link VectorConv3d#conv} for at most six output channels, stride 1 and kernel width 3, with the lanes over
 * voxels instead of channels. (With the lanes over channels, six channels would fill 6 of 16 lanes: this is the
 * backward-data map of the 6 -> 16 input layer, the forward map of dy with the flipped kernel, 16 -> 6.)
 * <p>
 * The padded input is transposed per plane and channel, {@code xt[n][zp][i][rp*Wp + cp]}, so that for 16
 * consecutive output positions q = r*Wp + c of a plane (the positions c >= oW past each row's end are computed
 * and dropped) every tap (a, b, e) reads 16 consecutive floats, {@code xt[n][z+a][i][q + b*Wp + e]}:
 * <pre>
 *   y[q, ch] (+)= sum_{(a,b)} sum_i sum_{e<3} xp[z+a, q + b*Wp + e, i] * w[a,b,e,i, ch]     one vector of 16 q per channel ch
 * </pre>
 * Each output element receives the same FMAs in the same order as in {@link VectorTiles#rowTile12} (for each tap
 * (a, b), for each i, for e = 0, 1, 2: acc = fma(x, w, acc), from the bias or the value accumulated onto), so
 * the result is the same to the bit, as long as those row kernels would have taken every voxel of a row:
 * {@link #applies} asks for oW divisible by 4.
 */
final class VectorVoxelLanes {
    private VectorVoxelLanes() {}

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length(), L2 = 2 * L;
    /** Output channels held in registers (fewer get zero weights). */
    static final int CH = 6;

    /** True if {@link #conv} computes what {@link VectorConv3d#conv} computes for {@code g}, bit for bit. */
    static boolean applies(ConvGeometry g) {
        // cout <= L: the row kernels (not the two-block tiles) take the only lane block
        return g.stride() == 1 && g.kw() == 3 && g.cout() <= CH && g.cout() <= L && g.outW() % 4 == 0;
    }

    /**
     * y (+)= conv(x, wp) (+ bias), as {@link VectorConv3d#conv} with weights wp[a,b,e,i][coutP] (channels beyond
     * cout ignored). Overwrites y (bias or zero first) unless {@code accumulate}, then adds to it.
     */
    static void conv(ConvGeometry g, float[] x, float[] wp, int coutP, float[] bias, float[] y, boolean accumulate) {
        int cin = g.cin(), cout = g.cout(), kd = g.kd(), kh = g.kh();
        int Dp = Padded.padD(g), Hp = Padded.padH(g), Wp = Padded.padW(g), plane = Hp * Wp;
        int oD = g.outD(), oH = g.outH(), oW = g.outW(), pairs = (oH * Wp + L2 - 1) / L2; // positions q = r*Wp + c, 2L at a time
        float[] xt = Scratch.get(Scratch.PADDED_INPUT, g.batch() * Dp * cin * plane + plane + L2);
        transposedPad(g, x, xt);
        int taps = kd * kh, rows = taps * 3 * cin;
        float[] wv = new float[rows * CH]; // wv[(a,b),e,i][ch]
        for (int r = 0; r < rows; r++)
            for (int ch = 0; ch < cout; ch++) wv[r * CH + ch] = wp[r * coutP + ch];
        int[] yOff = new int[pairs * L2]; // per position q of a plane: the offset of its output voxel in the plane, or -1
        for (int q = 0; q < yOff.length; q++) yOff[q] = q / Wp < oH && q % Wp < oW ? (q / Wp * oW + q % Wp) * cout : -1;
        Parallel.forChunks(g.batch() * oD, 16 * Parallel.threads(), (chunk, from, to) -> {
            float[] acc = new float[CH * L2];
            for (int nz = from; nz < to; nz++) {
                int n = nz / oD, z = nz % oD, base = (n * Dp + z) * cin * plane, yb = nz * oH * oW * cout;
                for (int q0 = 0; q0 < yOff.length; q0 += L2) {
                    for (int j = 0; j < L2; j++) { // the initial values, transposed: acc[ch][j] for position q0 + j
                        int yi = yOff[q0 + j];
                        for (int ch = 0; ch < CH; ch++)
                            acc[ch * L2 + j] = yi < 0 || ch >= cout ? 0f : accumulate ? y[yb + yi + ch] : bias == null ? 0f : bias[ch];
                    }
                    for (int a = 0; a < kd; a++) // the taps (a, b) in order; the accumulators go through acc between them
                        for (int b = 0; b < kh; b++)
                            tile6x2(xt, base + a * cin * plane + b * Wp + q0, plane, cin, wv, (a * kh + b) * 3 * cin * CH, cin * CH, acc);
                    for (int j = 0; j < L2; j++) {
                        int yi = yOff[q0 + j];
                        if (yi >= 0) for (int ch = 0; ch < cout; ch++) y[yb + yi + ch] = acc[ch * L2 + j];
                    }
                }
            }
        });
    }

    /** xt[n][zp][i][rp*Wp + cp] = padded x[n][zp][rp][cp][i] (the layout of {@link Padded#pad}, transposed per plane). */
    static void transposedPad(ConvGeometry g, float[] x, float[] xt) {
        int pad = g.pad(), D = g.inD(), H = g.inH(), W = g.inW(), cin = g.cin();
        int Dp = Padded.padD(g), Hp = Padded.padH(g), Wp = Padded.padW(g), plane = Hp * Wp;
        Parallel.forChunks(g.batch() * Dp, 4 * Parallel.threads(), (chunk, from, to) -> {
            for (int np = from; np < to; np++) {
                int n = np / Dp, sz = Padded.source(np % Dp, pad, D, g.padding()), base = np * cin * plane;
                for (int rp = 0; rp < Hp; rp++) {
                    int sr = Padded.source(rp, pad, H, g.padding());
                    for (int cp = 0; cp < Wp; cp++) {
                        int sc = Padded.source(cp, pad, W, g.padding()), dst = base + rp * Wp + cp;
                        if (sz < 0 || sr < 0 || sc < 0) {
                            for (int i = 0; i < cin; i++) xt[dst + i * plane] = 0f;
                        } else {
                            int src = (((n * D + sz) * H + sr) * W + sc) * cin;
                            for (int i = 0; i < cin; i++) xt[dst + i * plane] = x[src + i];
                        }
                    }
                }
            }
        });
    }

    /**
     * Six output channels, 2L consecutive positions (two vectors a, b per channel), one tap (a, b), acc[ch][2L] in and out:
     * acc[ch][j] += sum_{i < cin} sum_{e<3} xt[x + i*plane + e + j] * wv[wi + e*wE + i*CH + ch].
     */
    static void tile6x2(float[] xt, int x, int plane, int cin, float[] wv, int wi, int wE, float[] acc) {
        FloatVector a0 = FloatVector.fromArray(S, acc, 0);
        FloatVector a1 = FloatVector.fromArray(S, acc, 1 * L2);
        FloatVector a2 = FloatVector.fromArray(S, acc, 2 * L2);
        FloatVector a3 = FloatVector.fromArray(S, acc, 3 * L2);
        FloatVector a4 = FloatVector.fromArray(S, acc, 4 * L2);
        FloatVector a5 = FloatVector.fromArray(S, acc, 5 * L2);
        FloatVector b0 = FloatVector.fromArray(S, acc, L);
        FloatVector b1 = FloatVector.fromArray(S, acc, 1 * L2 + L);
        FloatVector b2 = FloatVector.fromArray(S, acc, 2 * L2 + L);
        FloatVector b3 = FloatVector.fromArray(S, acc, 3 * L2 + L);
        FloatVector b4 = FloatVector.fromArray(S, acc, 4 * L2 + L);
        FloatVector b5 = FloatVector.fromArray(S, acc, 5 * L2 + L);
        for (int i = 0; i < cin; i++) {
            int xk = x + i * plane, wk = wi + i * CH;
            FloatVector d, h, w;
            d = FloatVector.fromArray(S, xt, xk);
            h = FloatVector.fromArray(S, xt, xk + L);
            w = FloatVector.broadcast(S, wv[wk]);
            a0 = d.fma(w, a0);
            b0 = h.fma(w, b0);
            w = FloatVector.broadcast(S, wv[wk + 1]);
            a1 = d.fma(w, a1);
            b1 = h.fma(w, b1);
            w = FloatVector.broadcast(S, wv[wk + 2]);
            a2 = d.fma(w, a2);
            b2 = h.fma(w, b2);
            w = FloatVector.broadcast(S, wv[wk + 3]);
            a3 = d.fma(w, a3);
            b3 = h.fma(w, b3);
            w = FloatVector.broadcast(S, wv[wk + 4]);
            a4 = d.fma(w, a4);
            b4 = h.fma(w, b4);
            w = FloatVector.broadcast(S, wv[wk + 5]);
            a5 = d.fma(w, a5);
            b5 = h.fma(w, b5);
            d = FloatVector.fromArray(S, xt, xk + 1);
            h = FloatVector.fromArray(S, xt, xk + 1 + L);
            w = FloatVector.broadcast(S, wv[wk + wE]);
            a0 = d.fma(w, a0);
            b0 = h.fma(w, b0);
            w = FloatVector.broadcast(S, wv[wk + wE + 1]);
            a1 = d.fma(w, a1);
            b1 = h.fma(w, b1);
            w = FloatVector.broadcast(S, wv[wk + wE + 2]);
            a2 = d.fma(w, a2);
            b2 = h.fma(w, b2);
            w = FloatVector.broadcast(S, wv[wk + wE + 3]);
            a3 = d.fma(w, a3);
            b3 = h.fma(w, b3);
            w = FloatVector.broadcast(S, wv[wk + wE + 4]);
            a4 = d.fma(w, a4);
            b4 = h.fma(w, b4);
            w = FloatVector.broadcast(S, wv[wk + wE + 5]);
            a5 = d.fma(w, a5);
            b5 = h.fma(w, b5);
            d = FloatVector.fromArray(S, xt, xk + 2);
            h = FloatVector.fromArray(S, xt, xk + 2 + L);
            w = FloatVector.broadcast(S, wv[wk + 2 * wE]);
            a0 = d.fma(w, a0);
            b0 = h.fma(w, b0);
            w = FloatVector.broadcast(S, wv[wk + 2 * wE + 1]);
            a1 = d.fma(w, a1);
            b1 = h.fma(w, b1);
            w = FloatVector.broadcast(S, wv[wk + 2 * wE + 2]);
            a2 = d.fma(w, a2);
            b2 = h.fma(w, b2);
            w = FloatVector.broadcast(S, wv[wk + 2 * wE + 3]);
            a3 = d.fma(w, a3);
            b3 = h.fma(w, b3);
            w = FloatVector.broadcast(S, wv[wk + 2 * wE + 4]);
            a4 = d.fma(w, a4);
            b4 = h.fma(w, b4);
            w = FloatVector.broadcast(S, wv[wk + 2 * wE + 5]);
            a5 = d.fma(w, a5);
            b5 = h.fma(w, b5);
        }
        a0.intoArray(acc, 0);
        a1.intoArray(acc, 1 * L2);
        a2.intoArray(acc, 2 * L2);
        a3.intoArray(acc, 3 * L2);
        a4.intoArray(acc, 4 * L2);
        a5.intoArray(acc, 5 * L2);
        b0.intoArray(acc, L);
        b1.intoArray(acc, 1 * L2 + L);
        b2.intoArray(acc, 2 * L2 + L);
        b3.intoArray(acc, 3 * L2 + L);
        b4.intoArray(acc, 4 * L2 + L);
        b5.intoArray(acc, 5 * L2 + L);
    }

}
