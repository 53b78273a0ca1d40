package rln;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import rln.elastic.Hex8;
import rln.fft.LineDft;
import rln.kernels.Kernels;
import rln.kernels.MatrixKernels;
import rln.kernels.PointwisePrelu;
import rln.solve.hex8.FastHex8Operator;
import rln.solve.hex8.Hex8Grid;
import rln.util.VectorSupport;

/**
 * The one Vector API decision ({@link VectorSupport}) and every kernel family follows it: the vector versions in
 * the default test run (surefire starts the JVM with --add-modules jdk.incubator.vector), the plain-Java ones in
 * the execution "scalar-fallback" (-Drln.vector=false), which reruns each family's contract.
 */
class VectorChoiceTest {

    @Test
    void everyKernelFamilyFollowsTheOneDecision() {
        boolean forcedOff = "false".equals(System.getProperty("rln.vector"));
        boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        boolean vector = VectorSupport.enabled();
        assertEquals(!forcedOff && module, vector, VectorSupport.describe());
        assertEquals(vector, Kernels.conv3d().name().startsWith("vector"), "convolutions: " + Kernels.conv3d().name());
        assertEquals(vector, PointwisePrelu.VECTOR, "PReLU");
        assertEquals(vector, MatrixKernels.best().name().startsWith("vector"), "matrix products: " + MatrixKernels.best().name());
        assertEquals(vector, LineDft.VECTOR, "FFT line transforms");
        String element = new FastHex8Operator(new Hex8Grid(2, 2, 2), new double[Hex8.DOFS][Hex8.DOFS], 1).kernelName();
        assertEquals(vector ? "VectorElementKernel" : "ScalarElementKernel", element, "FE element kernel");
    }
}
