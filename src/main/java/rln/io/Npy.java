package rln.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy .npy files (format versions 1.0, 2.0 and 3.0 on read, 1.0 or 2.0 on write), little-endian, C order,
 * no pickled objects. Spec: numpy.lib.format. Every problem is reported as an {@link InputException} whose
 * one-line message names the file and what was wrong.
 *
 * <p>Supported dtypes: {@code |u1} (uint8), {@code |b1} (bool, read as uint8), {@code <i4}, {@code <i8},
 * {@code <f4}, {@code <f8}.
 */
public final class Npy {
    private Npy() {}

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    /** The element types this project reads and writes. */
    public enum DType {
        U1("|u1", 1), B1("|b1", 1), I4("<i4", 4), I8("<i8", 8), F4("<f4", 4), F8("<f8", 8);

        public final String descr;
        public final int size;

        DType(String descr, int size) {
            this.descr = descr;
            this.size = size;
        }

        static DType parse(String descr) {
            String d = descr;
            // a one-byte type may be written with any byte-order mark
            if (d.length() == 3 && (d.charAt(0) == '<' || d.charAt(0) == '=' || d.charAt(0) == '|')) {
                if (d.endsWith("u1")) return U1;
                if (d.endsWith("b1")) return B1;
            }
            if (d.startsWith("=")) d = "<" + d.substring(1); // native order on this (little-endian) platform
            for (DType t : values()) if (t.descr.equals(d)) return t;
            return null;
        }
    }

    /** An array read from or to be written to a .npy file: a shape, a dtype and little-endian bytes. */
    public static final class Array {
        public final int[] shape;
        public final DType dtype;
        /** Little-endian element bytes in C order; position 0, limit = element count * dtype size. */
        private final ByteBuffer data;

        public Array(int[] shape, DType dtype, ByteBuffer data) {
            this.shape = shape.clone();
            this.dtype = dtype;
            this.data = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            this.data.position(0);
            long expected = count() * dtype.size;
            if (this.data.limit() != expected)
                throw new IllegalArgumentException("data holds " + this.data.limit() + " bytes, shape needs " + expected);
        }

        public long count() {
            long n = 1;
            for (int s : shape) n *= s;
            return n;
        }

        public int rank() {
            return shape.length;
        }

        public ByteBuffer bytes() {
            return data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        }

        /** Elements converted to double, whatever the dtype. */
        public double[] toDoubles() {
            int n = Math.toIntExact(count());
            double[] out = new double[n];
            ByteBuffer b = bytes();
            switch (dtype) {
                case U1, B1 -> { for (int i = 0; i < n; i++) out[i] = b.get(i) & 0xff; }
                case I4 -> { for (int i = 0; i < n; i++) out[i] = b.getInt(4 * i); }
                case I8 -> { for (int i = 0; i < n; i++) out[i] = b.getLong(8 * i); }
                case F4 -> { for (int i = 0; i < n; i++) out[i] = b.getFloat(4 * i); }
                case F8 -> b.asDoubleBuffer().get(out);
            }
            return out;
        }

        /** Elements converted to float, whatever the dtype. */
        public float[] toFloats() {
            if (dtype == DType.F4) {
                float[] out = new float[Math.toIntExact(count())];
                bytes().asFloatBuffer().get(out);
                return out;
            }
            double[] d = toDoubles();
            float[] out = new float[d.length];
            for (int i = 0; i < d.length; i++) out[i] = (float) d[i];
            return out;
        }

        /** The raw bytes of a one-byte dtype (uint8 or bool). */
        public byte[] toBytes() {
            if (dtype.size != 1) throw new IllegalStateException("dtype " + dtype.descr + " is not one byte");
            byte[] out = new byte[Math.toIntExact(count())];
            bytes().get(out);
            return out;
        }

        public String shapeString() {
            return Npy.shapeString(shape);
        }
    }

    // ------------------------------------------------------------------------------------------ factories

    public static Array ofDoubles(double[] values, int... shape) {
        checkCount(values.length, shape);
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(values);
        return new Array(shape, DType.F8, b);
    }

    public static Array ofFloats(float[] values, int... shape) {
        checkCount(values.length, shape);
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return new Array(shape, DType.F4, b);
    }

    public static Array ofBytes(byte[] values, int... shape) {
        checkCount(values.length, shape);
        return new Array(shape, DType.U1, ByteBuffer.wrap(values.clone()));
    }

