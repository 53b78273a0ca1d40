package rln.kernels;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The profiling decorator times the calls and changes nothing else. */
class Conv3dProfileTest {

    @Test
    void recordsEachMapAndLeavesTheResultsAlone() {
        ConvGeometry g = ConvGeometry.of(1, 5, 5, 5, 3, 4, 3, 1, 1, Padding.CIRCULAR);
        Random r = new Random(3);
        float[] x = Conv3dContract.random(r, g.inputSize()), w = Conv3dContract.random(r, g.weightSize()), b = Conv3dContract.random(r, 4);
        float[] plain = new float[g.outputSize()], timed = new float[g.outputSize()];
        Kernels.conv3d().forward(g, x, w, b, plain);
        Conv3dKernels before = Kernels.conv3d();
        Conv3dProfile.start();
        List<Conv3dProfile.Entry> table;
        try {
            Kernels.conv3d().forward(g, x, w, b, timed);
            Kernels.conv3d().forward(g, x, w, b, timed);
            Kernels.conv3d().backwardData(g, plain, w, new float[g.inputSize()]);
        } finally {
            table = Conv3dProfile.stop();
        }
        assertSame(before, Kernels.conv3d(), "stop restores the kernels");
        assertArrayEquals(plain, timed);
        assertEquals(2, table.size());
        assertEquals("forward", table.get(0).map());
        assertEquals(2, table.get(0).calls());
        assertEquals(2 * g.flops(), table.get(0).flops());
        assertEquals(g, table.get(0).geometry());
        assertEquals("backward_data", table.get(1).map());
        assertEquals(1, table.get(1).calls());
        assertTrue(table.get(0).nanos() > 0);
    }
}
