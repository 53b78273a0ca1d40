package rln.io;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The learning-curve figure: train and validation loss against epoch on a logarithmic y axis (left panel) and,
 * when the log has it, the validation MASE in percent on a linear axis (right panel). Missing values (NaN) and
 * non-positive losses (not drawable on a log axis) break the line instead of being drawn.
 */
public final class LearningCurvePng {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private LearningCurvePng() {}

    /** Line colours: train blue, validation orange, MASE green (matplotlib's tab10 first three). */
    public static final int TRAIN = 0x1F77B4, VALID = 0xFF7F0E, MASE = 0x2CA02C;

    /** Panel size in pixels and margins (left for tick labels, bottom for the x label). */
    static final int PW = 460, PH = 320, LEFT = 78, TOP = 44, BOTTOM = 58, GAP = 90;

    /** Where the data go: the plot rectangle of the loss panel and its axis ranges (for tests). */
    public record Axes(int x, int y, int w, int h, double e0, double e1, double logLo, double logHi) {
        /** Pixel column of epoch e. */
        public double px(double e) {
            return x + (e1 > e0 ? (e - e0) / (e1 - e0) : 0.5) * w;
        }

        /** Pixel row of a positive loss (log scale, larger values higher up). */
        public double py(double loss) {
            return y + h - (Math.log10(loss) - logLo) / (logHi - logLo) * h;
        }
    }

    public record Figure(BufferedImage image, Axes lossAxes) {}

