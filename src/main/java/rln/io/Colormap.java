package rln.io;

/**
 * Colour maps for figures: value t in [0, 1] -> packed sRGB 0xRRGGBB, by linear interpolation in sRGB between
 * control points written down here.
 *
 * <p>Control points and their source: {@link #VIRIDIS} and {@link #INFERNO} are the 9- and 10-colour samples of
 * matplotlib's perceptually uniform maps of the same names (Stefan van der Walt and Nathaniel Smith, 2015, CC0),
 * as tabulated by the R package viridisLite: {@code viridis(9)} and {@code viridis(10, option = "inferno")}
 * (evenly spaced in t, t = 0 first). Interpolating linearly between 9-10 samples keeps lightness monotone (each
 * sample is lighter than the one before, and luma is linear in sRGB along a segment; rounding to 8-bit channels
 * adds at most 0.5 of jitter on the 0..255 luma scale), which is what a reader of a
 * strain map needs; it deviates slightly from the full 256-entry tables between samples.
 * {@link #GRAY} is black (t = 0) to white (t = 1), for the microstructure (phase 1 = white).
 */
public final class Colormap {
    private final String name;
    private final int[] controls;

    private Colormap(String name, int... controls) {
        this.name = name;
        this.controls = controls;
    }

    /** viridisLite::viridis(9). */
    public static final Colormap VIRIDIS = new Colormap("viridis",
            0x440154, 0x472D7B, 0x3B528B, 0x2C728E, 0x21908C, 0x27AD81, 0x5DC863, 0xAADC32, 0xFDE725);

    /** viridisLite::viridis(10, option = "inferno"). */
    public static final Colormap INFERNO = new Colormap("inferno",
            0x000004, 0x1B0C42, 0x4B0C6B, 0x781C6D, 0xA52C60, 0xCF4446, 0xED6925, 0xFB9A06, 0xF7D03C, 0xFCFFA4);

    /** Black to white. */
    public static final Colormap GRAY = new Colormap("gray", 0x000000, 0xFFFFFF);

    public String name() {
        return name;
    }

    /** The colour of t (clamped to [0, 1]; NaN maps to t = 0) as 0xRRGGBB. */
    public int rgb(double t) {
        if (!(t > 0)) t = 0;                 // also catches NaN
        if (t > 1) t = 1;
        double s = t * (controls.length - 1);
        int i = Math.min((int) s, controls.length - 2);
        double f = s - i;
        int a = controls[i], b = controls[i + 1];
        return (mix(a >> 16, b >> 16, f) << 16) | (mix(a >> 8, b >> 8, f) << 8) | mix(a, b, f);
    }

    /** The colour of value on the scale [lo, hi] (a degenerate scale maps everything to its middle colour). */
    public int rgb(double value, double lo, double hi) {
        return rgb(hi > lo ? (value - lo) / (hi - lo) : 0.5);
    }

    private static int mix(int a, int b, double f) {
        a &= 0xff;
        b &= 0xff;
        return (int) Math.round(a + (b - a) * f);
    }

    /** Luma Y' = 0.299 R' + 0.587 G' + 0.114 B' of a packed sRGB colour (0..255), used to check monotone maps. */
    public static double luma(int rgb) {
        return 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
    }
}
