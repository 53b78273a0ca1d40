package rln.fft;

/** The scalar fallback (what runs without jdk.incubator.vector or with -Drln.vector=false). */
class RowColumnScalarRealFft3Test extends RealFft3Contract {
    @Override
    RealFft3 create(int nx, int ny, int nz) {
        return new RowColumnRealFft3(nx, ny, nz, 1, k -> LineDft.create(k, false));
    }
}
