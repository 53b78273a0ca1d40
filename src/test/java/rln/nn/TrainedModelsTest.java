package rln.nn;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import rln.io.InputException;
import rln.tensor.Precision;
import rln.tensor.Tensor;

/** The models trained here and shipped in the jar (trained:NAME): each loads, sees x as axis 0, and has its record. */
class TrainedModelsTest {

    @Test
    void everyShippedTrainedModelLoadsWithItsRecordAndPredictsOn31Cubed() {
        for (String name : Models.trainedInJar()) {
            LocalizationNetwork m = (LocalizationNetwork) Models.shipped("trained:" + name);
            assertEquals(InputAxes.XYZ, m.inputAxes(), name);
            assertEquals(name.startsWith("FLN") ? "fln" : name.startsWith("RLN_t") ? "rln-t" : "rln", m.kind(), name);
            assertNotNull(Models.class.getClassLoader().getResource("rln/trained/" + name + "/RECORD.md"), name + " has no RECORD.md");
            assertNotNull(Models.class.getClassLoader().getResource("rln/trained/" + name + "/curve.png"), name + " has no curve.png");
            Tensor micro = Tensor.zeros(Precision.FLOAT, 1, 31, 31, 31, 1);
            for (int i = 0; i < micro.size(); i += 3) micro.set(i, 1);
            List<Tensor> y = m.predict(micro);
            double mean = 0;
            for (int i = 0; i < y.get(y.size() - 1).size(); i++) mean += y.get(y.size() - 1).get(i);
            // the mean removal of every pass keeps the average strain at the applied one
            assertEquals(1, mean / micro.size(), 1e-4, name);
        }
    }

    /**
     * history.json is what a later session's training stage appends to (bench/recipe/record.py): its stages, in
     * order and without a gap (A, B, C, ... for FLN and RLN-t; B, C, ... for the RLN, which starts from its RLN-t),
     * hold exactly the epochs of the shipped curve.csv, value for value.
     */
    @Test
    void everyShippedHistoryHoldsItsCurveStageByStage() throws IOException {
        for (String name : Models.trainedInJar()) {
            JsonObject history = JsonParser.parseString(resource(name, "history.json")).getAsJsonObject();
            List<String> curve = resource(name, "curve.csv").lines().skip(1).toList();
            char expected = name.startsWith("RLN_c") ? 'B' : 'A'; // bench/recipe/record.py STAGES: the letters A to Z in order
            int row = 0;
            for (JsonElement stage : history.getAsJsonArray("stages")) {
                assertEquals(String.valueOf(expected++), stage.getAsJsonObject().get("stage").getAsString(), name + ": stage order");
                for (JsonElement epoch : stage.getAsJsonObject().getAsJsonArray("epochs")) {
                    JsonObject e = epoch.getAsJsonObject();
                    row++;
                    assertEquals(curve.get(row - 1), String.join(",", String.valueOf(row), e.get("train_loss").getAsString(),
                            e.get("valid_loss").getAsString(), e.get("valid_mase").getAsString(), e.get("lr").getAsString(),
                            e.get("seconds").getAsString()), name + ": epoch " + row);
                }
            }
            assertEquals(curve.size(), row, name + ": curve.csv has epochs the history does not");
        }
    }

    /**
     * A stage whose model is the mean of one epoch's snapshots (bench/recipe/swa.sh, record.py) records it only when it
     * validated better than every epoch of the stage as trained, and names at least two snapshots of that epoch (the
     * checkpoints inside it, epoch-(E-1)-sNNNNNN, and its end, epoch-E).
     */
    @Test
    void anAveragedStageNamesItsSnapshotsAndValidatesBelowItsEpochs() throws IOException {
        for (String name : Models.trainedInJar()) {
            JsonObject history = JsonParser.parseString(resource(name, "history.json")).getAsJsonObject();
            for (JsonElement s : history.getAsJsonArray("stages")) {
                JsonObject stage = s.getAsJsonObject();
                if (!stage.has("average")) continue;
                JsonObject average = stage.getAsJsonObject("average");
                int epoch = average.get("epoch").getAsInt();
                List<String> snapshots = average.getAsJsonArray("snapshots").asList().stream().map(JsonElement::getAsString).toList();
                assertTrue(snapshots.size() >= 2, name + ": an average of " + snapshots);
                for (String snapshot : snapshots)
                    assertTrue(snapshot.equals(String.format("epoch-%04d", epoch)) || snapshot.startsWith(String.format("epoch-%04d-s", epoch - 1)),
                            name + ": " + snapshot + " is not a snapshot of epoch " + epoch);
                if (stage.has("model")) continue;  // a stage that records its model: held to the kept models below
                for (JsonElement e : stage.getAsJsonArray("epochs"))
                    assertTrue(average.get("valid_loss").getAsDouble() < e.getAsJsonObject().get("valid_loss").getAsDouble(),
                            name + ": the average does not validate below every epoch");
            }
        }
    }

