package rln.fft;

/** The vectorized paired DFT against the definition (the plain one where the Vector API is absent). */
class VectorPairedLineDftTest extends LineDftContract {
    @Override
    LineDft create(int n) {
        return LineDft.paired(n, LineDft.VECTOR);
    }
}