    private static void checkCount(long n, int[] shape) {
        long c = 1;
        for (int s : shape) c *= s;
        if (c != n) throw new IllegalArgumentException(n + " values do not fill shape " + shapeString(shape));
    }

    // ------------------------------------------------------------------------------------------ reading

    /** Reads a whole .npy file. */
    public static Array read(Path file) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw InputException.of(file, "no such file");
        } catch (IOException e) {
            throw InputException.of(file, "cannot read (" + e.getMessage() + ")");
        }
        return parse(file, all);
    }

    /** Reads a .npy image from memory; {@code name} is used in error messages. */
    public static Array parse(Object name, byte[] all) {
        Header h = parseHeader(name, all, all.length);
        long bytes = h.dataBytes();
        if (bytes > Integer.MAX_VALUE) throw InputException.of(name, "array of " + bytes + " bytes is too large");
        ByteBuffer data = ByteBuffer.wrap(all, (int) h.dataOffset, (int) bytes).slice().order(ByteOrder.LITTLE_ENDIAN);
        return new Array(h.shape, h.dtype, data);
    }

    /**
     * What a .npy header says: shape, dtype, and where the data start. Lets a reader check a large file and
     * then read only the part it needs (see {@link #readHeader(Path)}).
     */
    public record Header(int[] shape, DType dtype, long dataOffset) {
        public long count() {
            long n = 1;
            for (int s : shape) n *= s;
            return n;
        }

        public long dataBytes() {
            return count() * dtype.size;
        }
    }

    /**
     * Reads and checks only the header of {@code file}: magic, version, dtype, order, shape, and that the
     * file length is exactly header + data (so a truncated file is caught without reading it all).
     */
    public static Header readHeader(Path file) {
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer pre = ByteBuffer.allocate((int) Math.min(size, 12));
            while (pre.hasRemaining() && ch.read(pre) >= 0) { /* fill */ }
            byte[] head = pre.array();
            long headerEnd = 12;
            if (head.length >= 10 && (head[6] & 0xff) == 1) headerEnd = 10 + ((head[8] & 0xff) | (head[9] & 0xff) << 8);
            else if (head.length >= 12) headerEnd = 12 + (ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getInt(8) & 0xffffffffL);
            if (headerEnd > Integer.MAX_VALUE - 16) throw InputException.of(file, "header length " + headerEnd + " is too large");
            ByteBuffer all = ByteBuffer.allocate((int) Math.min(size, headerEnd));
            ch.position(0);
            while (all.hasRemaining() && ch.read(all) >= 0) { /* fill */ }
            return parseHeader(file, all.array(), size);
        } catch (java.nio.file.NoSuchFileException e) {
            throw InputException.of(file, "no such file");
        } catch (IOException e) {
            throw InputException.of(file, "cannot read (" + e.getMessage() + ")");
        }
    }

    /** Parses the header at the start of {@code all}; {@code fileLength} is the length of the whole image. */
    private static Header parseHeader(Object name, byte[] all, long fileLength) {
        if (all.length < 10 || !Arrays.equals(Arrays.copyOf(all, 6), MAGIC))
            throw InputException.of(name, "not a .npy file (missing the \\x93NUMPY magic string)");
        int major = all[6] & 0xff;
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen;
        int headerStart;
        if (major == 1) {
            headerLen = b.getShort(8) & 0xffff;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (all.length < 12) throw InputException.of(name, "truncated .npy header");
            long hl = b.getInt(8) & 0xffffffffL;
            if (hl > Integer.MAX_VALUE - 12) throw InputException.of(name, "header length " + hl + " is too large");
            headerLen = (int) hl;
            headerStart = 12;
        } else {
            throw InputException.of(name, "unsupported .npy format version " + major + "." + (all[7] & 0xff));
        }
        if (headerStart + (long) headerLen > all.length) throw InputException.of(name, "truncated .npy header");
        String header = new String(all, headerStart, headerLen,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1).trim();
        String descr = field(name, header, "descr", "'([^']*)'");
        String fortran = field(name, header, "fortran_order", "(True|False)");
        String shapeText = field(name, header, "shape", "\\(([^)]*)\\)");
        DType dtype = DType.parse(descr);
        if (dtype == null)
            throw InputException.of(name, "unsupported dtype '" + descr + "' (expected one of |u1 |b1 <i4 <i8 <f4 <f8, little-endian)");
        if (fortran.equals("True")) throw InputException.of(name, "Fortran-ordered arrays are not supported (save with C order)");
        int[] shape = parseShape(name, shapeText);
        long count = 1;
        for (int s : shape) count *= s;
        int dataStart = headerStart + headerLen;
        long bytes = count * dtype.size;
        long available = fileLength - dataStart;
        if (available < bytes)
            throw InputException.of(name, "truncated: shape " + shapeString(shape) + " " + descr + " needs " + bytes
                    + " data bytes, the file has " + available);
        if (available > bytes)
            throw InputException.of(name, "has " + (available - bytes) + " bytes after the data of shape " + shapeString(shape));
        return new Header(shape, dtype, dataStart);
    }

    private static String field(Object name, String header, String key, String valuePattern) {
        Matcher m = Pattern.compile("['\"]" + key + "['\"]\\s*:\\s*" + valuePattern).matcher(header);
        if (!m.find()) throw InputException.of(name, "malformed .npy header: no '" + key + "' entry in " + printable(header));
        return m.group(1);
    }

    /** Header text fit for a message: control and non-ASCII characters as '?', at most 120 characters. */
    private static String printable(String header) {
        String p = header.replaceAll("[^\\x20-\\x7e]", "?");
        return p.length() > 120 ? p.substring(0, 120) + "..." : p;
    }

    private static int[] parseShape(Object name, String text) {
        List<Integer> dims = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) continue;
            if (p.endsWith("L")) p = p.substring(0, p.length() - 1);
            try {
                long v = Long.parseLong(p);
                if (v < 0 || v > Integer.MAX_VALUE) throw new NumberFormatException();
                dims.add((int) v);
            } catch (NumberFormatException e) {
                throw InputException.of(name, "malformed .npy shape (" + text + ")");
            }
        }
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    // ------------------------------------------------------------------------------------------ writing

    /** Writes {@code array} to {@code file} atomically (temporary file, then rename). */
    public static void write(Path file, Array array) throws IOException {
        AtomicFiles.write(file, out -> writeTo(out, array));
    }

    public static void writeDoubles(Path file, double[] values, int... shape) throws IOException {
        write(file, ofDoubles(values, shape));
    }

    public static void writeFloats(Path file, float[] values, int... shape) throws IOException {
        write(file, ofFloats(values, shape));
    }

    public static void writeBytes(Path file, byte[] values, int... shape) throws IOException {
        write(file, ofBytes(values, shape));
    }

    /** The .npy image: magic, version, header padded with spaces to a multiple of 64 bytes, data. */
    public static void writeTo(OutputStream out, Array array) throws IOException {
        writeHeader(out, array.dtype, array.shape);
        ByteBuffer data = array.bytes();
        byte[] chunk = new byte[1 << 16];
        while (data.hasRemaining()) {
            int n = Math.min(chunk.length, data.remaining());
            data.get(chunk, 0, n);
            out.write(chunk, 0, n);
        }
    }

    /**
     * Writes only the header of a .npy image (magic, version, header dict padded to 64 bytes); the caller
     * then streams exactly count(shape) * dtype.size little-endian data bytes (for arrays too large to hold).
     */
    public static void writeHeader(OutputStream out, DType dtype, int[] shape) throws IOException {
        String dict = "{'descr': '" + dtype.descr + "', 'fortran_order': False, 'shape': "
                + pythonTuple(shape) + ", }";
        int preamble = 10;
        int total = preamble + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        int major = 1;
        if (padded - preamble > 0xffff) {
            preamble = 12;
            total = preamble + dict.length() + 1;
            padded = (total + 63) / 64 * 64;
            major = 2;
        }
        StringBuilder header = new StringBuilder(dict);
        while (preamble + header.length() + 1 < padded) header.append(' ');
        header.append('\n');
        byte[] h = header.toString().getBytes(StandardCharsets.ISO_8859_1);
        out.write(MAGIC);
        out.write(major);
        out.write(0);
        if (major == 1) {
            out.write(h.length & 0xff);
            out.write((h.length >>> 8) & 0xff);
        } else {
            ByteBuffer len = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(h.length);
            out.write(len.array());
        }
        out.write(h);
    }

    static String pythonTuple(int[] shape) {
        if (shape.length == 1) return "(" + shape[0] + ",)";
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) s.append(", ");
            s.append(shape[i]);
        }
        return s.append(')').toString();
    }

    public static String shapeString(int[] shape) {
        return pythonTuple(shape);
    }

    /** Reads a whole stream as a .npy image. */
    public static Array read(Object name, InputStream in) throws IOException {
        return parse(name, in.readAllBytes());
    }
}
