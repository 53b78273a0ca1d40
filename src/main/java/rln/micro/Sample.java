package rln.micro;

import java.util.Map;

/**
 * One generated microstructure.
 *
 * @param phase      per voxel, C order: 0 = soft matrix, 1 = stiff
 * @param parameters what made it (names as in meta.json), values Integer, Double or String, in a fixed order
 */
public record Sample(byte[] phase, Map<String, Object> parameters) {

    /** The stiff (phase 1) volume fraction. */
    public static double stiffFraction(byte[] phase) {
        long ones = 0;
        for (byte b : phase) ones += b;
        return (double) ones / phase.length;
    }
}
