package rln.fft;

/** The plain Java paired DFT against the definition. */
class PairedLineDftTest extends LineDftContract {
    @Override
    LineDft create(int n) {
        return LineDft.paired(n, false);
    }
}
