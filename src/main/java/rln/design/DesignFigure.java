package rln.design;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import rln.io.Colormap;
import rln.io.PngFigures;
import rln.io.PngSliceFigure;

/**
 * design.png: one row for the start and one for the design, each with the microstructure on the three mid slices
 * (soft black, stiff white; z = nz/2 with x to the right and y upwards, y = ny/2 with x and z, x = nx/2 with y and
 * z: the first two show alignment with the load, the third the cross-section) and its exact eps_xx on the z slice
 * (one colour scale for both rows); below, the convergence curve: the route's objective of the relaxed design per
 * iteration, the continuation steps of beta dotted, the exact objectives of the two binary microstructures dashed.
 */
final class DesignFigure {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private DesignFigure() {}

    private static final int PANEL = 200, GAP = 26, LEFT = 80, TOP = 58, ROW_GAP = 56, CURVE_HEIGHT = 240;
    private static final String[] AXES = {"x", "y", "z"};

    /**
     * @param exx   the exact eps_xx of the start and of the design (C order)
     * @param exact the exact objective of the start and of the design
     */
    static BufferedImage render(int nx, int ny, int nz, byte[][] micro, double[][] exx, List<Designer.Step> history,
            String title, String objectiveLabel, double[] exact) {
        int scale = Math.max(2, PANEL / Math.max(nx, Math.max(ny, nz)));
        int side = Math.max(nx, Math.max(ny, nz)) * scale, barW = 14;
        int width = LEFT + 4 * (side + GAP) + barW + 50, height = TOP + 2 * (side + ROW_GAP) + 30 + CURVE_HEIGHT + 50;
        BufferedImage img = PngFigures.canvas(width, height);
        Graphics2D g = PngFigures.graphics(img);
        g.setFont(PngFigures.TITLE);
        PngFigures.centred(g, title, width / 2, 24);
        g.setFont(PngFigures.LABEL);
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double[] f : exx)
            for (double v : f) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        int[] n = {nx, ny, nz};
        String[] rows = {"start", "design"};
        for (int r = 0; r < 2; r++) {
            int y0 = TOP + r * (side + ROW_GAP);
            double[] phase = new double[micro[r].length];
            for (int i = 0; i < phase.length; i++) phase[i] = micro[r][i];
            for (int p = 0; p < 4; p++) {
                int axis = p < 3 ? 2 - p : 2, index = n[axis] / 2, ua = axis == 0 ? 1 : 0, wa = axis == 2 ? 1 : 2;
                boolean strain = p == 3;
                double[][] sl = PngSliceFigure.slice(strain ? exx[r] : phase, nx, ny, nz, axis, index);
                int px = LEFT + p * (side + GAP);
                for (int u = 0; u < sl.length; u++)
                    for (int w = 0; w < sl[u].length; w++) {
                        g.setColor(new Color(strain ? Colormap.VIRIDIS.rgb(sl[u][w], lo, hi) : Colormap.GRAY.rgb(sl[u][w], 0, 1)));
                        g.fillRect(px + u * scale, y0 + (sl[u].length - 1 - w) * scale, scale, scale);
                    }
                g.setColor(Color.DARK_GRAY);
                g.drawRect(px - 1, y0 - 1, sl.length * scale + 1, sl[0].length * scale + 1);
                g.setColor(Color.BLACK);
                String what = strain ? String.format(Locale.ROOT, "exact \u03b5_xx (%s %.4f)", objectiveLabel, exact[r]) : rows[r];
                PngFigures.centred(g, what + ", " + AXES[axis] + " = " + index, px + side / 2, y0 - 8);
                PngFigures.centred(g, AXES[ua] + " \u2192   (" + AXES[wa] + " \u2191)", px + side / 2, y0 + side + 18);
            }
        }
        PngFigures.colourBar(g, Colormap.VIRIDIS, LEFT + 4 * (side + GAP) - GAP + 8, TOP, barW, 2 * side + ROW_GAP, lo, hi);
        curve(g, LEFT, TOP + 2 * (side + ROW_GAP) + 20, width - LEFT - 40, CURVE_HEIGHT, history, objectiveLabel, exact);
        g.dispose();
        return img;
    }

    /** The objective per iteration, beta steps dotted, exact start / design values dashed. */
    private static void curve(Graphics2D g, int x0, int y0, int w, int h, List<Designer.Step> history, String label, double[] exact) {
        double lo = Math.min(exact[0], exact[1]), hi = Math.max(exact[0], exact[1]);
        for (Designer.Step s : history) {
            lo = Math.min(lo, s.objective());
            hi = Math.max(hi, s.objective());
        }
        double pad = 0.05 * Math.max(hi - lo, 1e-9);
        lo -= pad;
        hi += pad;
        int iterations = Math.max(1, history.size());
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(x0, y0, w, h);
        double[] yt = PngFigures.niceTicks(lo, hi, 5), xt = PngFigures.niceTicks(1, iterations, 8);
        double ystep = yt.length > 1 ? yt[1] - yt[0] : 1;
        for (double t : yt) {
            int py = py(t, lo, hi, y0, h);
            g.drawLine(x0 - 4, py, x0, py);
            String text = PngFigures.tickLabel(t, ystep);
            g.drawString(text, x0 - 8 - g.getFontMetrics().stringWidth(text), py + 5);
        }
        for (double t : xt) {
            int px = px(t, iterations, x0, w);
            g.drawLine(px, y0 + h, px, y0 + h + 4);
            PngFigures.centred(g, PngFigures.tickLabel(t, 1), px, y0 + h + 18);
        }
        PngFigures.centred(g, "iteration", x0 + w / 2, y0 + h + 36);
        PngFigures.vertical(g, label, x0 - 52, y0 + h / 2);
        g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 4f}, 0f));
        g.setColor(Color.GRAY);
        for (int i = 1; i < history.size(); i++)
            if (history.get(i).beta() != history.get(i - 1).beta()) {
                int px = px(history.get(i).iteration(), iterations, x0, w);
                g.drawLine(px, y0 + 1, px, y0 + h - 1);
                g.drawString("\u03b2 " + (int) history.get(i).beta(), px + 3, y0 + 14);
            }
        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 5f}, 0f));
        Color[] colours = {new Color(0xFF7F0E), new Color(0x2CA02C)};
        String[] names = {"exact, start", "exact, design"};
        for (int k = 0; k < 2; k++) {
            g.setColor(colours[k]);
            int py = py(exact[k], lo, hi, y0, h);
            g.drawLine(x0 + 1, py, x0 + w - 1, py);
            int ty = py - 4 < y0 + 16 ? py + 16 : py - 4; // below the line when it runs along the top of the frame
            g.drawString(String.format(Locale.ROOT, "%s %.4f", names[k], exact[k]), x0 + w - 170, ty);
        }
        g.setStroke(new BasicStroke(2f));
        g.setColor(new Color(0x1F77B4));
        for (int i = 1; i < history.size(); i++) {
            Designer.Step a = history.get(i - 1), b = history.get(i);
            g.drawLine(px(a.iteration(), iterations, x0, w), py(a.objective(), lo, hi, y0, h), px(b.iteration(), iterations, x0, w),
                    py(b.objective(), lo, hi, y0, h));
        }
        g.drawString("relaxed design (the route's objective)", x0 + w - 330, y0 + h / 2);
    }

    private static int px(double iteration, int iterations, int x0, int w) {
        return x0 + (int) Math.round((iteration - 1) / Math.max(1, iterations - 1) * w);
    }

    private static int py(double v, double lo, double hi, int y0, int h) {
        return y0 + (int) Math.round((1 - (v - lo) / (hi - lo)) * h);
    }

    static void write(Path file, BufferedImage img) throws IOException {
        PngFigures.writePng(file, img);
    }
}