    /**
     * A stage that records its "model" (record.py, from 2026-12-07: a stage trained on weighted pass losses lowers the
     * last pass's error, not the paper's mean over the passes) ends with the model of the lowest final-pass validation
     * MASE among those the run keeps: best/ (the epoch of the lowest validation loss), the final model (the last
     * epoch) and, when it has one, its average.
     */
    @Test
    void aStageThatRecordsItsModelEndsWithTheKeptModelOfTheLowestMase() throws IOException {
        for (String name : Models.trainedInJar())
            for (JsonElement s : JsonParser.parseString(resource(name, "history.json")).getAsJsonObject().getAsJsonArray("stages"))
                if (s.getAsJsonObject().has("model")) assertKeptModelOfLowestMase(name, s.getAsJsonObject());
    }

    @Test
    void theKeptModelRuleRejectsAModelThatIsNotTheLowestKept() {
        String epochs = "\"epochs\": [{\"valid_loss\": \"6.0\", \"valid_mase\": \"2.70\"}, {\"valid_loss\": \"6.1\", \"valid_mase\": \"2.66\"}]";
        JsonObject finalWins = JsonParser.parseString("{\"model\": {\"dir\": \"final\", \"epoch\": 2}, " + epochs + "}").getAsJsonObject();
        assertKeptModelOfLowestMase("synthetic", finalWins);
        JsonObject bestLoses = JsonParser.parseString("{\"model\": {\"dir\": \"best\", \"epoch\": 1}, " + epochs + "}").getAsJsonObject();
        assertThrows(AssertionError.class, () -> assertKeptModelOfLowestMase("synthetic", bestLoses));
        JsonObject notKept = JsonParser.parseString("{\"model\": {\"dir\": \"best\", \"epoch\": 2}, " + epochs + "}").getAsJsonObject();
        assertThrows(AssertionError.class, () -> assertKeptModelOfLowestMase("synthetic", notKept));
    }

    private static void assertKeptModelOfLowestMase(String name, JsonObject stage) {
        List<JsonObject> epochs = stage.getAsJsonArray("epochs").asList().stream().map(JsonElement::getAsJsonObject).toList();
        int best = 0;
        for (int i = 1; i < epochs.size(); i++)
            if (epochs.get(i).get("valid_loss").getAsDouble() < epochs.get(best).get("valid_loss").getAsDouble()) best = i;
        double bestMase = epochs.get(best).get("valid_mase").getAsDouble(), finalMase = epochs.get(epochs.size() - 1).get("valid_mase").getAsDouble();
        JsonObject model = stage.getAsJsonObject("model");
        int epoch = model.get("epoch").getAsInt();
        switch (model.get("dir").getAsString()) {
            case "best" -> {
                assertEquals(best + 1, epoch, name + ": best/ is the epoch of the lowest validation loss");
                assertTrue(bestMase <= finalMase, name + ": best/ validates above the final model");
            }
            case "final" -> {
                assertEquals(epochs.size(), epoch, name + ": the final model is the last epoch's");
                assertTrue(finalMase < bestMase, name + ": the final model does not validate below best/");
            }
            case "average" -> {
                JsonObject average = stage.getAsJsonObject("average");
                assertNotNull(average, name + ": the model is an average the stage does not record");
                assertEquals(average.get("epoch").getAsInt(), epoch, name + ": the average's epoch");
                assertTrue(average.get("valid_mase").getAsDouble() < Math.min(bestMase, finalMase), name + ": the average does not validate below the kept models");
            }
            default -> fail(name + ": unknown model " + model);
        }
    }

    private static String resource(String name, String file) throws IOException {
        try (InputStream in = Models.class.getClassLoader().getResourceAsStream("rln/trained/" + name + "/" + file)) {
            assertNotNull(in, name + " has no " + file);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aNameThatIsNotShippedIsOneLineNamingWhatThereIs() {
        InputException e = assertThrows(InputException.class, () -> Models.shipped("trained:RLN_c99"));
        assertTrue(e.getMessage().contains("RLN_c99") && e.getMessage().contains("FLN_c10"), e.getMessage());
        assertNull(Models.shipped("some/directory"));
        assertEquals(1, Models.shipped("published:FLN_c10").passes());
        for (String name : Models.TRAINED)
            if (!Models.trainedInJar().contains(name)) {
                InputException absent = assertThrows(InputException.class, () -> Models.shipped("trained:" + name));
                assertTrue(absent.getMessage().contains("does not hold it"), absent.getMessage());
            }
    }
}
