package rln.tensor;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class TensorTest {

    @Test
    void cOrderIndexing() {
        Tensor t = Tensor.zeros(Precision.FLOAT, 2, 3, 4);
        assertEquals(((1 * 3) + 2) * 4 + 3, t.index(1, 2, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> t.index(2, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> t.index(0, 0));
        assertEquals(4, t.channels());
        assertEquals(24, t.size());
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(Precision.DOUBLE, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> Tensor.wrap(new double[5], 2, 3));
    }

    @Test
    void everyMutatorBumpsTheVersion() {
        Tensor t = Tensor.zeros(Precision.DOUBLE, 3);
        int v = t.version();
        t.set(0, 1);
        t.fill(2);
        t.copyFrom(Tensor.zeros(Precision.FLOAT, 3));
        t.markModified();
        assertEquals(v + 4, t.version());
    }

    @Test
    void precisionConversionAndComparisons() {
        Tensor d = Tensor.wrap(new double[] {1.0 / 3, 2}, 2);
        Tensor f = d.to(Precision.FLOAT);
        assertEquals((float) (1.0 / 3), f.floats()[0]);
        assertTrue(f.allClose(d, 1e-7, 0));
        assertFalse(f.allClose(d, 1e-9, 0), "float rounding of 1/3 is ~1e-8 relative");
        assertEquals(Math.abs((float) (1.0 / 3) - 1.0 / 3), f.maxAbsDiff(d));
        assertTrue(f.bitwiseEquals(f.copy()));
        assertFalse(f.bitwiseEquals(d));
        assertThrows(IllegalStateException.class, d::floats);
    }

    @Test
    void aReleasedPooledTensorCannotBeRead() {
        Tensor t = Tensor.pooled(Precision.FLOAT, true, 1000);
        float[] storage = t.floats();
        t.release();
        assertTrue(t.isReleased());
        assertThrows(IllegalStateException.class, () -> t.get(0));
        Tensor again = Tensor.pooled(Precision.FLOAT, false, 1000);
        assertSame(storage, again.floats(), "the pool hands the same array back");
        again.release();
        Tensor plain = Tensor.zeros(Precision.FLOAT, 10);
        plain.release();
        assertFalse(plain.isReleased(), "only pooled storage goes back to the pool");
    }
}
