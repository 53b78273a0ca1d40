package rln.nn;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import rln.tensor.Tensor;

/** Warm starts: an RLN started from an RLN-t is that RLN-t until trained; what cannot be copied is refused. */
class WarmStartTest {

    @Test
    void anRlnStartedFromAnRlnTPredictsExactlyAsIt() {
        LocalizationModel tied = Models.create("rln-t", 3, false, 21), untied = Models.create("rln", 3, false, 5);
        String record = WarmStart.copy(tied, untied);
        assertTrue(record.startsWith("rln-t, 3 passes, parameters sha256 "), record);
        Tensor m = RecurrenceTest.micro(2, 2, 6, 6, 6);
        List<Tensor> a = tied.predict(m), b = untied.predict(m);
        // every pass runs the same numbers through the same kernels: bitwise equal
        for (int k = 0; k < 3; k++) assertTrue(a.get(k).bitwiseEquals(b.get(k)), "pass " + (k + 1));
        // and the networks are copies, not shared: training one pass's network leaves the others
        untied.parameters().get(0).value().set(0, 42);
        assertNotEquals(42.0, untied.parameters().get(tied.parameters().size()).value().get(0));
    }

    @Test
    void anFlnStartsAnRlnTAndTheDigestTellsModelsApart() {
        LocalizationModel fln = Models.create("fln", 1, false, 1), rlnt = Models.create("rln-t", 5, false, 2);
        String d1 = WarmStart.copy(fln, rlnt);
        for (int i = 0; i < fln.parameters().size(); i++) assertTrue(fln.parameters().get(i).value().bitwiseEquals(rlnt.parameters().get(i).value()));
        assertNotEquals(WarmStart.digest(fln), WarmStart.digest(Models.create("fln", 1, false, 2)));
        assertTrue(d1.contains(WarmStart.digest(fln)));
    }

    @Test
    void theAuthorsTransposedWeightsAndAnRlnIntoAnRlnTAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WarmStart.copy(Models.published("RLN_t_c10"), Models.create("rln-t", 5, false, 0)));
        assertTrue(e.getMessage().contains("axes"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> WarmStart.copy(Models.create("rln", 2, false, 0), Models.create("rln-t", 2, false, 0)));
        assertTrue(e.getMessage().contains("no parameter for model."), e.getMessage());
    }
}
