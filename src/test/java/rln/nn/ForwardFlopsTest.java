package rln.nn;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import rln.kernels.Conv3dProfile;
import rln.tensor.Precision;
import rln.tensor.Tensor;

/** {@link ProximalNetwork#forwardFlops}: the FLOPs the benchmarks divide by are those of the kernel calls a forward makes. */
class ForwardFlopsTest {

    @Test
    void thePapersGridByHand() {
        // 36^3 after padding, 18^3 after the down block: 2 * voxels * cin * cout * k^3 per layer
        double f = 2.0 * 36 * 36 * 36 * (6 * 16 * 27 + 16 * 16 * 27 + 48 * 32 * 27 + 32 * 16 * 27 + 16)
                + 2.0 * 18 * 18 * 18 * (16 * 32 * 8 + 2 * 32 * 32 * 27 + 32 * 32 * 8);
        assertEquals(f, ProximalNetwork.forwardFlops(1, 31, 31, 31));
        assertEquals(3 * f, ProximalNetwork.forwardFlops(3, 31, 31, 31));
    }

    @Test
    void equalsTheFlopsOfTheConvolutionsOfOneForward() {
        for (int n : new int[] {5, 6}) { // odd and even grids (padded 2 + 3 and 2 + 2)
            LocalizationModel fln = Models.create("fln", 1, false, 1);
            Tensor micro = Tensor.zeros(Precision.FLOAT, 2, n, n, n, 1);
            for (int i = 0; i < micro.size(); i += 3) micro.set(i, 1);
            Conv3dProfile.start();
            List<Conv3dProfile.Entry> calls;
            try {
                fln.predict(micro);
            } finally {
                calls = Conv3dProfile.stop();
            }
            double sum = 0;
            long count = 0;
            for (Conv3dProfile.Entry e : calls) {
                sum += e.flops();
                count += e.calls();
            }
            assertEquals(9, count, "nine convolution layers");
            assertEquals(ProximalNetwork.forwardFlops(2, n, n, n), sum, 1e-6 * sum, "n = " + n);
        }
    }
}
