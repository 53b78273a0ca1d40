package rln.micro;

import java.util.SplittableRandom;

/**
 * Independent random streams derived from one dataset seed, so that sample {@code i} is the same whoever
 * makes it: a single run, shard 2 of 7, or a worker thread that happens to pick it up.
 * <pre>
 *   stream(seed, domain, index) = SplittableRandom( mix(mix(mix(seed) + domain) + index) )
 *   mix = the SplitMix64 finaliser (Steele, Lea, Flood 2014), a bijection of the 64-bit integers
 * </pre>
 * {@code domain} separates the uses of one seed (the per-sample noise, the Latin-hypercube permutation of
 * each parameter), so no two uses ever share a stream.
 */
public final class SeededStreams {
    private SeededStreams() {}

    /** Domain of the per-sample streams (noise, jitter inside an LHS stratum, positions of inclusions). */
    public static final long SAMPLE = 0x5A4D_504C_4531L;
    /** Domain of the Latin-hypercube permutations; parameter p uses index p. */
    public static final long LHS = 0x4C48_5350_4552L;

    /** The stream for ({@code seed}, {@code domain}, {@code index}); a fresh object on every call. */
    public static SplittableRandom stream(long seed, long domain, long index) {
        return new SplittableRandom(mix(mix(mix(seed) + domain) + index));
    }

    /** SplitMix64's output function: z -> (z ^ z>>>30) * c1 -> (z ^ z>>>27) * c2 -> z ^ z>>>31. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
