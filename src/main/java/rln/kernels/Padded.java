package rln.kernels;

import rln.util.Parallel;

/**
 * The padded grid that turns a padded convolution into a "valid" one: {@code xp[n][zp][rp][cp][ch]} with
 * {@code zp in [0, inD + 2*pad)}, holding {@code x[n][src(zp)][src(rp)][src(cp)][ch]} where
 * {@code src(p) = p - pad} inside the grid and, outside it, {@code (p - pad) mod size} for
 * {@link Padding#CIRCULAR} or a zero for {@link Padding#ZERO}. {@link #fold} is the adjoint map
 * (every padded voxel added back onto its source), used by the backward-data map.
 */
final class Padded {
    private Padded() {}

    static int padD(ConvGeometry g) { return g.inD() + 2 * g.pad(); }
    static int padH(ConvGeometry g) { return g.inH() + 2 * g.pad(); }
    static int padW(ConvGeometry g) { return g.inW() + 2 * g.pad(); }

    static int size(ConvGeometry g, int channels) {
        return g.batch() * padD(g) * padH(g) * padW(g) * channels;
    }

    /** Source index of padded index {@code p} along an axis of size {@code n}; -1 for a zero pad. */
    static int source(int p, int pad, int n, Padding padding) {
        return padding.source(p - pad, n);
    }

    /**
     * xp = pad(x), x with {@code channels} channels per voxel (x is not modified; xp is overwritten,
     * its voxels {@code xpStride} floats apart, the channels beyond {@code channels} set to zero).
     */
    static void pad(ConvGeometry g, float[] x, int channels, float[] xp, int xpStride) {
        int pad = g.pad(), D = g.inD(), H = g.inH(), W = g.inW();
        int Dp = padD(g), Hp = padH(g), Wp = padW(g);
        boolean dense = xpStride == channels;
        Parallel.forChunks(g.batch() * Dp, 4 * Parallel.threads(), (chunk, from, to) -> {
            for (int plane = from; plane < to; plane++) {
                int n = plane / Dp, zp = plane % Dp;
                int sz = source(zp, pad, D, g.padding());
                for (int rp = 0; rp < Hp; rp++) {
                    int sr = source(rp, pad, H, g.padding());
                    int dst = ((plane * Hp) + rp) * Wp * xpStride;
                    if (sz < 0 || sr < 0) {
                        java.util.Arrays.fill(xp, dst, dst + Wp * xpStride, 0f);
                        continue;
                    }
                    int src = ((n * D + sz) * H + sr) * W * channels;
                    int cp = 0;
                    if (dense) { // the row's interior is one run: padded voxels pad .. pad+W-1 are source voxels 0 .. W-1
                        System.arraycopy(x, src, xp, dst + pad * channels, W * channels);
                        for (; cp < pad; cp++) copyVoxel(x, src, channels, xp, dst + cp * xpStride, xpStride, source(cp, pad, W, g.padding()));
                        cp = pad + W;
                    }
                    for (; cp < Wp; cp++) copyVoxel(x, src, channels, xp, dst + cp * xpStride, xpStride, source(cp, pad, W, g.padding()));
                }
            }
        });
    }

    /** One padded voxel at xp[dst ..]: source voxel sc of the row at x[src ..], or zeros (sc < 0); zeros beyond channels. */
    private static void copyVoxel(float[] x, int src, int channels, float[] xp, int dst, int xpStride, int sc) {
        if (sc < 0) {
            java.util.Arrays.fill(xp, dst, dst + xpStride, 0f);
            return;
        }
        System.arraycopy(x, src + sc * channels, xp, dst, channels);
        if (xpStride > channels) java.util.Arrays.fill(xp, dst + channels, dst + xpStride, 0f);
    }

    /** dx[n, src(p), ch] += dxp[n, p, ch] for every padded voxel p with a source (the adjoint of {@link #pad}). */
    static void fold(ConvGeometry g, float[] dxp, int dxpStride, float[] dx, int channels) {
        int pad = g.pad(), D = g.inD(), H = g.inH(), W = g.inW();
        int Dp = padD(g), Hp = padH(g), Wp = padW(g);
        // One task per sample: circular padding folds several padded voxels onto one source voxel.
        Parallel.forChunks(g.batch(), Parallel.threads(), (chunk, from, to) -> {
            for (int n = from; n < to; n++)
                for (int zp = 0; zp < Dp; zp++) {
                    int sz = source(zp, pad, D, g.padding());
                    if (sz < 0) continue;
                    for (int rp = 0; rp < Hp; rp++) {
                        int sr = source(rp, pad, H, g.padding());
                        if (sr < 0) continue;
                        for (int cp = 0; cp < Wp; cp++) {
                            int sc = source(cp, pad, W, g.padding());
                            if (sc < 0) continue;
                            int s = (((n * Dp + zp) * Hp + rp) * Wp + cp) * dxpStride;
                            int d = (((n * D + sz) * H + sr) * W + sc) * channels;
                            for (int ch = 0; ch < channels; ch++) dx[d + ch] += dxp[s + ch];
                        }
                    }
                }
        });
    }
}
