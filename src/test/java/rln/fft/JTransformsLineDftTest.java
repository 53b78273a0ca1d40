package rln.fft;

/** JTransforms' 1D FFT behind the line interface, against the definition. */
class JTransformsLineDftTest extends LineDftContract {
    @Override
    LineDft create(int n) {
        return new JTransformsLineDft(n);
    }
}
