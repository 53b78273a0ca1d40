package rln.fft;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/**
 * One Cooley-Tukey step wherever n has a divisor (primes fall back to the paired DFT), against the definition;
 * vectorized inner and outer transforms where available (the plain Java variant: FactoredScalarLineDftTest).
 */
class FactoredLineDftTest extends LineDftContract {
    @Override
    LineDft create(int n) {
        return factored(n, LineDft.VECTOR);
    }

    static LineDft factored(int n, boolean vector) {
        int n1 = FactoredLineDft.balancedFactor(n);
        return n1 > 1 ? new FactoredLineDft(n, n1, k -> LineDft.create(k, vector), LineDft.paired(n, vector)) : LineDft.paired(n, vector);
    }

    @Test
    void balancedFactorIsTheLargestDivisorUpToTheSquareRoot() {
        assertEquals(8, FactoredLineDft.balancedFactor(128)); // 128 = 8 * 16
        assertEquals(7, FactoredLineDft.balancedFactor(63));  // 63 = 7 * 9
        assertEquals(8, FactoredLineDft.balancedFactor(64));
        assertEquals(1, FactoredLineDft.balancedFactor(127));
        assertEquals(1, FactoredLineDft.balancedFactor(31));
    }

    @Test
    void theDefaultChoiceCoversEveryKind() {
        assertInstanceOf(FactoredLineDft.class, LineDft.create(64));
        assertInstanceOf(PairedLineDft.class, LineDft.create(31));
        assertInstanceOf(PairedLineDft.class, LineDft.create(127));
        assertEquals(LineDft.VECTOR, LineDft.create(31) instanceof VectorPairedLineDft);
        assertEquals(5, LineDft.largestPrimeFactor(120));
        assertEquals(127, LineDft.largestPrimeFactor(127));
    }
}
