/*
 * GzipHeader: one gzip member header (RFC 1952, section 2.3) as a value, with its encoder and
 * its parser. The parser follows java.util.zip.GZIPInputStream for everything the JDK checks
 * (magic, method, header CRC; same exception types and messages) and keeps every field the JDK
 * skips, so the streams built on it can expose them.
 *
 * Design: the header keeps names and comments as the bytes found on the wire. RFC 1952 says
 * ISO 8859-1, but gzip writes whatever bytes the file system name has (UTF-8 on most systems);
 * decoding is the caller's choice (name(Charset)), and encoding a String is explicit too.
 */
package io.warpdrive.zip;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipException;

/**
 * A gzip member header (RFC 1952): modification time, extra flags (XFL), operating system, and
 * the optional text flag, extra field, file name, comment and header CRC.
 *
 * <p>{@link #DEFAULT} is the header java.util.zip.GZIPOutputStream writes on JDK 16 and later
 * ({@code 1f 8b 08 00 00 00 00 00 00 ff}). Build others with {@link #builder()}:
 * <pre>{@code
 * GzipHeader h = GzipHeader.builder().name("data.csv").mtime(Instant.now())
 *         .os(GzipHeader.OS_UNIX).headerCrc(true).build();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe; the byte-array accessors return copies.
 */
public final class GzipHeader {
    /** The two magic bytes, as GZIPInputStream.GZIP_MAGIC reads them (little-endian). */
    public static final int MAGIC = 0x8b1f;
    /** The only compression method gzip defines: DEFLATE. */
    public static final int METHOD_DEFLATE = 8;

    /** FLG bits (RFC 1952 2.3.1). */
    public static final int FTEXT = 0x01;
    public static final int FHCRC = 0x02;
    public static final int FEXTRA = 0x04;
    public static final int FNAME = 0x08;
    public static final int FCOMMENT = 0x10;
    /** Bits RFC 1952 reserves (must be zero); GNU gzip refuses them, the JDK ignores them. */
    public static final int RESERVED_FLAGS = 0xe0;

    /** XFL values GNU gzip writes: slowest (level 9) and fastest (level 1) compression. */
    public static final int XFL_MAX_COMPRESSION = 2;
    public static final int XFL_FASTEST = 4;

    /** OS values (RFC 1952 2.3.1): the ones in common use. */
    public static final int OS_FAT = 0;
    public static final int OS_UNIX = 3;
    public static final int OS_MACINTOSH = 7;
    public static final int OS_NTFS = 11;
    public static final int OS_UNKNOWN = 255;

    /** Size of the fixed part: ID1 ID2 CM FLG MTIME(4) XFL OS. */
    public static final int FIXED_SIZE = 10;
    /** The largest extra field the XLEN field can describe. */
    public static final int MAX_EXTRA = 0xffff;

    /** What GZIPOutputStream writes: no optional fields, mtime 0, XFL 0, OS 255. */
    public static final GzipHeader DEFAULT = builder().build();

    private final boolean text;
    /** Seconds since the epoch, unsigned 32 bits; 0 means "no time stamp". */
    private final long mtime;
    private final int xfl;
    private final int os;
    /** Optional fields as on the wire, without their terminating zero; null when absent. */
    private final byte[] extra;
    private final byte[] name;
    private final byte[] comment;
    private final boolean headerCrc;
    /** FLG as read; reserved bits included. For a built header, the bits its fields imply. */
    private final int flags;

    private GzipHeader(Builder b, int flags) {
        this.text = b.text;
        this.mtime = b.mtime;
        this.xfl = b.xfl;
        this.os = b.os;
        this.extra = b.extra;
        this.name = b.name;
        this.comment = b.comment;
        this.headerCrc = b.headerCrc;
        this.flags = flags;
    }

    /** A builder starting from {@link #DEFAULT}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this header's fields. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.text = text;
        b.mtime = mtime;
        b.xfl = xfl;
        b.os = os;
        b.extra = extra;
        b.name = name;
        b.comment = comment;
        b.headerCrc = headerCrc;
        return b;
    }

    /**
     * The XFL value GNU gzip and Commons Compress write for a deflate level: 2 for level 9, 4 for
     * level 1, else 0. (java.util.zip always writes 0.)
     */
    public static int xflForLevel(int level) {
        return level == Deflater.BEST_COMPRESSION ? XFL_MAX_COMPRESSION
                : level == Deflater.BEST_SPEED ? XFL_FASTEST : 0;
    }

