package rln.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Writes a dataset directory (micro.npy, strain.npy or exx.npy, meta.json) atomically: everything goes into a
 * temporary sibling directory, and only {@link #finish} renames it to its name, so a reader sees either no
 * dataset or the whole one. Samples are streamed in index order, so the dataset never has to fit in memory.
 * Closing without finishing deletes the temporary directory.
 */
public final class DatasetWriter implements AutoCloseable {
    public static final String MICRO = "micro.npy";
    public static final String META = "meta.json";

    private final Path dir;
    private final Path tmp;
    private final int count, nx, ny, nz;
    private final Fields fields;
    private final FileChannel microChannel, fieldChannel;
    private final OutputStream micro, field;
    private int written;
    private boolean finished;

    /**
     * Starts the dataset {@code dir} (which must not exist) for {@code count} samples on an nx x ny x nz grid.
     */
    public DatasetWriter(Path dir, int count, int nx, int ny, int nz, Fields fields) throws IOException {
        this.dir = dir.toAbsolutePath().normalize();
        if (Files.exists(this.dir)) throw InputException.of(dir, "already exists (choose a new output directory)");
        Path parent = this.dir.getParent();
        try {
            Files.createDirectories(parent);
            this.tmp = Files.createTempDirectory(parent, "." + this.dir.getFileName() + ".tmp-");
            AtomicFiles.shareable(tmp, "rwxr-xr-x");
        } catch (IOException e) {
            throw AtomicFiles.named(this.dir, e);
        }
        this.count = count;
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.fields = fields;
        try {
            microChannel = FileChannel.open(tmp.resolve(MICRO), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            fieldChannel = FileChannel.open(tmp.resolve(fields.fileName), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            micro = new BufferedOutputStream(Channels.newOutputStream(microChannel), 1 << 16);
            field = new BufferedOutputStream(Channels.newOutputStream(fieldChannel), 1 << 16);
            Npy.writeHeader(micro, Npy.DType.U1, new int[] {count, nx, ny, nz});
            Npy.writeHeader(field, fields.dtype, fields.shape(count, nx, ny, nz));
        } catch (IOException e) {
            AtomicFiles.deleteTree(tmp);
            throw AtomicFiles.named(this.dir, e);
        } catch (RuntimeException e) {
            AtomicFiles.deleteTree(tmp);
            throw e;
        }
    }

    public int voxels() {
        return nx * ny * nz;
    }

    /**
     * Appends the next sample: its phases and its strain, 6 components component-major (c*N + voxel); with
     * {@link Fields#EXX} only the first (xx) component is stored, as float32.
     */
    public void append(byte[] phase, double[] strain) throws IOException {
        int n = voxels();
        if (written >= count) throw new IllegalStateException("all " + count + " samples are already written");
        if (phase.length != n) throw new IllegalArgumentException("phase has " + phase.length + " voxels, expected " + n);
        if (strain.length != 6 * n && !(fields == Fields.EXX && strain.length == n))
            throw new IllegalArgumentException("strain has " + strain.length + " values, expected " + 6 * n);
        ByteBuffer b;
        if (fields == Fields.ALL) {
            b = ByteBuffer.allocate(8 * 6 * n).order(ByteOrder.LITTLE_ENDIAN);
            b.asDoubleBuffer().put(strain, 0, 6 * n);
        } else {
            b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
            for (int v = 0; v < n; v++) b.putFloat(4 * v, (float) strain[v]);
        }
        write(phase, b.array());
    }

    private void write(byte[] phase, byte[] fieldBytes) throws IOException {
        try {
            micro.write(phase);
            field.write(fieldBytes);
        } catch (IOException e) {
            throw AtomicFiles.named(dir, e);
        }
        written++;
    }

    /** Appends raw sample bytes as they are stored (micro: N bytes; field: one sample of the field file). */
    void appendRaw(byte[] phase, byte[] fieldBytes) throws IOException {
        if (written >= count) throw new IllegalStateException("all " + count + " samples are already written");
        write(phase, fieldBytes);
    }

    /** Writes meta.json, flushes everything to disk and renames the directory into place. */
    public void finish(Map<String, Object> meta) throws IOException {
        if (written != count) throw new IllegalStateException(written + " of " + count + " samples written");
        try {
            micro.flush();
            field.flush();
            microChannel.force(true);
            fieldChannel.force(true);
            micro.close();
            field.close();
            AtomicFiles.writeString(tmp.resolve(META), Json.write(meta));
            if (Files.exists(dir)) throw InputException.of(dir, "already exists (another run created it meanwhile)");
            AtomicFiles.moveAtomically(tmp, dir);
        } catch (IOException e) {
            throw AtomicFiles.named(dir, e);
        }
        finished = true;
    }

    /** Without {@link #finish}: discards the temporary directory, leaving no trace of the dataset. */
    @Override
    public void close() throws IOException {
        if (finished) return;
        try {
            micro.close();
            field.close();
        } catch (IOException unflushable) {
            // a full disk: the data is discarded anyway
        } finally {
            AtomicFiles.deleteTree(tmp);
        }
    }
}
