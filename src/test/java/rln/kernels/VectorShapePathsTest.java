package rln.kernels;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Vector API paths for particular shapes compute the same floats as the general register-blocked path (or the
 * one call per tap) they replace, bit for bit: training runs and published outputs do not change.
 */
class VectorShapePathsTest {

    static void sameBits(ConvGeometry g, boolean accumulate, long seed) {
        Random r = new Random(seed);
        int taps = g.kd() * g.kh() * g.kw();
        float[] x = Conv3dContract.random(r, g.inputSize());
        float[] wp = VectorConv3d.repack(Conv3dContract.random(r, g.weightSize()), taps * g.cin(), g.cout());
        float[] bias = Conv3dContract.random(r, g.cout()), y0 = Conv3dContract.random(r, g.outputSize());
        float[] general = y0.clone(), special = y0.clone();
        VectorConv3d.conv(g, x, wp, accumulate ? null : bias, general, accumulate, false);
        VectorConv3d.conv(g, x, wp, accumulate ? null : bias, special, accumulate, true);
        assertArrayEquals(general, special, g + (accumulate ? " accumulating" : ""));
    }

    @Test
    void fewOutputChannelsOnVoxelLanes() {
        assumeTrue(Kernels.conv3d().name().startsWith("vector"), "Vector API kernels not in use");
        assertTrue(VectorVoxelLanes.applies(ConvGeometry.of(1, 36, 36, 36, 16, 6, 3, 1, 1, Padding.CIRCULAR)),
                "the backward data of the 6 -> 16 layer takes voxel lanes");
        sameBits(ConvGeometry.of(2, 6, 7, 12, 16, 6, 3, 1, 1, Padding.CIRCULAR), true, 1); // backward data of 6 -> 16
        sameBits(ConvGeometry.of(1, 5, 5, 8, 16, 6, 3, 1, 1, Padding.CIRCULAR), false, 2); // with a bias
        sameBits(ConvGeometry.of(1, 4, 6, 20, 7, 3, 3, 1, 1, Padding.ZERO), true, 3);
        sameBits(ConvGeometry.of(2, 3, 4, 4, 5, 1, 3, 1, 1, Padding.CIRCULAR), true, 4);
    }

    @Test
    void allTapsInOneCallEqualOneCallPerTap() {
        assumeTrue(Kernels.conv3d().name().startsWith("vector"), "Vector API kernels not in use");
        for (int cin : new int[] {1, 6, 16, 48}) {
            Random r = new Random(cin);
            int taps = 9, L = VectorTiles.L, nK = 3 * cin, rowLen = 14 * cin;
            int[] tapOff = new int[taps];
            for (int t = 0; t < taps; t++) tapOff[t] = t * rowLen;
            float[] in = Conv3dContract.random(r, taps * rowLen), w = Conv3dContract.random(r, taps * nK * L);
            float[] once = Conv3dContract.random(r, 12 * L), perTap = once.clone();
            int[] xo = new int[taps * cin], wo = new int[taps * cin];
            for (int t = 0; t < taps; t++)
                for (int i = 0; i < cin; i++) {
                    xo[t * cin + i] = tapOff[t] + i;
                    wo[t * cin + i] = t * nK + i;
                }
            VectorTiles.rowTile12(in, 0, cin, xo, wo, w, 0, L, once, 0, L);
            for (int t = 0; t < taps; t++) { // the accumulators go through memory between taps
                int[] xt = new int[cin], wt = new int[cin];
                for (int i = 0; i < cin; i++) {
                    xt[i] = tapOff[t] + i;
                    wt[i] = t * nK + i;
                }
                VectorTiles.rowTile12(in, 0, cin, xt, wt, w, 0, L, perTap, 0, L);
            }
            assertArrayEquals(perTap, once, "cin " + cin);
        }
        sameBits(ConvGeometry.of(1, 4, 5, 29, 3, 32, 3, 1, 1, Padding.CIRCULAR), false, 6); // rows of 12 + 8 + 4 + 5
    }

