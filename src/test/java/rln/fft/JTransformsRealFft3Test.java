package rln.fft;

/** The baseline: JTransforms' complex 3D transform on the real field. */
class JTransformsRealFft3Test extends RealFft3Contract {
    @Override
    RealFft3 create(int nx, int ny, int nz) {
        return new JTransformsRealFft3(nx, ny, nz);
    }

    @Override
    int minLength() {
        return 2;
    }
}
