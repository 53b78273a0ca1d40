package rln.fft;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/**
 * The reference itself, on fields whose transforms are known by hand. Tolerance 1e-12 * N: each output sums N
 * terms of size <= 1 with phases exact to an ulp (N eps = 1e-13 * N at most here).
 */
class ReferenceRealFft3Test {
    static final int NX = 4, NY = 3, NZ = 6, N = NX * NY * NZ, NZC = NZ / 2 + 1;
    final RealFft3 ref = new ReferenceRealFft3(NX, NY, NZ);

    double[] forward(double[] x) {
        double[] X = new double[ref.spectrumLength()];
        ref.forward(x, X);
        return X;
    }

    @Test
    void aUnitImpulseAtTheOriginHasAFlatSpectrum() {
        double[] x = new double[N];
        x[0] = 1;
        double[] X = forward(x);
        for (int i = 0; i < X.length; i += 2) {
            assertEquals(1, X[i], 1e-12 * N);
            assertEquals(0, X[i + 1], 1e-12 * N);
        }
    }

    @Test
    void aPlaneWaveHasOnePeakOfHalfTheVolume() {
        // x = cos(2 pi (p0 i/nx + q0 j/ny + s0 k/nz)) -> X = N/2 at (p0, q0, s0) and at (-p0, -q0, -s0), which for
        // 0 < s0 < nz/2 is outside the stored half; so exactly one stored peak
        int p0 = 1, q0 = 2, s0 = 2;
        double[] x = new double[N];
        for (int i = 0; i < NX; i++)
            for (int j = 0; j < NY; j++)
                for (int k = 0; k < NZ; k++)
                    x[(i * NY + j) * NZ + k] = Math.cos(2 * Math.PI * ((double) p0 * i / NX + (double) q0 * j / NY + (double) s0 * k / NZ));
        double[] X = forward(x);
        for (int p = 0; p < NX; p++)
            for (int q = 0; q < NY; q++)
                for (int s = 0; s < NZC; s++) {
                    int o = 2 * ((p * NY + q) * NZC + s);
                    double expected = p == p0 && q == q0 && s == s0 ? N / 2.0 : 0;
                    assertEquals(expected, X[o], 1e-12 * N, "Re X(" + p + "," + q + "," + s + ")");
                    assertEquals(0, X[o + 1], 1e-12 * N, "Im X(" + p + "," + q + "," + s + ")");
                }
        double[] back = new double[N];
        ref.inverse(X, back);
        for (int i = 0; i < N; i++) assertEquals(x[i], back[i], 1e-12 * N);
    }

    @Test
    void theNyquistPlaneOfAnAlternatingField() {
        // x = (-1)^k -> X = N at (0, 0, nz/2) only
        double[] x = new double[N];
        for (int i = 0; i < N; i++) x[i] = (i % NZ) % 2 == 0 ? 1 : -1;
        double[] X = forward(x);
        for (int o = 0; o < X.length; o++) {
            double expected = o == 2 * (NZ / 2) ? N : 0;
            assertEquals(expected, X[o], 1e-12 * N, "entry " + o);
        }
    }
}