    @Test
    void twelveVoxelTileEqualsTwoSixVoxelTiles() {
        assumeTrue(Kernels.conv3d().name().startsWith("vector"), "Vector API kernels not in use");
        int L = VectorTiles.L;
        for (int nK : new int[] {1, 7, 48, 144}) {
            Random r = new Random(nK);
            int inStep = nK + 3, wStride = 2 * L + L, outStep = 2 * L + 5;
            float[] in = Conv3dContract.random(r, 12 * inStep + nK), w = Conv3dContract.random(r, nK * wStride + 2 * L);
            float[] twelve = Conv3dContract.random(r, 12 * outStep + 2 * L), sixes = twelve.clone();
            VectorTiles.tile12x2(in, 0, inStep, nK, w, 0, wStride, twelve, 0, outStep);
            VectorTiles.tile6x2(in, 0, inStep, nK, w, 0, wStride, sixes, 0, outStep);
            VectorTiles.tile6x2(in, 6 * inStep, inStep, nK, w, 0, wStride, sixes, 6 * outStep, outStep);
            assertArrayEquals(sixes, twelve, "nK " + nK);
        }
    }

    @Test
    void weightGradientOverRowRunsEqualsOneRowPerCall() {
        assumeTrue(Kernels.conv3d().name().startsWith("vector"), "Vector API kernels not in use");
        int threads = rln.util.Parallel.threads();
        try {
            for (int t : new int[] {1, 2}) {
                rln.util.Parallel.setThreads(t);
                for (ConvGeometry g : new ConvGeometry[] {
                        ConvGeometry.of(2, 5, 6, 9, 48, 32, 3, 1, 1, Padding.CIRCULAR), // lane-block pairs (rowOuter2x2)
                        ConvGeometry.of(2, 4, 7, 10, 6, 16, 3, 1, 1, Padding.CIRCULAR), // rowOuter4 + rowOuter2
                        ConvGeometry.of(1, 4, 5, 6, 7, 48, 3, 1, 1, Padding.ZERO),      // odd cin: outer1 row by row; a pair and a single block
                        ConvGeometry.of(3, 3, 4, 5, 5, 20, 3, 1, 0, Padding.ZERO)}) {   // no padding, lanes past cout
                    Random r = new Random(g.hashCode());
                    float[] x = Conv3dContract.random(r, g.inputSize()), dy = Conv3dContract.random(r, g.outputSize());
                    float[] dw0 = Conv3dContract.random(r, g.weightSize()), db0 = Conv3dContract.random(r, g.cout());
                    float[] perRow = dw0.clone(), runs = dw0.clone(), dbRow = db0.clone(), dbRuns = db0.clone();
                    VectorConv3d.backwardWeights(g, x, dy, perRow, dbRow, 1); // one row per call (the earlier kernel)
                    VectorConv3d.backwardWeights(g, x, dy, runs, dbRuns, 0);  // runs of rows
                    assertArrayEquals(perRow, runs, g + ", threads " + t);
                    assertArrayEquals(dbRow, dbRuns, g + ", threads " + t);
                    float[] three = dw0.clone();
                    VectorConv3d.backwardWeights(g, x, dy, three, db0.clone(), 3); // runs cut by blocks and planes
                    assertArrayEquals(perRow, three, g + ", threads " + t + ", blocks of 3 rows");
                }
            }
        } finally {
            rln.util.Parallel.setThreads(threads);
        }
    }

    @Test
    void transposedForwardInOnePassEqualsZeroBackwardDataBias() {
        for (Conv3dKernels k : new Conv3dKernels[] {Kernels.conv3d(), Kernels.scalar()})
            for (ConvGeometry g : new ConvGeometry[] {
                    ConvGeometry.of(2, 8, 6, 12, 32, 32, 2, 2, 0, Padding.ZERO),  // the up-sampling layer (in registers in the vector kernels)
                    ConvGeometry.of(1, 4, 6, 36, 64, 16, 2, 2, 0, Padding.ZERO),  // rows of 12 + 6 voxels, two lane-block pairs
                    ConvGeometry.of(1, 4, 4, 10, 32, 8, 2, 2, 0, Padding.ZERO),   // rows of 5 voxels: a row at a time through memory
                    ConvGeometry.of(1, 6, 6, 8, 16, 24, 2, 2, 0, Padding.ZERO),
                    ConvGeometry.of(1, 5, 5, 7, 5, 3, 3, 2, 1, Padding.ZERO)}) { // overlapping taps: the default
                Random r = new Random(g.hashCode());
                float[] dy = Conv3dContract.random(r, g.outputSize()), w = Conv3dContract.random(r, g.weightSize());
                float[] bias = Conv3dContract.random(r, g.cin());
                float[] want = new float[g.inputSize()], got = Conv3dContract.random(r, g.inputSize()); // overwritten
                k.backwardData(g, dy, w, want);
                for (int v = 0; v < want.length; v += g.cin())
                    for (int i = 0; i < g.cin(); i++) want[v + i] += bias[i];
                k.transposedForward(g, dy, w, bias, got);
                assertArrayEquals(want, got, k.name() + " " + g);
            }
    }

