package rln.solve;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The discretizations {@code rln solve --element} offers. */
public enum Element {
    /** 8-node hexahedra, 2x2x2 Gauss points, B-bar (Abaqus C3D8): the project's default ground truth. */
    HEX8_BBAR("hex8-bbar"),
    /** 8-node hexahedra, full 2x2x2 integration (SfePy's Q1). */
    HEX8("hex8"),
    /** Galerkin projection with conjugate gradients (Zeman et al. 2010). */
    SPECTRAL("spectral"),
    /** The basic fixed-point scheme (Moulinec and Suquet). */
    BASIC("basic");

    public final String cliName;

    Element(String cliName) {
        this.cliName = cliName;
    }

    public static Element parse(String name) {
        for (Element e : values()) if (e.cliName.equalsIgnoreCase(name)) return e;
        throw new IllegalArgumentException("unknown element '" + name + "' (expected one of "
                + Arrays.stream(values()).map(e -> e.cliName).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String toString() {
        return cliName;
    }
}
