package rln.io;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * VTK XML ImageData (.vti) files of voxel fields, for ParaView or VisIt.
 * <pre>
 *   &lt;VTKFile type="ImageData" version="1.0" byte_order="LittleEndian"&gt;
 *     &lt;ImageData WholeExtent="0 nx 0 ny 0 nz" Origin="0 0 0" Spacing="1 1 1"&gt;
 *       &lt;Piece Extent="0 nx 0 ny 0 nz"&gt;  &lt;CellData&gt; one DataArray per field &lt;/CellData&gt;
 * </pre>
 * The extents count grid POINTS (voxel corners), so nx x ny x nz voxels are cells, and each field is CellData:
 * cell (i, j, k) is voxel (i, j, k) with x = array axis 0, spanning [i, i+1] x [j, j+1] x [k, k+1] (spacing 1,
 * origin 0, voxel centre at (i+1/2, j+1/2, k+1/2) as in INTERFACES.md). VTK lists cells x fastest,
 * index i + nx (j + ny k), the transpose of our C order (z fastest); the writer reorders.
 *
 * <p>Encoding: format="ascii". Every VTK reader (ParaView, VisIt, meshio, pyvista) reads it, a reader of the
 * file can check a value with a text editor, and values round-trip exactly (Java's shortest round-trip decimal
 * form: {@link Float#toString} for Float32 arrays, {@link Double#toString} for Float64). The cost is size
 * (about 1.5 MB for four fields on 31^3 voxels), irrelevant here. Written atomically.
 */
public final class VtiWriter {
    private VtiWriter() {}

    /** A named voxel field, C order: {@code values} is a byte[] (UInt8), float[] (Float32) or double[] (Float64). */
    public record Field(String name, Object values) {
        public Field {
            if (!(values instanceof byte[] || values instanceof float[] || values instanceof double[]))
                throw new IllegalArgumentException("field " + name + ": values must be byte[], float[] or double[]");
            if (!name.matches("[A-Za-z0-9_.\\-]+")) throw new IllegalArgumentException("field name '" + name + "' (letters, digits, _ . - only)");
        }

        int length() {
            if (values instanceof byte[] b) return b.length;
            if (values instanceof float[] f) return f.length;
            return ((double[]) values).length;
        }

        String vtkType() {
            return values instanceof byte[] ? "UInt8" : values instanceof float[] ? "Float32" : "Float64";
        }

        /** The value at C-order index c as the shortest decimal text that reads back to the same number. */
        String text(int c) {
            if (values instanceof byte[] b) return Integer.toString(b[c] & 0xff);
            if (values instanceof float[] f) return Float.toString(f[c]);
            return Double.toString(((double[]) values)[c]);
        }
    }

    /** Writes the fields on the nx x ny x nz voxel grid to {@code out}, atomically. */
    public static void write(Path out, int nx, int ny, int nz, List<Field> fields) throws IOException {
        int v = nx * ny * nz;
        for (Field f : fields)
            if (f.length() != v) throw new IllegalArgumentException("field " + f.name() + " has " + f.length() + " values, grid " + v);
        AtomicFiles.write(out, stream -> {
            Writer w = new OutputStreamWriter(stream, StandardCharsets.US_ASCII);
            String extent = "0 " + nx + " 0 " + ny + " 0 " + nz;
            w.write("<?xml version=\"1.0\"?>\n");
            w.write("<VTKFile type=\"ImageData\" version=\"1.0\" byte_order=\"LittleEndian\">\n");
            w.write("  <ImageData WholeExtent=\"" + extent + "\" Origin=\"0 0 0\" Spacing=\"1 1 1\">\n");
            w.write("    <Piece Extent=\"" + extent + "\">\n");
            w.write("      <PointData>\n      </PointData>\n");
            w.write(fields.isEmpty() ? "      <CellData>\n" : "      <CellData Scalars=\"" + fields.get(0).name() + "\">\n");
            for (Field f : fields) {
                w.write("        <DataArray type=\"" + f.vtkType() + "\" Name=\"" + f.name() + "\" NumberOfComponents=\"1\" format=\"ascii\">\n");
                int column = 0;
                for (int k = 0; k < nz; k++)            // VTK order: x fastest, then y, then z
                    for (int j = 0; j < ny; j++)
                        for (int i = 0; i < nx; i++) {
                            w.write(column == 0 ? "          " : " ");
                            w.write(f.text((i * ny + j) * nz + k));
                            if (++column == 10) {
                                w.write('\n');
                                column = 0;
                            }
                        }
                if (column != 0) w.write('\n');
                w.write("        </DataArray>\n");
            }
            w.write("      </CellData>\n    </Piece>\n  </ImageData>\n</VTKFile>\n");
            w.flush();
        });
    }
}