    /** FTEXT: the compressor believed the data to be text. */
    public boolean isText() {
        return text;
    }

    /** MTIME in seconds since the epoch (0..2^32-1); 0 means no time stamp is available. */
    public long mtime() {
        return mtime;
    }

    /** MTIME as an Instant, or null when it is 0 (no time stamp). */
    public Instant modificationTime() {
        return mtime == 0 ? null : Instant.ofEpochSecond(mtime);
    }

    /** XFL, 0..255. */
    public int xfl() {
        return xfl;
    }

    /** OS, 0..255 ({@link #OS_UNKNOWN} = 255). */
    public int os() {
        return os;
    }

    /** FLG as read from the stream, reserved bits included; for a built header, the bits its fields need. */
    public int flags() {
        return flags;
    }

    /** Whether the header carries (or is to carry) a header CRC (FHCRC). */
    public boolean hasHeaderCrc() {
        return headerCrc;
    }

    /** The extra field's bytes (without XLEN), or null if there is none. */
    public byte[] extra() {
        return extra == null ? null : extra.clone();
    }

    /**
     * The extra field split into RFC 1952 subfields (SI1 SI2 LEN data), or an empty list if there
     * is no extra field.
     *
     * @throws ZipException if the extra field is not a well-formed list of subfields (RFC 1952
     *     does not require it to be; gzip itself never looks inside)
     */
    public List<Subfield> subfields() throws ZipException {
        if (extra == null) {
            return Collections.emptyList();
        }
        List<Subfield> list = new ArrayList<>();
        int p = 0;
        while (p < extra.length) {
            if (extra.length - p < 4) {
                throw new ZipException("gzip extra field: truncated subfield header at offset " + p);
            }
            int len = (extra[p + 2] & 0xff) | (extra[p + 3] & 0xff) << 8;
            if (extra.length - p - 4 < len) {
                throw new ZipException("gzip extra field: subfield at offset " + p + " overruns the field");
            }
            list.add(new Subfield(extra[p], extra[p + 1], Arrays.copyOfRange(extra, p + 4, p + 4 + len)));
            p += 4 + len;
        }
        return Collections.unmodifiableList(list);
    }

    /** The file name bytes (without the terminating zero), or null if there is none. */
    public byte[] nameBytes() {
        return name == null ? null : name.clone();
    }

    /** The file name decoded as ISO 8859-1 (RFC 1952), or null. */
    public String name() {
        return name(StandardCharsets.ISO_8859_1);
    }

    /** The file name decoded with {@code charset} (gzip on Linux stores the raw, usually UTF-8, bytes), or null. */
    public String name(Charset charset) {
        return name == null ? null : new String(name, charset);
    }

    /** The comment bytes (without the terminating zero), or null if there is none. */
    public byte[] commentBytes() {
        return comment == null ? null : comment.clone();
    }

    /** The comment decoded as ISO 8859-1 (RFC 1952), or null. */
    public String comment() {
        return comment(StandardCharsets.ISO_8859_1);
    }

    /** The comment decoded with {@code charset}, or null. */
    public String comment(Charset charset) {
        return comment == null ? null : new String(comment, charset);
    }

    /** The encoded size of this header, in bytes. */
    public int size() {
        int n = FIXED_SIZE;
        if (extra != null) {
            n += 2 + extra.length;
        }
        if (name != null) {
            n += name.length + 1;
        }
        if (comment != null) {
            n += comment.length + 1;
        }
        return headerCrc ? n + 2 : n;
    }

