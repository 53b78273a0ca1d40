package rln.train;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import rln.autodiff.Parameter;

/** The uniform mean of parameter sets: a mean of one set is the set, of two the midpoint, rounded once. */
class ParameterMeanTest {
    @Test
    void theMeanOfOneSetIsItAndOfTwoTheMidpoint() {
        Random r = new Random(8);
        List<Parameter> a = List.of(WeightAverageTest.floats("w", r, 9), WeightAverageTest.doubles("b", r, 2));
        List<Parameter> b = List.of(WeightAverageTest.floats("w", r, 9), WeightAverageTest.doubles("b", r, 2));
        List<Parameter> into = List.of(WeightAverageTest.floats("w", r, 9), WeightAverageTest.doubles("b", r, 2));
        ParameterMean one = new ParameterMean(into);
        one.add(a);
        one.writeInto();
        for (int k = 0; k < 2; k++) assertTrue(into.get(k).value().bitwiseEquals(a.get(k).value()), "parameter " + k);
        ParameterMean two = new ParameterMean(into);
        two.add(a);
        two.add(b);
        assertEquals(2, two.count());
        two.writeInto();
        for (int i = 0; i < 9; i++) // two floats sum exactly in double: the mean is rounded once, to float
            assertEquals((float) (((double) a.get(0).value().floats()[i] + b.get(0).value().floats()[i]) / 2), into.get(0).value().floats()[i], 0);
        for (int i = 0; i < 2; i++)
            assertEquals((a.get(1).value().doubles()[i] + b.get(1).value().doubles()[i]) / 2, into.get(1).value().doubles()[i], 0);
        assertThrows(IllegalArgumentException.class, () -> two.add(List.of(a.get(0))));
        assertThrows(IllegalArgumentException.class, () -> two.add(List.of(a.get(0), WeightAverageTest.doubles("b", r, 3))));
        assertThrows(IllegalStateException.class, () -> new ParameterMean(into).writeInto());
    }
}
