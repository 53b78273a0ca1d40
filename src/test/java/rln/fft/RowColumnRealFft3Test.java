package rln.fft;

/** The default implementation: row-column passes of vectorized (when available) paired-DFT lines. */
class RowColumnRealFft3Test extends RealFft3Contract {
    @Override
    RealFft3 create(int nx, int ny, int nz) {
        return new RowColumnRealFft3(nx, ny, nz);
    }
}