    /** The header as written: fixed part, then extra, name, comment and header CRC, as present. */
    public byte[] toByteArray() {
        byte[] h = new byte[size()];
        h[0] = (byte) 0x1f;
        h[1] = (byte) 0x8b;
        h[2] = METHOD_DEFLATE;
        h[3] = (byte) writtenFlags();
        putInt(h, 4, (int) mtime);
        h[8] = (byte) xfl;
        h[9] = (byte) os;
        int p = FIXED_SIZE;
        if (extra != null) {
            h[p++] = (byte) extra.length;
            h[p++] = (byte) (extra.length >>> 8);
            System.arraycopy(extra, 0, h, p, extra.length);
            p += extra.length;
        }
        if (name != null) {
            System.arraycopy(name, 0, h, p, name.length);
            p += name.length + 1; // the array is zero-filled: the terminator is already there
        }
        if (comment != null) {
            System.arraycopy(comment, 0, h, p, comment.length);
            p += comment.length + 1;
        }
        if (headerCrc) {
            CRC32 crc = new CRC32();
            crc.update(h, 0, p);
            int v = (int) crc.getValue();
            h[p] = (byte) v;
            h[p + 1] = (byte) (v >>> 8);
        }
        return h;
    }

    /** Writes {@link #toByteArray()} to {@code out}. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(toByteArray());
    }

    private int writtenFlags() {
        return (text ? FTEXT : 0) | (headerCrc ? FHCRC : 0) | (extra != null ? FEXTRA : 0)
                | (name != null ? FNAME : 0) | (comment != null ? FCOMMENT : 0);
    }

    private static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    // ---------------------------------------------------------------- parsing

    /**
     * Reads one header from {@code in}, consuming exactly its bytes, with the checks and messages
     * of java.util.zip.GZIPInputStream: EOFException if the stream ends inside the header,
     * ZipException "Not in GZIP format", "Unsupported compression method", "Corrupt GZIP header"
     * (header CRC). Reserved flag bits are accepted, as the JDK accepts them; see {@link #flags()}.
     *
     * <p>Name and comment are limited to {@code maxString} bytes each (a header that exceeds it
     * fails with a ZipException), so a stream cannot make the parser hold unbounded memory.
     *
     * @throws IOException as described, or from {@code in}
     */
    public static GzipHeader read(InputStream in, int maxString) throws IOException {
        return read(in, maxString, false);
    }

    /** {@link #read(InputStream, int)} with a limit of 1 MiB per name and comment. */
    public static GzipHeader read(InputStream in) throws IOException {
        return read(in, 1 << 20, false);
    }

    /**
     * The parser. {@code strict} applies GNU gzip's extra rule (reserved flag bits rejected);
     * the JDK's checks always apply. Exceptions are GzipException (a ZipException with the JDK's
     * message and the details) or EOFException.
     */
    static GzipHeader read(InputStream in, int maxString, boolean strict) throws IOException {
        CRC32 crc = new CRC32();
        byte[] fixed = new byte[FIXED_SIZE];
        int b0 = readByte(in, crc);
        int b1 = readByte(in, crc);
        if ((b0 | b1 << 8) != MAGIC) {
            throw fail(GzipException.Reason.NOT_GZIP, b0 | b1 << 8, 0, "Not in GZIP format");
        }
        int method = readByte(in, crc);
        if (method != METHOD_DEFLATE) {
            throw fail(GzipException.Reason.METHOD, method, 0, "Unsupported compression method");
        }
        int flg = readByte(in, crc);
        if (strict && (flg & RESERVED_FLAGS) != 0) {
            throw fail(GzipException.Reason.FLAGS, flg, 0, "Unsupported GZIP header flags");
        }
        for (int i = 4; i < FIXED_SIZE; i++) {
            fixed[i] = (byte) readByte(in, crc);
        }
        Builder b = new Builder();
        b.text = (flg & FTEXT) != 0;
        b.mtime = (fixed[4] & 0xffL) | (fixed[5] & 0xffL) << 8 | (fixed[6] & 0xffL) << 16 | (fixed[7] & 0xffL) << 24;
        b.xfl = fixed[8] & 0xff;
        b.os = fixed[9] & 0xff;
        if ((flg & FEXTRA) != 0) {
            int xlen = readByte(in, crc) | readByte(in, crc) << 8;
            byte[] x = new byte[xlen];
            int n = 0;
            while (n < xlen) {
                int r = in.read(x, n, xlen - n);
                if (r < 0) {
                    throw new EOFException();
                }
                n += r;
            }
            crc.update(x, 0, xlen);
            b.extra = x;
        }
        if ((flg & FNAME) != 0) {
            b.name = readZeroTerminated(in, crc, maxString);
        }
        if ((flg & FCOMMENT) != 0) {
            b.comment = readZeroTerminated(in, crc, maxString);
        }
        if ((flg & FHCRC) != 0) {
            int computed = (int) crc.getValue() & 0xffff;
            int stored = readByte(in, null) | readByte(in, null) << 8;
            if (stored != computed) {
                throw fail(GzipException.Reason.HEADER_CRC, stored, computed, "Corrupt GZIP header");
            }
            b.headerCrc = true;
        }
        return new GzipHeader(b, flg);
    }

