package rln;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures;
import java.util.Arrays;

/**
 * The packages depend one way (STYLE.md): micro -> solve -> io -> nn/train -> cli, on top of the numerical
 * libraries. Each layer below may be used only by the layers above it; every class of the project belongs to
 * a layer (a new package must be placed here); and no two packages, at any depth, depend on each other.
 * Main classes only: tests may reach across layers to build their fixtures.
 */
@AnalyzeClasses(packages = "rln", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Bottom to top; each layer: its name and packages. Data and nn/train stand side by side above io. */
    static final String[][] LAYERS = {
        {"util", "rln.util.."},
        {"tensor", "rln.tensor.."},
        {"numerics", "rln.elastic..", "rln.fft..", "rln.kernels..", "rln.autodiff.."},
        {"micro", "rln.micro.."},
        {"solve", "rln.solve.."},
        {"io", "rln.io.."},
        {"data", "rln.data.."},
        {"nn/train", "rln.nn..", "rln.train.."},
        {"design", "rln.design.."},
        {"cli", "rln.demo..", "rln.cli.."},
    };

    /** The pairs of side-by-side layers (neither uses the other). */
    static boolean siblings(String a, String b) {
        return (a.equals("data") && b.equals("nn/train")) || (a.equals("nn/train") && b.equals("data"));
    }

    @ArchTest
    static final ArchRule layersDependOneWay = layers();

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("rln.(**)").should().beFreeOfCycles();

    static ArchRule layers() {
        Architectures.LayeredArchitecture arch = Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true).ensureAllClassesAreContainedInArchitecture();
        for (String[] layer : LAYERS) arch = arch.layer(layer[0]).definedBy(Arrays.copyOfRange(layer, 1, layer.length));
        for (int i = 0; i < LAYERS.length - 1; i++) {
            String name = LAYERS[i][0];
            String[] above = Arrays.stream(LAYERS, i + 1, LAYERS.length).map(l -> l[0]).filter(l -> !siblings(name, l)).toArray(String[]::new);
            arch = arch.whereLayer(name).mayOnlyBeAccessedByLayers(above);
        }
        return arch.whereLayer(LAYERS[LAYERS.length - 1][0]).mayNotBeAccessedByAnyLayer();
    }
}
