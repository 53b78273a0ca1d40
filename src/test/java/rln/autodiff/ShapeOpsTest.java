package rln.autodiff;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import net.jqwik.api.*;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import rln.tensor.Precision;
import rln.tensor.Tensor;

class ShapeOpsTest {

    @Property(tries = 25, seed = "20260331")
    void concatPadAndCropGradients(@ForAll @IntRange(min = 0, max = 2) int which, @ForAll @IntRange(min = 1, max = 2) int n,
                                   @ForAll @IntRange(min = 1, max = 4) int d, @ForAll @IntRange(min = 1, max = 3) int c,
                                   @ForAll @IntRange(min = 0, max = 3) int before, @ForAll @IntRange(min = 0, max = 3) int after,
                                   @ForAll @IntRange(min = 0, max = 1000) int seed) {
        Random rnd = new Random(seed);
        List<Tensor> in;
        Function<List<Var>, Var> f;
        String name;
        int terms = 1; // most contributions any gradient entry sums
        if (which == 0) {
            name = "concatChannels";
            in = List.of(GradCheck.random(rnd, n, d, 2, d, c), GradCheck.random(rnd, n, d, 2, d, 1), GradCheck.random(rnd, n, d, 2, d, 2));
            f = v -> ShapeOps.concatChannels(v.get(0), v.get(1), v.get(2));
        } else if (which == 1) {
            name = "circularPad";
            in = List.of(GradCheck.random(rnd, n, d, 2, d, c));
            f = v -> ShapeOps.circularPad(v.get(0), before, after);
            int perAxis = (d + before + after + d - 1) / d; // reads of one voxel along an axis of size d (<= ceil)
            terms = perAxis * perAxis * perAxis * 8;
        } else {
            int D = d + before + after;
            name = "crop";
            in = List.of(GradCheck.random(rnd, n, D, 2 + before + after, D, c));
            f = v -> ShapeOps.crop(v.get(0), before, after);
        }
        GradCheck.check(name, f, in, seed);
        // float: copies are exact; a gradient entry sums <= terms values of magnitude <= 1: <= terms^2 u
        GradCheck.floatMatchesDouble(name, f, in, seed, 0, (double) terms * terms * GradCheck.U);
    }

    @Test
    void padThenCropIsTheIdentityAndPadWrapsAround() {
        // the proximal network's 31 -> 36 -> 31, here on 5 -> 10 -> 5 with the same 2 before, 3 after
        Random rnd = new Random(7);
        Tensor x = GradCheck.random(rnd, 2, 5, 5, 5, 3);
        for (Precision p : Precision.values()) {
            Var xp = Var.constant(x.to(p));
            Var padded = ShapeOps.circularPad(xp, 2, 3);
            assertArrayEquals(new int[] {2, 10, 10, 10, 3}, padded.shape());
            assertEquals(0, ShapeOps.crop(padded, 2, 3).value().maxAbsDiff(xp.value()));
            // y[0, 0, 1, 9, 2] = x[0, (0-2) mod 5, (1-2) mod 5, (9-2) mod 5, 2] = x[0, 3, 4, 2, 2]
            assertEquals(x.to(p).get(0, 3, 4, 2, 2), padded.value().get(0, 0, 1, 9, 2));
        }
    }

    @Test
    void concatPutsChannelsInArgumentOrder() {
        Var a = Var.constant(Tensor.wrap(new double[] {1, 2, 3, 4}, 1, 1, 1, 2, 2));
        Var b = Var.constant(Tensor.wrap(new double[] {9, 8}, 1, 1, 1, 2, 1));
        assertArrayEquals(new double[] {1, 2, 9, 3, 4, 8}, ShapeOps.concatChannels(a, b).value().toDoubles());
        Var bad = Var.constant(Tensor.zeros(Precision.DOUBLE, 1, 1, 2, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> ShapeOps.concatChannels(a, bad));
    }
}
