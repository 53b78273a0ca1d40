package rln.kernels;

import java.util.Arrays;
import rln.util.Parallel;

/**
 * The plain-Java float kernels: the fallback when the Vector API is absent, and a readable statement of the
 * loop structure the fast kernels share. Padding is done once into a scratch copy ({@link Padded}), so every
 * loop below is a "valid" convolution over the padded grid {@code xp}:
 * <pre>
 *   y[n,z,r,c,o]  = bias[o] + sum_{a,b} sum_{(e,i)} xp[n, z*s+a, r*s+b, c*s+e, i] * w[a,b,e,i,o]
 *   dxp[n, z*s+a, r*s+b, c*s+e, i] += sum_o dy[n,z,r,c,o] * w[a,b,e,i,o];   dx += fold(dxp)
 *   dw[a,b,e,i,o] += sum_{n,z,r,c} xp[n, z*s+a, r*s+b, c*s+e, i] * dy[n,z,r,c,o]
 * </pre>
 * The pair (e, i) is one contiguous run of kw*cin floats in both xp and w, whatever the stride.
 */
public final class ScalarConv3d implements Conv3dKernels {

    @Override
    public void forward(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y) {
        int cin = g.cin(), cout = g.cout(), s = g.stride();
        int Hp = Padded.padH(g), Wp = Padded.padW(g), Dp = Padded.padD(g);
        float[] xp = paddedInput(g, x);
        int oD = g.outD(), oH = g.outH(), oW = g.outW(), run = g.kw() * cin, kh = g.kh(), kd = g.kd();
        Parallel.forChunks(g.batch() * oD * oH, 4 * Parallel.threads(), (chunk, from, to) -> {
            for (int row = from; row < to; row++) {
                int n = row / (oD * oH), z = row / oH % oD, r = row % oH;
                for (int c = 0; c < oW; c++) {
                    int yb = (row * oW + c) * cout;
                    for (int o = 0; o < cout; o++) y[yb + o] = bias == null ? 0f : bias[o];
                    for (int a = 0; a < kd; a++)
                        for (int b = 0; b < kh; b++) {
                            int xb = (((n * Dp + z * s + a) * Hp + r * s + b) * Wp + c * s) * cin;
                            int wb = (a * kh + b) * run * cout;
                            for (int k = 0; k < run; k++) {
                                float xv = xp[xb + k];
                                int wk = wb + k * cout;
                                for (int o = 0; o < cout; o++) y[yb + o] += xv * w[wk + o];
                            }
                        }
                }
            }
        });
    }

    @Override
    public void backwardData(ConvGeometry g, float[] dy, float[] w, float[] dx) {
        int cin = g.cin(), cout = g.cout(), s = g.stride();
        int Dp = Padded.padD(g), Hp = Padded.padH(g), Wp = Padded.padW(g);
        int oD = g.outD(), oH = g.outH(), oW = g.outW(), kd = g.kd(), kh = g.kh(), kw = g.kw();
        boolean direct = g.pad() == 0;
        float[] dxp = direct ? dx : Scratch.get(Scratch.SECOND, Padded.size(g, cin));
        if (!direct) Arrays.fill(dxp, 0, Padded.size(g, cin), 0f);
        // Tap plane a at a time: within one plane, different (n, z) write different padded planes z*s + a.
        for (int a = 0; a < kd; a++) {
            final int fa = a;
            Parallel.forChunks(g.batch() * oD, Parallel.threads(), (chunk, from, to) -> {
                for (int nz = from; nz < to; nz++) {
                    int n = nz / oD, z = nz % oD;
                    for (int r = 0; r < oH; r++)
                        for (int c = 0; c < oW; c++) {
                            int yb = ((nz * oH + r) * oW + c) * cout;
                            for (int b = 0; b < kh; b++)
                                for (int e = 0; e < kw; e++) {
                                    int xb = (((n * Dp + z * s + fa) * Hp + r * s + b) * Wp + c * s + e) * cin;
                                    int wb = ((fa * kh + b) * kw + e) * cin * cout;
                                    for (int i = 0; i < cin; i++) {
                                        float sum = 0f;
                                        for (int o = 0; o < cout; o++) sum += dy[yb + o] * w[wb + i * cout + o];
                                        dxp[xb + i] += sum;
                                    }
                                }
                        }
                }
            });
        }
        if (!direct) Padded.fold(g, dxp, cin, dx, cin);
    }

    @Override
    public void backwardWeights(ConvGeometry g, float[] x, float[] dy, float[] dw, float[] dbias) {
        int cin = g.cin(), cout = g.cout(), s = g.stride();
        int Dp = Padded.padD(g), Hp = Padded.padH(g), Wp = Padded.padW(g);
        float[] xp = paddedInput(g, x);
        int oD = g.outD(), oH = g.outH(), oW = g.outW(), run = g.kw() * cin, kh = g.kh(), kd = g.kd();
        int rows = g.batch() * oD * oH;
        // Fixed partition: chunk j sums its rows into its own partial; the partials are added in chunk order.
        int chunks = Math.max(1, Math.min(rows, Parallel.threads()));
        float[][] part = new float[chunks][g.weightSize()];
        float[][] partBias = new float[chunks][cout];
        Parallel.forChunks(rows, chunks, (chunk, from, to) -> {
            float[] pw = part[chunk], pb = partBias[chunk];
            for (int row = from; row < to; row++) {
                int n = row / (oD * oH), z = row / oH % oD, r = row % oH;
                for (int c = 0; c < oW; c++) {
                    int yb = (row * oW + c) * cout;
                    for (int o = 0; o < cout; o++) pb[o] += dy[yb + o];
                    for (int a = 0; a < kd; a++)
                        for (int b = 0; b < kh; b++) {
                            int xb = (((n * Dp + z * s + a) * Hp + r * s + b) * Wp + c * s) * cin;
                            int wb = (a * kh + b) * run * cout;
                            for (int k = 0; k < run; k++) {
                                float xv = xp[xb + k];
                                int wk = wb + k * cout;
                                for (int o = 0; o < cout; o++) pw[wk + o] += xv * dy[yb + o];
                            }
                        }
                }
            }
        });
        for (int j = 0; j < chunks; j++) {
            for (int t = 0; t < dw.length; t++) dw[t] += part[j][t];
            if (dbias != null) for (int o = 0; o < cout; o++) dbias[o] += partBias[j][o];
        }
    }

    /** x itself when there is no padding, else its padded copy in the calling thread's scratch. */
    static float[] paddedInput(ConvGeometry g, float[] x) {
        if (g.pad() == 0) return x;
        float[] xp = Scratch.get(Scratch.PADDED_INPUT, Padded.size(g, g.cin()));
        Padded.pad(g, x, g.cin(), xp, g.cin());
        return xp;
    }

    @Override
    public String name() {
        return "scalar";
    }
}