    /**
     * VectorTiles.wideTiles (the 24-accumulator tiles, on for AVX-512, off for AVX2's 16 registers) changes the
     * speed, not the floats: every map of the layer shapes that reach the wide kernels (lane-block pairs at 2L and
     * 4L channels, rows of 12 voxels and more, the strided and transposed layers, the weight gradient's row runs),
     * with both settings, bit for bit.
     */
    @Test
    void narrowTilesGiveTheFloatsOfWideTiles() {
        assumeTrue(Kernels.conv3d().name().startsWith("vector"), "Vector API kernels not in use");
        int L = VectorTiles.L;
        boolean setting = VectorTiles.wideTiles;
        try {
            for (ConvGeometry g : new ConvGeometry[] {
                    ConvGeometry.of(1, 3, 4, 26, 2 * L, 2 * L, 3, 1, 1, Padding.CIRCULAR), // 16 -> 16 (AVX2): a pair, rows of 12 + 12 + 2
                    ConvGeometry.of(2, 3, 3, 13, 3 * L, 4 * L, 3, 1, 1, Padding.CIRCULAR), // two pairs, an odd channel count in
                    ConvGeometry.of(1, 3, 4, 14, 6, 2 * L, 3, 1, 1, Padding.ZERO),         // few input channels (rowOuter4 + rowOuter2; narrow: 2 rowOuter3)
                    ConvGeometry.of(1, 3, 3, 11, 7, L, 3, 1, 1, Padding.CIRCULAR),         // 7 = 4 + 2 + 1 wide, 3 + 2 + 2 narrow
                    ConvGeometry.of(1, 6, 6, 24, 2 * L, 4 * L, 2, 2, 0, Padding.ZERO),     // down-sampling, stride 2
                    ConvGeometry.of(1, 5, 5, 9, 5, 2 * L + 3, 3, 1, 0, Padding.ZERO)}) {   // lanes past cout, no padding
                Random r = new Random(g.hashCode());
                float[] x = Conv3dContract.random(r, g.inputSize()), w = Conv3dContract.random(r, g.weightSize());
                float[] bias = Conv3dContract.random(r, g.cout()), dy = Conv3dContract.random(r, g.outputSize());
                float[][] wide = maps(g, x, w, bias, dy, true), narrow = maps(g, x, w, bias, dy, false);
                String[] names = {"forward", "backward data", "backward weights", "bias gradient"};
                for (int m = 0; m < wide.length; m++) assertArrayEquals(wide[m], narrow[m], names[m] + " " + g);
            }
            // the up-sampling layer: the transposed convolution in registers (tile12x2 / tile6x2 from zero)
            ConvGeometry up = ConvGeometry.of(1, 4, 4, 36, 4 * L, 2 * L, 2, 2, 0, Padding.ZERO);
            Random r = new Random(up.hashCode());
            float[] dy = Conv3dContract.random(r, up.outputSize()), w = Conv3dContract.random(r, up.weightSize());
            float[] bias = Conv3dContract.random(r, up.cin());
            float[][] y = new float[2][up.inputSize()];
            for (int t = 0; t < 2; t++) {
                VectorTiles.wideTiles = t == 0;
                Kernels.conv3d().transposedForward(up, dy, w, bias, y[t]);
            }
            assertArrayEquals(y[0], y[1], "transposed " + up);
        } finally {
            VectorTiles.wideTiles = setting;
        }
    }

    private static float[][] maps(ConvGeometry g, float[] x, float[] w, float[] bias, float[] dy, boolean wide) {
        VectorTiles.wideTiles = wide;
        Conv3dKernels k = Kernels.conv3d();
        float[] y = new float[g.outputSize()], dx = new float[g.inputSize()], dw = new float[g.weightSize()], db = new float[g.cout()];
        k.forward(g, x, w, bias, y);
        k.backwardData(g, dy, w, dx);
        k.backwardWeights(g, x, dy, dw, db);
        return new float[][] {y, dx, dw, db};
    }
}
