package rln.fft;

/** Every line transform against the definition; the vectorized ones only where the Vector API is present. */
class LineDftImplementationsTest {
    static final class PairedScalar extends LineDftContract {
        @Override LineDft create(int n) { return LineDft.paired(n, false); }
    }

    static final class PairedVector extends LineDftContract {
        @Override LineDft create(int n) { return VectorSupport.ENABLED ? LineDft.paired(n, true) : LineDft.paired(n, false); }
    }

    /** One Cooley-Tukey step wherever n has a divisor (primes fall back to the paired DFT). */
    static final class FactoredScalar extends LineDftContract {
        @Override LineDft create(int n) { return factored(n, false); }
    }

    static final class FactoredVector extends LineDftContract {
        @Override LineDft create(int n) { return factored(n, VectorSupport.ENABLED); }
    }

    static final class JTransforms extends LineDftContract {
        @Override LineDft create(int n) { return new JTransformsLineDft(n); }
    }

    static LineDft factored(int n, boolean vector) {
        int n1 = FactoredLineDft.balancedFactor(n);
        return n1 > 1 ? new FactoredLineDft(n, n1, k -> LineDft.create(k, vector), LineDft.paired(n, vector)) : LineDft.paired(n, vector);
    }
}
