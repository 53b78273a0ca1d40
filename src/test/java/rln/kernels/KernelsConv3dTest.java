package rln.kernels;

import rln.util.VectorSupport;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/**
 * The kernels {@link Kernels#conv3d()} chose at start-up, under the shared contract: the Vector API kernels in
 * the default test run, the scalar fallback in the surefire execution "scalar-fallback" (-Drln.vector=false).
 */
class KernelsConv3dTest extends Conv3dContract {
    @Override
    protected Conv3dKernels kernels() {
        return Kernels.conv3d();
    }

    @Test
    void theExpectedImplementationWasChosen() {
        boolean forcedOff = "false".equals(System.getProperty("rln.vector"));
        boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        assertEquals(!forcedOff && module, VectorSupport.enabled(), VectorSupport.describe());
        if (forcedOff) assertEquals("scalar", Kernels.conv3d().name(), "-Drln.vector=false must select the fallback");
        else if (module) assertTrue(Kernels.conv3d().name().startsWith("vector"), Kernels.conv3d().name());
    }
}
