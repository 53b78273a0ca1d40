package rln.nn;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import rln.autodiff.Parameter;
import rln.io.Json;

/** Parameter counts, names and PyTorch's default initialization (METHOD.md section 4). */
class ModelStructureTest {

    @Test
    void flnAndRlnTHaveThePapersParameterCountAndRlnFiveTimesIt() {
        assertEquals(132_801, Models.create("fln", 1, false, 1).parameterCount());
        assertEquals(132_801, Models.create("rln-t", 5, false, 1).parameterCount(), "tied: one network for all passes");
        assertEquals(5 * 132_801, Models.create("rln", 5, false, 1).parameterCount(), "one network per pass");
    }

    @Test
    @SuppressWarnings("unchecked")
    void parameterNamesAndShapesAreTheAuthorsStateDictInOrder() throws Exception {
        Map<String, Object> manifest = Json.parseObject("manifest", Files.readString(Path.of("src/main/resources/rln/published/manifest.json")));
        List<Object> tensors = (List<Object>) ((Map<String, Object>) ((Map<String, Object>) manifest.get("models")).get("RLN_t_c10")).get("tensors");
        List<Parameter> ours = Models.create("rln-t", 5, false, 1).parameters();
        assertEquals(tensors.size(), ours.size());
        for (int i = 0; i < ours.size(); i++) {
            Map<String, Object> t = (Map<String, Object>) tensors.get(i);
            assertEquals(t.get("name"), ours.get(i).name(), "name of parameter " + i);
            List<Object> shape = (List<Object>) t.get("shape");
            int[] torch = TorchLayout.torchShape(ours.get(i).value().shape());
            assertEquals(shape.size(), torch.length, ours.get(i).name());
            for (int a = 0; a < torch.length; a++) assertEquals(((Long) shape.get(a)).intValue(), torch[a], ours.get(i).name());
        }
        List<String> rln = new ArrayList<>();
        for (Parameter p : Models.create("rln", 5, false, 1).parameters()) rln.add(p.name());
        assertEquals("models.0.conv_begin_1.conv.weight", rln.get(0));
        assertEquals("models.4.output_block.convflat.bias", rln.get(rln.size() - 1));
    }

    @Test
    void initializationIsPyTorchsDefault() {
        LocalizationModel m = Models.create("rln-t", 5, false, 7);
        for (Parameter p : m.parameters()) {
            String name = p.name();
            if (name.contains("activ")) { // PReLU: every slope 0.25
                for (int i = 0; i < p.value().size(); i++) assertEquals(0.25, p.value().get(i), name);
                continue;
            }
            String layer = name.substring("model.".length(), name.lastIndexOf('.'));
            ProximalNetwork.Layer l = ProximalNetwork.LAYERS.stream().filter(x -> x.conv().equals(layer)).findFirst().orElseThrow();
            int k3 = l.kernel() * l.kernel() * l.kernel();
            // PyTorch: fan_in = weight.size(1) * k^3 of ITS layout: cin for Conv3d [Co,Ci,..], cout for ConvTranspose3d [Ci,Co,..]
            double bound = 1 / Math.sqrt((l.transposed() ? l.cout() : l.cin()) * k3);
            double max = 0, sumSq = 0;
            int n = p.value().size();
            for (int i = 0; i < n; i++) {
                double v = p.value().get(i);
                max = Math.max(max, Math.abs(v));
                sumSq += v * v;
            }
            assertTrue(max <= bound, name + ": |w| <= 1/sqrt(fan_in) = " + bound + ", max " + max);
            if (n >= 1000) {
                // U(-b, b): E[w^2] = b^2/3; the sample mean of n >= 1000 squares has relative std
                // sqrt(var(w^2))/(E[w^2] sqrt(n)) = sqrt(4/5)/sqrt(n) <= 2.9 %, so 15 % is over 5 sigma
                assertEquals(bound * bound / 3, sumSq / n, 0.15 * bound * bound / 3, name + ": variance of U(-b, b)");
                assertTrue(max > 0.99 * bound, name + ": draws reach the bound");
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameModelAndAnotherSeedAnother() {
        List<Parameter> a = Models.create("rln", 2, false, 42).parameters(), b = Models.create("rln", 2, false, 42).parameters(),
                c = Models.create("rln", 2, false, 43).parameters();
        for (int i = 0; i < a.size(); i++) assertTrue(a.get(i).value().bitwiseEquals(b.get(i).value()), a.get(i).name());
        assertFalse(a.get(0).value().bitwiseEquals(c.get(0).value()), "another seed, other weights");
        // the untied RLN's networks are initialized independently
        assertFalse(a.get(0).value().bitwiseEquals(a.get(a.size() / 2).value()), "network 0 and network 1 differ");
    }

    @Test
    void kindsAndPassesAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> Models.create("fln", 5, false, 1), "an FLN has one pass");
        assertThrows(IllegalArgumentException.class, () -> Models.create("unet", 1, false, 1));
        assertThrows(IllegalArgumentException.class, () -> Models.create("cnn", 5, false, 1), "the comparison CNN has one pass");
        assertThrows(IllegalArgumentException.class, () -> Models.create("rln-t", 0, false, 1));
    }
}
