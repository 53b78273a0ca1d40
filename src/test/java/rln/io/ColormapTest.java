package rln.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ColormapTest {

    /** Largest luma drop between neighbouring colours that channel rounding alone can cause (see below). */
    static final double ROUNDING = 1.0;

    @Test
    void endpointsAreTheTabulatedColours() {
        assertEquals(0x440154, Colormap.VIRIDIS.rgb(0));
        assertEquals(0xFDE725, Colormap.VIRIDIS.rgb(1));
        assertEquals(0x21908C, Colormap.VIRIDIS.rgb(0.5));   // the middle control point of nine
        assertEquals(0x000004, Colormap.INFERNO.rgb(0));
        assertEquals(0xFCFFA4, Colormap.INFERNO.rgb(1));
        assertEquals(0x000000, Colormap.GRAY.rgb(0));
        assertEquals(0xFFFFFF, Colormap.GRAY.rgb(1));
        assertEquals(Colormap.VIRIDIS.rgb(0), Colormap.VIRIDIS.rgb(Double.NaN));
        assertEquals(Colormap.VIRIDIS.rgb(1), Colormap.VIRIDIS.rgb(7));
    }

    @Test
    void lightnessIncreasesMonotonicallyAlongEveryMap() {
        for (Colormap m : new Colormap[] {Colormap.VIRIDIS, Colormap.INFERNO, Colormap.GRAY}) {
            double prev = -1;
            for (int i = 0; i <= 1000; i++) {
                double l = Colormap.luma(m.rgb(i / 1000.0));
                // exact interpolation is monotone; rounding each channel to an integer moves luma by at most
                // 0.5 * (0.299 + 0.587 + 0.114) = 0.5, so two neighbours may differ by up to 1.0 the wrong way
                assertTrue(l >= prev - ROUNDING, m.name() + " luma falls at t = " + i / 1000.0);
                prev = l;
            }
            assertTrue(Colormap.luma(m.rgb(1)) - Colormap.luma(m.rgb(0)) > 150, m.name() + " spans too little lightness");
        }
    }

    @Test
    void niceTicksAreRoundAndInsideTheRange() {
        assertArrayEquals(new double[] {0.5, 1.0, 1.5, 2.0}, PngFigures.niceTicks(0.31, 2.2, 5), 1e-12);
        assertArrayEquals(new double[] {0, 0.02, 0.04, 0.06, 0.08, 0.1}, PngFigures.niceTicks(0, 0.1, 5), 1e-12);
        assertArrayEquals(new double[] {3}, PngFigures.niceTicks(3, 3, 5), 0);
        assertEquals("0.04", PngFigures.tickLabel(0.04, 0.02));
        assertEquals("1.5", PngFigures.tickLabel(1.5, 0.5));
    }
}
