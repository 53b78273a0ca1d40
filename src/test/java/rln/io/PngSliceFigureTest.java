package rln.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngSliceFigureTest {

    static final int NX = 7, NY = 5, NZ = 6, V = NX * NY * NZ;

    static int idx(int i, int j, int k) {
        return (i * NY + j) * NZ + k;
    }

    /** A sample whose strain and prediction encode their own coordinates, so a pixel tells where it came from. */
    static PngSliceFigure.Row row(long seed) {
        Random rnd = new Random(seed);
        byte[] m = new byte[V];
        double[] t = new double[V], p = new double[V];
        for (int x = 0; x < V; x++) {
            m[x] = (byte) rnd.nextInt(2);
            t[x] = 1 + 0.5 * rnd.nextGaussian();
            p[x] = t[x] + 0.1 * rnd.nextGaussian();
        }
        return new PngSliceFigure.Row("s" + seed, m, t, p, rln.train.Metrics.mase(p, t));
    }

    @Test
    void sliceTakesTheRightVoxelsForEachAxis() {
        double[] f = new double[V];
        for (int i = 0; i < NX; i++) for (int j = 0; j < NY; j++) for (int k = 0; k < NZ; k++) f[idx(i, j, k)] = 100 * i + 10 * j + k;
        double[][] z = PngSliceFigure.slice(f, NX, NY, NZ, 2, 3);      // u = x, w = y
        assertEquals(NX, z.length);
        assertEquals(NY, z[0].length);
        assertEquals(100 * 4 + 10 * 2 + 3, z[4][2]);
        double[][] x = PngSliceFigure.slice(f, NX, NY, NZ, 0, 5);      // u = y, w = z
        assertEquals(100 * 5 + 10 * 1 + 4, x[1][4]);
        double[][] y = PngSliceFigure.slice(f, NX, NY, NZ, 1, 2);      // u = x, w = z
        assertEquals(100 * 6 + 10 * 2 + 0, y[6][0]);
    }

    @Test
    void knownPixelsSizesAndColourBars() {
        List<PngSliceFigure.Row> rows = List.of(row(1), row(2));
        int k = NZ / 2;
        PngSliceFigure.Figure f = PngSliceFigure.render(rows, NX, NY, NZ, 2, k);
        BufferedImage img = f.image();
        PngSliceFigure.Layout L = f.layout();
        assertEquals(L.width, img.getWidth());
        assertEquals(L.height, img.getHeight());
        assertEquals(NX * L.scale, L.panelWidth);
        assertEquals(NY * L.scale, L.panelHeight);

        for (int r = 0; r < 2; r++) {
            PngSliceFigure.Row row = rows.get(r);
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY, eMax = 0;
            for (int i = 0; i < NX; i++) for (int j = 0; j < NY; j++) {
                int c = idx(i, j, k);
                lo = Math.min(lo, Math.min(row.truth()[c], row.pred()[c]));
                hi = Math.max(hi, Math.max(row.truth()[c], row.pred()[c]));
                eMax = Math.max(eMax, Math.abs(row.pred()[c] - row.truth()[c]));
            }
            for (int i = 0; i < NX; i++) for (int j = 0; j < NY; j++) {
                int c = idx(i, j, k);
                // centre pixel of voxel (i, j): x to the right, y upwards
                int py = L.pixelY(r, j) + L.scale / 2;
                assertEquals(row.micro()[c] == 1 ? 0xFFFFFF : 0x000000, rgb(img, L.pixelX(0, i) + L.scale / 2, py), "phase at " + i + "," + j);
                assertEquals(Colormap.VIRIDIS.rgb(row.truth()[c], lo, hi), rgb(img, L.pixelX(1, i) + L.scale / 2, py));
                assertEquals(Colormap.VIRIDIS.rgb(row.pred()[c], lo, hi), rgb(img, L.pixelX(2, i) + L.scale / 2, py));
                assertEquals(Colormap.INFERNO.rgb(Math.abs(row.pred()[c] - row.truth()[c]), 0, eMax), rgb(img, L.pixelX(3, i) + L.scale / 2, py));
            }
            // colour bars: top is the top of the map, bottom the bottom, luma increases upwards
            for (int b = 0; b < 2; b++) {
                Colormap map = b == 0 ? Colormap.VIRIDIS : Colormap.INFERNO;
                int x = L.barX[b] + L.barWidth / 2, y0 = L.panelY(r);
                double prev = -1;
                for (int py = y0 + L.panelHeight - 1; py >= y0; py--) {
                    double luma = Colormap.luma(rgb(img, x, py));
                    assertTrue(luma >= prev - ColormapTest.ROUNDING, "bar " + b + " luma falls at row " + py);
                    prev = luma;
                }
                assertEquals(map.rgb(1 - 0.5 / L.panelHeight), rgb(img, x, y0));
                assertEquals(map.rgb(0.5 / L.panelHeight), rgb(img, x, y0 + L.panelHeight - 1));
                assertTrue(Colormap.luma(rgb(img, x, y0)) - Colormap.luma(rgb(img, x, y0 + L.panelHeight - 1)) > 150, "bar spans the map");
            }
        }
    }

    static int rgb(BufferedImage img, int x, int y) {
        return img.getRGB(x, y) & 0xFFFFFF;
    }

    @Test
    void writesAReadablePngAtomically(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("fig.png");
        PngSliceFigure.Figure f = PngSliceFigure.write(out, List.of(row(3)), NX, NY, NZ, 0, 1);
        BufferedImage back = ImageIO.read(out.toFile());
        assertEquals(f.image().getWidth(), back.getWidth());
        assertEquals(f.image().getHeight(), back.getHeight());
        assertArrayEquals(f.image().getRGB(0, 0, back.getWidth(), back.getHeight(), null, 0, back.getWidth()),
                back.getRGB(0, 0, back.getWidth(), back.getHeight(), null, 0, back.getWidth()));  // PNG is lossless
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }
}
