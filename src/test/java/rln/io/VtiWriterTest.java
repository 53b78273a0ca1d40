package rln.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class VtiWriterTest {

    @Test
    void parsedBackWithTheJdkXmlParserEqualsTheWrittenArraysInVtkOrder(@TempDir Path dir) throws Exception {
        int nx = 4, ny = 3, nz = 5, v = nx * ny * nz;
        Random rnd = new Random(17);
        byte[] phase = new byte[v];
        float[] pred = new float[v];
        double[] truth = new double[v];
        for (int x = 0; x < v; x++) {
            phase[x] = (byte) rnd.nextInt(2);
            pred[x] = (float) rnd.nextGaussian() * 1e-3f;
            truth[x] = rnd.nextGaussian() * 1e7;
        }
        Path out = dir.resolve("f.vti");
        VtiWriter.write(out, nx, ny, nz, List.of(new VtiWriter.Field("phase", phase),
                new VtiWriter.Field("exx_pred", pred), new VtiWriter.Field("exx_fe", truth)));

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.toFile());
        Element root = doc.getDocumentElement();
        assertEquals("VTKFile", root.getTagName());
        assertEquals("ImageData", root.getAttribute("type"));
        Element image = (Element) root.getElementsByTagName("ImageData").item(0);
        assertEquals("0 4 0 3 0 5", image.getAttribute("WholeExtent"));   // point extents: cells = voxels
        assertEquals("0 0 0", image.getAttribute("Origin"));
        assertEquals("1 1 1", image.getAttribute("Spacing"));
        Element cells = (Element) root.getElementsByTagName("CellData").item(0);
        NodeList arrays = cells.getElementsByTagName("DataArray");
        assertEquals(3, arrays.getLength());
        String[] names = {"phase", "exx_pred", "exx_fe"}, types = {"UInt8", "Float32", "Float64"};
        for (int a = 0; a < 3; a++) {
            Element da = (Element) arrays.item(a);
            assertEquals(names[a], da.getAttribute("Name"));
            assertEquals(types[a], da.getAttribute("type"));
            assertEquals("ascii", da.getAttribute("format"));
            String[] tokens = da.getTextContent().trim().split("\\s+");
            assertEquals(v, tokens.length);
            // VTK cell index c = i + nx (j + ny k) holds our voxel (i, j, k) = C-order index (i ny + j) nz + k
            for (int k = 0; k < nz; k++) for (int j = 0; j < ny; j++) for (int i = 0; i < nx; i++) {
                int c = i + nx * (j + ny * k), ours = (i * ny + j) * nz + k;
                switch (a) {
                    case 0 -> assertEquals(phase[ours], Integer.parseInt(tokens[c]));
                    case 1 -> assertEquals(pred[ours], Float.parseFloat(tokens[c]));       // exact round trip
                    default -> assertEquals(truth[ours], Double.parseDouble(tokens[c]));   // exact round trip
                }
            }
        }
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }
}
