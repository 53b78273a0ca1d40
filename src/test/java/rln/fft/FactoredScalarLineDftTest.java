package rln.fft;

/** {@link FactoredLineDft} built from plain Java paired DFTs, against the definition. */
class FactoredScalarLineDftTest extends LineDftContract {
    @Override
    LineDft create(int n) {
        return FactoredLineDftTest.factored(n, false);
    }
}
