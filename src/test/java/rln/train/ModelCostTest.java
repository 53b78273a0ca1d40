package rln.train;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import rln.nn.CnnArchitecture;
import rln.nn.ComparisonCnn;
import rln.nn.Models;
import rln.nn.ProximalNetwork;
import rln.tensor.Precision;

/** The efficiency column of the README's table: parameters and FLOPs per 31^3 sample of every model. */
class ModelCostTest {

    @Test
    void everyModelOnA31CubedSample() {
        int n = 31, V = n * n * n;
        ModelCost fln = ModelCost.of(Models.create("fln", 1, false, 0), n, n, n);
        ModelCost rlnT = ModelCost.of(Models.create("rln-t", 5, false, 0), n, n, n);
        ModelCost rln = ModelCost.of(Models.create("rln", 5, false, 0), n, n, n);
        ModelCost cnn = ModelCost.of(ComparisonCnn.initialized(new CnnArchitecture(11, 3, 128, 256, 2048, 8), Precision.FLOAT, 0), n, n, n);
        assertEquals(132_801, fln.parameters());
        assertEquals(132_801, rlnT.parameters(), "tied: one network");
        assertEquals(5 * 132_801, rln.parameters());
        assertEquals(ProximalNetwork.forwardFlops(1, n, n, n), fln.flopsPerSample());
        assertEquals(5 * fln.flopsPerSample(), rlnT.flopsPerSample());
        assertEquals(rlnT.flopsPerSample(), rln.flopsPerSample(), "untied: the same work per pass");
        // the paper's CNN (the 28 M parameters are not allocated here: a narrower dense2 of the same arithmetic form)
        CnnArchitecture paper = CnnArchitecture.paper();
        double perVoxel = 2.0 * (99 * 128 + 1152 * 256) + 2.0 * (12544.0 * 2048 + 2048 * 1024 + 1024);
        assertEquals(perVoxel, paper.flopsPerVoxelShared());
        assertEquals(V * new CnnArchitecture(11, 3, 128, 256, 2048, 8).flopsPerVoxelShared(), cnn.flopsPerSample());
        double paperCnn = V * paper.flopsPerVoxelShared();
        System.out.printf(java.util.Locale.ROOT, "per 31^3 sample: FLN %.2f GFLOP, RLN-t and RLN %.2f GFLOP, CNN %.1f GFLOP (patch by patch %.1f), RLN / CNN = %.4f%n",
                fln.flopsPerSample() / 1e9, rlnT.flopsPerSample() / 1e9, paperCnn / 1e9, V * paper.flopsPerPatch() / 1e9, rlnT.flopsPerSample() / paperCnn);
        assertTrue(rlnT.flopsPerSample() < 0.05 * paperCnn, "the recurrent networks cost a few percent of the CNN");
    }
}
