package rln.design;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What {@code rln design} optimizes, under a unit applied eps_xx (every other component 0) and a held stiff-phase
 * volume fraction:
 * <ul>
 * <li>{@link #MATRIX_PEAK}: J = (mean over the soft phase of eps_xx^p)^(1/p), minimized ({@link MatrixPeak});
 *     through the FE solver or a network (which predicts eps_xx).</li>
 * <li>{@link #C11_MAX}, {@link #C11_MIN}: the effective C11 = mean sigma_xx, maximized or minimized
 *     ({@link EffectiveC11}); FE only, a network predicts eps_xx alone and no stress.</li>
 * </ul>
 */
public enum Objective {
    MATRIX_PEAK("matrix-peak", 1, true, 1),
    C11_MAX("c11-max", -1, false, 3),
    C11_MIN("c11-min", 1, false, 1);

    public final String cliName;
    /** +1: the optimizer minimizes the objective, -1: it minimizes its negative. */
    public final int sign;
    /** Whether a network can evaluate it (it needs eps_xx only). */
    public final boolean throughModel;
    /**
     * The SIMP exponent q of {@link Interpolation} that leaves grey voxels no advantage: linear (q = 1, the stiffest
     * mixture) when the design wants compliance or uniform strain, q = 3 when it wants stiffness.
     */
    public final double defaultPenalization;

    Objective(String cliName, int sign, boolean throughModel, double defaultPenalization) {
        this.cliName = cliName;
        this.sign = sign;
        this.throughModel = throughModel;
        this.defaultPenalization = defaultPenalization;
    }

    public static Objective parse(String name) {
        for (Objective o : values()) if (o.cliName.equals(name)) return o;
        throw new IllegalArgumentException("unknown objective '" + name + "' (expected "
                + Arrays.stream(values()).map(o -> o.cliName).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String toString() {
        return cliName;
    }
}
