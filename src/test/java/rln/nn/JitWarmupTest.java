package rln.nn;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import rln.tensor.Precision;
import rln.tensor.Tensor;

/** The JIT warm-up before predictions changes no prediction and ends. */
class JitWarmupTest {

    static Tensor micro(int n) {
        Tensor m = Tensor.zeros(Precision.FLOAT, 1, n, n, n, 1);
        for (int i = 0; i < m.size(); i += 3) m.set(i, 1);
        return m;
    }

    @Test
    void predictionsAreTheSameBeforeAndAfter() {
        for (String spec : new String[] {"published:FLN_c10"}) { // an imported model: its network sees the axes reversed
            LocalizationModel m = Models.shipped(spec);
            Tensor x = micro(17);
            List<Tensor> before = m.predict(x);
            JitWarmup.Report r = JitWarmup.forGrid(m, 17, 17, 17);
            assertTrue(r.calls() >= 1 && r.seconds() > 0, r.toString());
            List<Tensor> after = m.predict(x);
            for (int k = 0; k < before.size(); k++) assertArrayEquals(before.get(k).floats(), after.get(k).floats(), "pass " + (k + 1));
        }
        LocalizationModel even = Models.create("rln-t", 2, false, 3); // an even grid: the slab is two voxels thick
        Tensor x = micro(16);
        List<Tensor> before = even.predict(x);
        assertTrue(JitWarmup.forGrid(even, 16, 16, 16).calls() >= 1);
        assertArrayEquals(before.get(1).floats(), even.predict(x).get(1).floats());
        assertEquals(0, JitWarmup.forGrid(even, 8, 8, 8).calls(), "small grids are not warmed");
    }
}
