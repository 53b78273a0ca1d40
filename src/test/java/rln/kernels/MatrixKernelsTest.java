package rln.kernels;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import rln.util.VectorSupport;

/** The products {@link MatrixKernels#best()} chose at start-up, under the shared contract. */
class MatrixKernelsTest extends MatrixProductsContract {
    @Override
    protected MatrixProducts products() {
        return MatrixKernels.best();
    }

    @Test
    void theExpectedImplementationWasChosen() {
        if (VectorSupport.enabled()) assertTrue(MatrixKernels.best().name().startsWith("vector"), MatrixKernels.best().name());
        else assertEquals("scalar", MatrixKernels.best().name(), VectorSupport.describe());
    }
}