    public static Figure render(LearningCurveCsv c, String title) {
        boolean mase = c.hasValidMase();
        int width = LEFT + PW + (mase ? GAP + PW : 0) + 30, height = TOP + PH + BOTTOM;
        BufferedImage img = PngFigures.canvas(width, height);
        Graphics2D g = PngFigures.graphics(img);
        g.setFont(PngFigures.TITLE);
        PngFigures.centred(g, title, width / 2, 24);

        double e0 = Double.POSITIVE_INFINITY, e1 = Double.NEGATIVE_INFINITY, lo = Double.POSITIVE_INFINITY, hi = 0;
        for (int r = 0; r < c.size(); r++) {
            e0 = Math.min(e0, c.epoch()[r]);
            e1 = Math.max(e1, c.epoch()[r]);
            for (double v : new double[] {c.trainLoss()[r], c.validLoss()[r]})
                if (v > 0 && Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
        }
        if (!(hi > 0)) {   // nothing drawable: an empty axis from 1 to 10
            lo = 1;
            hi = 10;
        }
        double logLo = Math.floor(Math.log10(lo)), logHi = Math.ceil(Math.log10(hi));
        if (logHi == logLo) logHi = logLo + 1;
        Axes a = new Axes(LEFT, TOP, PW, PH, e0, e1, logLo, logHi);

        frameAndXTicks(g, a.x, a.y, a.w, a.h, e0, e1);
        g.setFont(PngFigures.LABEL);
        int ascent = g.getFontMetrics().getAscent();
        boolean minor = logHi - logLo <= 3;       // few decades: label 2 and 5 too
        for (int d = (int) logLo; d <= (int) logHi; d++)
            for (int m : new int[] {1, 2, 5}) {
                double v = m * Math.pow(10, d);
                if (Math.log10(v) > logHi + 1e-9 || (m != 1 && !minor)) continue;
                int py = (int) Math.round(a.py(v));
                g.setColor(m == 1 ? new Color(0xDDDDDD) : new Color(0xEEEEEE));
                g.drawLine(a.x + 1, py, a.x + a.w - 1, py);
                g.setColor(Color.BLACK);
                g.drawLine(a.x - 5, py, a.x, py);
                String label = d >= -3 && d <= 4 ? trim(v) : (m == 1 ? "1e" + d : m + "e" + d);
                g.drawString(label, a.x - 8 - g.getFontMetrics().stringWidth(label), py + ascent / 2 - 1);
            }
        PngFigures.vertical(g, "loss (log scale)", a.x - 62, a.y + a.h / 2);
        PngFigures.centred(g, "epoch", a.x + a.w / 2, a.y + a.h + 42);
        line(g, c.epoch(), c.trainLoss(), TRAIN, e -> a.px(e), v -> v > 0 ? a.py(v) : Double.NaN);
        line(g, c.epoch(), c.validLoss(), VALID, e -> a.px(e), v -> v > 0 ? a.py(v) : Double.NaN);
        legend(g, a.x + a.w - 150, a.y + 10, new String[] {"train loss", "validation loss"}, new int[] {TRAIN, VALID});

        if (mase) {
            int x = LEFT + PW + GAP;
            double mLo = Double.POSITIVE_INFINITY, mHi = Double.NEGATIVE_INFINITY;
            for (double v : c.validMase()) if (Double.isFinite(v)) {
                mLo = Math.min(mLo, v);
                mHi = Math.max(mHi, v);
            }
            mLo = Math.max(0, mLo - 0.05 * (mHi - mLo));
            mHi = mHi + 0.05 * (mHi - mLo) + (mHi == mLo ? 1 : 0);
            final double l = mLo, h = mHi;
            frameAndXTicks(g, x, TOP, PW, PH, e0, e1);
            double[] ticks = PngFigures.niceTicks(l, h, 6);
            double step = ticks.length > 1 ? ticks[1] - ticks[0] : 1;
            g.setFont(PngFigures.LABEL);
            for (double t : ticks) {
                int py = (int) Math.round(TOP + PH - (t - l) / (h - l) * PH);
                g.setColor(new Color(0xDDDDDD));
                g.drawLine(x + 1, py, x + PW - 1, py);
                g.setColor(Color.BLACK);
                g.drawLine(x - 5, py, x, py);
                String label = PngFigures.tickLabel(t, step);
                g.drawString(label, x - 8 - g.getFontMetrics().stringWidth(label), py + ascent / 2 - 1);
            }
            PngFigures.vertical(g, "validation MASE (%)", x - 62, TOP + PH / 2);
            PngFigures.centred(g, "epoch", x + PW / 2, TOP + PH + 42);
            final double ee0 = e0, ee1 = e1;
            line(g, c.epoch(), c.validMase(), MASE, e -> x + (ee1 > ee0 ? (e - ee0) / (ee1 - ee0) : 0.5) * PW,
                    v -> TOP + PH - (v - l) / (h - l) * PH);
            legend(g, x + PW - 150, TOP + 10, new String[] {"validation MASE"}, new int[] {MASE});
        }
        g.dispose();
        return new Figure(img, a);
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.4f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** Ticks on the epoch axis: whole epochs only (nice steps of 1, 2, 5, 10, ...), so no label repeats. */
    static double[] epochTicks(double e0, double e1) {
        double[] ticks = PngFigures.niceTicks(e0, e1, 8);
        if (ticks.length < 2 || ticks[1] - ticks[0] >= 1) return ticks;
        double[] whole = java.util.stream.IntStream.rangeClosed((int) Math.ceil(e0), (int) Math.floor(e1)).asDoubleStream().toArray();
        return whole.length > 0 ? whole : new double[] {Math.round(e0)};
    }

    private static void frameAndXTicks(Graphics2D g, int x, int y, int w, int h, double e0, double e1) {
        g.setFont(PngFigures.LABEL);
        for (double t : epochTicks(e0, e1)) {
            int px = (int) Math.round(x + (e1 > e0 ? (t - e0) / (e1 - e0) : 0.5) * w);
            g.setColor(Color.BLACK);
            g.drawLine(px, y + h, px, y + h + 5);
            PngFigures.centred(g, PngFigures.tickLabel(t, 1), px, y + h + 20);
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(x, y, w, h);
    }

    private static void line(Graphics2D g, double[] xs, double[] ys, int rgb, java.util.function.DoubleUnaryOperator fx,
            java.util.function.DoubleUnaryOperator fy) {
        g.setColor(new Color(rgb));
        g.setStroke(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D.Double path = new Path2D.Double();
        boolean pen = false;
        for (int i = 0; i < xs.length; i++) {
            double py = Double.isFinite(ys[i]) ? fy.applyAsDouble(ys[i]) : Double.NaN;
            if (!Double.isFinite(py)) {
                pen = false;
                continue;
            }
            double px = fx.applyAsDouble(xs[i]);
            if (pen) path.lineTo(px, py);
            else path.moveTo(px, py);
            pen = true;
            if (xs.length <= 40) g.fill(new java.awt.geom.Ellipse2D.Double(px - 3, py - 3, 6, 6));
        }
        g.draw(path);
        g.setStroke(new BasicStroke(1f));
    }

    private static void legend(Graphics2D g, int x, int y, String[] names, int[] colours) {
        g.setFont(PngFigures.LABEL);
        int h = 8 + 20 * names.length;
        g.setColor(Color.WHITE);
        g.fillRect(x, y, 140, h);
        g.setColor(Color.GRAY);
        g.drawRect(x, y, 140, h);
        for (int i = 0; i < names.length; i++) {
            int cy = y + 14 + 20 * i;
            g.setColor(new Color(colours[i]));
            g.setStroke(new BasicStroke(3f));
            g.drawLine(x + 8, cy, x + 30, cy);
            g.setStroke(new BasicStroke(1f));
            g.setColor(Color.BLACK);
            g.drawString(names[i], x + 38, cy + 5);
        }
    }

    /** Reads the CSV and writes the PNG atomically. */
    public static Figure write(Path csv, Path png, String title) throws IOException {
        Figure f = render(LearningCurveCsv.read(csv), title);
        PngFigures.writePng(png, f.image());
        return f;
    }
}
