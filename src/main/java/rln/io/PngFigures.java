package rln.io;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Shared pieces of the PNG figures: a headless canvas, labels, "nice" axis ticks, colour bars and the atomic
 * PNG write. Everything is drawn with Java2D into an in-memory image; no display is needed
 * ({@code java.awt.headless} is set to true before any AWT class loads).
 */
public final class PngFigures {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private PngFigures() {}

    /** Font of titles and labels (the logical SansSerif font: DejaVu Sans on most Linux systems). */
    public static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    public static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    /** A white w x h RGB image and its graphics, text antialiased. The caller disposes the graphics. */
    public static BufferedImage canvas(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return img;
    }

    public static Graphics2D graphics(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        return g;
    }

    /** Draws text horizontally centred on cx with its baseline at y. */
    public static void centred(Graphics2D g, String text, int cx, int y) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(text, cx - fm.stringWidth(text) / 2, y);
    }

    /** Draws text rotated by -90 degrees (reading upwards), centred on (cx, cy). */
    public static void vertical(Graphics2D g, String text, int cx, int cy) {
        FontMetrics fm = g.getFontMetrics();
        var saved = g.getTransform();
        g.translate(cx + fm.getAscent() / 2.0, cy);
        g.rotate(-Math.PI / 2);
        g.drawString(text, -fm.stringWidth(text) / 2, 0);
        g.setTransform(saved);
    }

    /**
     * Ticks at 1, 2 or 5 times a power of ten inside [lo, hi], about {@code target} of them (at least one
     * when lo < hi). A degenerate range gives its single value.
     */
    public static double[] niceTicks(double lo, double hi, int target) {
        if (!(hi > lo)) return new double[] {lo};
        double raw = (hi - lo) / Math.max(1, target);
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / p < 1.5 ? p : raw / p < 3.5 ? 2 * p : raw / p < 7.5 ? 5 * p : 10 * p;
        List<Double> t = new ArrayList<>();
        for (double v = Math.ceil(lo / step - 1e-9) * step; v <= hi + 1e-9 * step; v += step) t.add(Math.abs(v) < 1e-12 * step ? 0 : v);
        if (t.isEmpty()) t.add(lo);
        return t.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** A tick label: as many decimals as the tick spacing needs (at most 6), or scientific for extreme values. */
    public static String tickLabel(double v, double step) {
        double a = Math.abs(v);
        if (a != 0 && (a >= 1e5 || a < 1e-4)) return String.format(Locale.ROOT, "%.2g", v);
        int decimals = step > 0 ? Math.max(0, Math.min(6, (int) Math.ceil(-Math.log10(step) - 1e-9))) : 3;
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /**
     * A vertical colour bar at (x, y), w x h pixels: row py shows the colour of
     * lo + (hi - lo) * (1 - (py + 1/2) / h), so hi is at the top. Ticks and labels to its right.
     */
    public static void colourBar(Graphics2D g, Colormap map, int x, int y, int w, int h, double lo, double hi) {
        for (int py = 0; py < h; py++) {
            g.setColor(new Color(map.rgb(1 - (py + 0.5) / h)));
            g.fillRect(x, y + py, w, 1);
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(x - 1, y - 1, w + 1, h + 1);
        g.setFont(LABEL);
        double[] ticks = niceTicks(lo, hi, 5);
        double step = ticks.length > 1 ? ticks[1] - ticks[0] : Math.abs(lo) / 10;
        int ascent = g.getFontMetrics().getAscent();
        for (double t : ticks) {
            int py = hi > lo ? y + (int) Math.round((1 - (t - lo) / (hi - lo)) * h) : y + h / 2;
            g.drawLine(x + w, py, x + w + 4, py);
            g.drawString(tickLabel(t, step), x + w + 6, py + ascent / 2 - 1);
        }
    }

    /** Writes {@code img} as a PNG file atomically. */
    public static void writePng(Path file, BufferedImage img) throws IOException {
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(img, "png", out)) throw new IOException("no PNG writer in this JDK");
        });
    }
}