    private static GzipException fail(GzipException.Reason reason, int found, int computed, String msg) {
        return new GzipException(reason, msg, found, computed);
    }

    private static int readByte(InputStream in, CRC32 crc) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException();
        }
        if (crc != null) {
            crc.update(b);
        }
        return b;
    }

    private static byte[] readZeroTerminated(InputStream in, CRC32 crc, int max) throws IOException {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        int b;
        while ((b = readByte(in, crc)) != 0) {
            if (s.size() == max) {
                throw fail(GzipException.Reason.HEADER_TOO_LONG, max, 0,
                        "GZIP header name or comment longer than " + max + " bytes");
            }
            s.write(b);
        }
        return s.toByteArray();
    }

    // ---------------------------------------------------------------- value semantics

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof GzipHeader)) {
            return false;
        }
        GzipHeader h = (GzipHeader) o;
        return text == h.text && mtime == h.mtime && xfl == h.xfl && os == h.os && headerCrc == h.headerCrc
                && Arrays.equals(extra, h.extra) && Arrays.equals(name, h.name) && Arrays.equals(comment, h.comment);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text, mtime, xfl, os, headerCrc, Arrays.hashCode(extra), Arrays.hashCode(name),
                Arrays.hashCode(comment));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("GzipHeader[mtime=").append(mtime).append(", xfl=").append(xfl)
                .append(", os=").append(os);
        if (text) {
            sb.append(", text");
        }
        if (name != null) {
            sb.append(", name=").append(name(StandardCharsets.UTF_8));
        }
        if (comment != null) {
            sb.append(", comment=").append(comment(StandardCharsets.UTF_8));
        }
        if (extra != null) {
            sb.append(", extra=").append(extra.length).append(" bytes");
        }
        if (headerCrc) {
            sb.append(", hcrc");
        }
        return sb.append(']').toString();
    }

    /** One extra-field subfield: two identifier bytes and up to 65531 bytes of data. */
    public static final class Subfield {
        private final byte si1;
        private final byte si2;
        private final byte[] data;

        /**
         * @throws IllegalArgumentException if {@code data} is longer than an extra field can hold
         */
        public Subfield(byte si1, byte si2, byte[] data) {
            if (data.length > MAX_EXTRA - 4) {
                throw new IllegalArgumentException("gzip extra subfield too long: " + data.length);
            }
            this.si1 = si1;
            this.si2 = si2;
            this.data = data.clone();
        }

        public byte si1() {
            return si1;
        }

        public byte si2() {
            return si2;
        }

        /** The identifier as two ISO 8859-1 characters (e.g. "AP" for Apollo file type). */
        public String id() {
            return new String(new byte[] {si1, si2}, StandardCharsets.ISO_8859_1);
        }

        public byte[] data() {
            return data.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Subfield && ((Subfield) o).si1 == si1 && ((Subfield) o).si2 == si2
                    && Arrays.equals(((Subfield) o).data, data);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * si1 + si2) + Arrays.hashCode(data);
        }
    }

    /**
     * Builds a {@link GzipHeader}; starts from {@link #DEFAULT}. Not thread-safe.
     */
    public static final class Builder {
        private boolean text;
        private long mtime;
        private int xfl;
        private int os = OS_UNKNOWN;
        private byte[] extra;
        private byte[] name;
        private byte[] comment;
        private boolean headerCrc;

        private Builder() {
        }

        /** Sets FTEXT. */
        public Builder text(boolean text) {
            this.text = text;
            return this;
        }

        /**
         * Sets MTIME in seconds since the epoch; 0 means none.
         *
         * @throws IllegalArgumentException outside 0..2^32-1
         */
        public Builder mtime(long epochSeconds) {
            if (epochSeconds < 0 || epochSeconds > 0xffffffffL) {
                throw new IllegalArgumentException("gzip MTIME out of range (0..2^32-1 seconds): " + epochSeconds);
            }
            this.mtime = epochSeconds;
            return this;
        }

        /**
         * Sets MTIME from an Instant (fractions of a second dropped); null means none.
         *
         * @throws IllegalArgumentException before 1970 or after 2106-02-07
         */
        public Builder mtime(Instant time) {
            return mtime(time == null ? 0 : time.getEpochSecond());
        }

        /** Sets XFL (see {@link #xflForLevel}). @throws IllegalArgumentException outside 0..255 */
        public Builder xfl(int xfl) {
            this.xfl = checkByte(xfl, "XFL");
            return this;
        }

        /** Sets OS. @throws IllegalArgumentException outside 0..255 */
        public Builder os(int os) {
            this.os = checkByte(os, "OS");
            return this;
        }

        /**
         * Sets the extra field's bytes (copied); null removes it.
         *
         * @throws IllegalArgumentException if longer than 65535 bytes
         */
        public Builder extra(byte[] extra) {
            if (extra != null && extra.length > MAX_EXTRA) {
                throw new IllegalArgumentException("gzip extra field longer than 65535 bytes: " + extra.length);
            }
            this.extra = extra == null ? null : extra.clone();
            return this;
        }

        /**
         * Sets the extra field to these subfields, in order; an empty list gives an empty (but
         * present) extra field.
         *
         * @throws IllegalArgumentException if they do not fit in 65535 bytes
         */
        public Builder subfields(List<Subfield> subfields) {
            ByteArrayOutputStream x = new ByteArrayOutputStream();
            for (Subfield s : subfields) {
                x.write(s.si1);
                x.write(s.si2);
                x.write(s.data.length);
                x.write(s.data.length >>> 8);
                x.writeBytes(s.data);
            }
            return extra(x.toByteArray());
        }

        /**
         * Sets the file name, encoded as ISO 8859-1 (RFC 1952); null removes it.
         *
         * @throws IllegalArgumentException if it contains NUL or a character outside ISO 8859-1
         */
        public Builder name(String name) {
            return nameBytes(encode(name, StandardCharsets.ISO_8859_1, "name"));
        }

        /** Sets the file name encoded with {@code charset}; null removes it. @throws IllegalArgumentException as {@link #name(String)} */
        public Builder name(String name, Charset charset) {
            return nameBytes(encode(name, charset, "name"));
        }

        /** Sets the file name bytes (copied); null removes it. @throws IllegalArgumentException if they contain a zero byte */
        public Builder nameBytes(byte[] name) {
            this.name = checkNoZero(name, "name");
            return this;
        }

        /** Sets the comment, encoded as ISO 8859-1; null removes it. @throws IllegalArgumentException as {@link #name(String)} */
        public Builder comment(String comment) {
            return commentBytes(encode(comment, StandardCharsets.ISO_8859_1, "comment"));
        }

        /** Sets the comment encoded with {@code charset}; null removes it. */
        public Builder comment(String comment, Charset charset) {
            return commentBytes(encode(comment, charset, "comment"));
        }

        /** Sets the comment bytes (copied); null removes it. @throws IllegalArgumentException if they contain a zero byte */
        public Builder commentBytes(byte[] comment) {
            this.comment = checkNoZero(comment, "comment");
            return this;
        }

        /** Whether to write a header CRC (FHCRC). */
        public Builder headerCrc(boolean headerCrc) {
            this.headerCrc = headerCrc;
            return this;
        }

        public GzipHeader build() {
            GzipHeader h = new GzipHeader(this, 0);
            return new GzipHeader(this, h.writtenFlags());
        }

        private static int checkByte(int v, String what) {
            if (v < 0 || v > 255) {
                throw new IllegalArgumentException("gzip " + what + " out of range (0..255): " + v);
            }
            return v;
        }

        private static byte[] encode(String s, Charset charset, String what) {
            if (s == null) {
                return null;
            }
            if (!charset.newEncoder().canEncode(s)) {
                throw new IllegalArgumentException("gzip " + what + " cannot be encoded in " + charset + ": " + s);
            }
            return s.getBytes(charset);
        }

        private static byte[] checkNoZero(byte[] b, String what) {
            if (b == null) {
                return null;
            }
            for (byte x : b) {
                if (x == 0) {
                    throw new IllegalArgumentException("gzip " + what + " contains a zero byte");
                }
            }
            return b.clone();
        }
    }
}
