package rln.fft;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** The multi-threaded row-column transform: the whole contract, and bitwise equality with one thread. */
class ThreadedRowColumnRealFft3Test extends RealFft3Contract {
    @Override
    RealFft3 create(int nx, int ny, int nz) {
        return RealFft3.create(nx, ny, nz, 3);
    }

    @Test
    void sameBitsForAnyThreadCount() {
        // every line is computed by the same code whatever the partition (x pass split at whole column blocks)
        int[][] shapes = {{31, 31, 31}, {7, 40, 9}, {2, 3, 64}};
        for (int[] s : shapes) {
            RealFft3 one = RealFft3.create(s[0], s[1], s[2], 1);
            double[] x = gaussian(one.realLength(), 5);
            double[] X1 = forward(one, x), x1 = inverse(one, X1);
            for (int t : new int[] {2, 3, 5}) {
                RealFft3 many = RealFft3.create(s[0], s[1], s[2], t);
                assertArrayEquals(X1, forward(many, x), "forward, threads " + t);
                assertArrayEquals(x1, inverse(many, X1), "inverse, threads " + t);
            }
        }
    }
}
