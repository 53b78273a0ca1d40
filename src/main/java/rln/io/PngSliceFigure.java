package rln.io;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The slice figure: one row per sample, four panels per row on one 2D slice of the 3D grid:
 * <pre>
 *   microstructure (gray: phase 0 black, phase 1 white) | FE eps_xx | predicted eps_xx [colour bar] | |pred - FE| [colour bar]
 * </pre>
 * The two strain panels of a row share one viridis scale (min to max over both slices); the error panel has its
 * own inferno scale from 0 to its maximum. The prediction's title carries the MASE of the whole 3D field (given
 * with the row, as {@code rln.train.Metrics.mase} computes it), the error panel's the MASE on the slice shown.
 *
 * <p>Orientation: slicing along {@code axis} at {@code index} leaves two axes u < w (e.g. x and y for a z slice);
 * u runs to the right and w upwards: voxel (u, w) is the {@code scale} x {@code scale} pixel block whose top left
 * corner is ({@link Layout#pixelX}, {@link Layout#pixelY}).
 * Voxels are drawn as flat blocks (nearest neighbour, no smoothing).
 */
public final class PngSliceFigure {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private PngSliceFigure() {}

    private static final String[] AXES = {"x", "y", "z"};

    /**
     * One sample: its microstructure, FE strain and prediction (C order, nx*ny*nz each), a row label, and the
     * MASE (percent) of the whole 3D prediction, shown in the prediction's title.
     */
    public record Row(String label, byte[] micro, double[] truth, double[] pred, double mase) {}

    /** Where things are in the image, so that tests (and readers) can find a voxel's pixels. */
    public static final class Layout {
        public final int nu, nw, scale, panelWidth, panelHeight, width, height;
        /** Left edges of the four panels: microstructure, truth, prediction, error. */
        public final int[] panelX = new int[4];
        /** Left edges of the two colour bars: strain (shared), error. */
        public final int[] barX = new int[2];
        public final int barWidth = 16;
        final int top, rowHeight;

        Layout(int nu, int nw, int rows) {
            this.nu = nu;
            this.nw = nw;
            this.scale = Math.max(2, Math.min(40, 340 / Math.max(nu, nw)));   // panels about 340 px wide: room for the titles
            this.panelWidth = nu * scale;
            this.panelHeight = nw * scale;
            int gap = 24, labels = 62, left = 34;
            panelX[0] = left;
            panelX[1] = panelX[0] + panelWidth + gap;
            panelX[2] = panelX[1] + panelWidth + gap;
            barX[0] = panelX[2] + panelWidth + 10;
            panelX[3] = barX[0] + barWidth + labels + gap;
            barX[1] = panelX[3] + panelWidth + 10;
            this.width = barX[1] + barWidth + labels;
            this.top = 40;
            this.rowHeight = 26 + panelHeight + 34;
            this.height = top + rows * rowHeight + 6;
        }

        /** Top edge of the panels of row r. */
        public int panelY(int row) {
            return top + row * rowHeight + 26;
        }

        /** Left pixel column of voxel column u in panel p. */
        public int pixelX(int panel, int u) {
            return panelX[panel] + u * scale;
        }

        /** Top pixel row of voxel row w in row r (w grows upwards). */
        public int pixelY(int row, int w) {
            return panelY(row) + (nw - 1 - w) * scale;
        }
    }

    /** The rendered image and its layout. */
    public record Figure(BufferedImage image, Layout layout) {}

    /** The 2D slice of a C-order field: s[u][w], u and w the two axes other than {@code axis}, in order. */
    public static double[][] slice(double[] field, int nx, int ny, int nz, int axis, int index) {
        int[] n = {nx, ny, nz};
        if (axis < 0 || axis > 2) throw new IllegalArgumentException("axis " + axis + " (expected 0, 1 or 2)");
        if (index < 0 || index >= n[axis]) throw new IllegalArgumentException("slice " + index + " outside 0.." + (n[axis] - 1));
        int ua = axis == 0 ? 1 : 0, wa = axis == 2 ? 1 : 2;
        double[][] s = new double[n[ua]][n[wa]];
        int[] ijk = new int[3];
        ijk[axis] = index;
        for (int u = 0; u < n[ua]; u++)
            for (int w = 0; w < n[wa]; w++) {
                ijk[ua] = u;
                ijk[wa] = w;
                s[u][w] = field[(ijk[0] * ny + ijk[1]) * nz + ijk[2]];
            }
        return s;
    }

    static double[] toDoubles(byte[] b) {
        double[] d = new double[b.length];
        for (int i = 0; i < b.length; i++) d[i] = b[i];
        return d;
    }

    /** Draws the figure for {@code rows} on the slice {@code axis} = {@code index}. Inputs are not modified. */
    public static Figure render(List<Row> rows, int nx, int ny, int nz, int axis, int index) {
        if (rows.isEmpty()) throw new IllegalArgumentException("no rows");
        int[] n = {nx, ny, nz};
        int ua = axis == 0 ? 1 : 0, wa = axis == 2 ? 1 : 2;
        Layout L = new Layout(n[ua], n[wa], rows.size());
        BufferedImage img = PngFigures.canvas(L.width, L.height);
        Graphics2D g = PngFigures.graphics(img);
        g.setFont(PngFigures.TITLE);
        PngFigures.centred(g, String.format(Locale.ROOT, "\u03b5_xx on the slice %s = %d   (%s to the right, %s upwards)",
                AXES[axis], index, AXES[ua], AXES[wa]), L.width / 2, 24);

        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            int v = nx * ny * nz;
            if (row.micro.length != v || row.truth.length != v || row.pred.length != v)
                throw new IllegalArgumentException("row " + r + ": fields do not all have " + v + " voxels");
            double[][] m = slice(toDoubles(row.micro), nx, ny, nz, axis, index);
            double[][] t = slice(row.truth, nx, ny, nz, axis, index);
            double[][] p = slice(row.pred, nx, ny, nz, axis, index);
            double[][] e = new double[L.nu][L.nw];
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY, eMax = 0, eSum = 0, tSum = 0;
            for (int u = 0; u < L.nu; u++)
                for (int w = 0; w < L.nw; w++) {
                    lo = Math.min(lo, Math.min(t[u][w], p[u][w]));
                    hi = Math.max(hi, Math.max(t[u][w], p[u][w]));
                    e[u][w] = Math.abs(p[u][w] - t[u][w]);
                    eMax = Math.max(eMax, e[u][w]);
                    eSum += e[u][w];
                    tSum += t[u][w];
                }
            double maseSlice = 100 * eSum / tSum;

            panel(g, L, r, 0, m, Colormap.GRAY, 0, 1);
            panel(g, L, r, 1, t, Colormap.VIRIDIS, lo, hi);
            panel(g, L, r, 2, p, Colormap.VIRIDIS, lo, hi);
            panel(g, L, r, 3, e, Colormap.INFERNO, 0, eMax);
            PngFigures.colourBar(g, Colormap.VIRIDIS, L.barX[0], L.panelY(r), L.barWidth, L.panelHeight, lo, hi);
            PngFigures.colourBar(g, Colormap.INFERNO, L.barX[1], L.panelY(r), L.barWidth, L.panelHeight, 0, eMax);

            g.setColor(Color.BLACK);
            g.setFont(PngFigures.LABEL);
            int titleY = L.panelY(r) - 8;
            String label = row.label == null || row.label.isEmpty() ? "" : row.label + ": ";
            PngFigures.centred(g, label + "microstructure", L.panelX[0] + L.panelWidth / 2, titleY);
            PngFigures.centred(g, "FE \u03b5_xx", L.panelX[1] + L.panelWidth / 2, titleY);
            PngFigures.centred(g, String.format(Locale.ROOT, "predicted \u03b5_xx (MASE %.2f %%)", row.mase), L.panelX[2] + L.panelWidth / 2, titleY);
            PngFigures.centred(g, String.format(Locale.ROOT, "|pred - FE| (slice MASE %.2f %%)", maseSlice), L.panelX[3] + L.panelWidth / 2, titleY);
            int below = L.panelY(r) + L.panelHeight + 16;
            for (int k = 0; k < 4; k++) PngFigures.centred(g, AXES[ua] + " \u2192", L.panelX[k] + L.panelWidth / 2, below);
            PngFigures.vertical(g, AXES[wa] + " \u2192", L.panelX[0] - 18, L.panelY(r) + L.panelHeight / 2);
        }
        g.dispose();
        return new Figure(img, L);
    }

    private static void panel(Graphics2D g, Layout L, int row, int panel, double[][] s, Colormap map, double lo, double hi) {
        for (int u = 0; u < L.nu; u++)
            for (int w = 0; w < L.nw; w++) {
                g.setColor(new Color(map.rgb(s[u][w], lo, hi)));
                g.fillRect(L.pixelX(panel, u), L.pixelY(row, w), L.scale, L.scale);
            }
        g.setColor(Color.DARK_GRAY);
        g.drawRect(L.panelX[panel] - 1, L.panelY(row) - 1, L.panelWidth + 1, L.panelHeight + 1);
    }

    /** Renders and writes the figure as a PNG, atomically. */
    public static Figure write(Path out, List<Row> rows, int nx, int ny, int nz, int axis, int index) throws IOException {
        Figure f = render(rows, nx, ny, nz, axis, index);
        PngFigures.writePng(out, f.image());
        return f;
    }
}
