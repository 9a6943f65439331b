/*
 * GzipReader: a gzip decoder with the rules of the gzip tool rather than those of
 * java.util.zip.GZIPInputStream. The JDK's stream is fine for a drop-in (WdGZIPInputStream keeps
 * its behaviour exactly), but as a tool it has two blind spots: JDK 17 decides whether another
 * member follows by asking available(), so a pipe that is momentarily empty ends the data early,
 * and any unreadable bytes after a member are dropped without a word. This reader always looks
 * at what follows a member: another 1f 8b is a member (errors in it are errors), zeros to the
 * end are ignored (as gzip does), anything else is trailing garbage that the caller can see or
 * refuse. Checks report java.util.zip's messages with a GzipException.Reason telling them apart.
 *
 * Design: one buffer serves header parsing, the inflater and the trailer, so no byte is read
 * twice and the position after the last member is known exactly (compressedCount).
 */
package io.warpdrive.zip;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads gzip data (RFC 1952), one member or all concatenated members, with a WdInflater or an
 * Inflater the caller supplies.
 *
 * <pre>{@code
 * try (GzipReader in = GzipReader.builder(Files.newInputStream(p)).build()) {
 *     in.transferTo(out);
 *     if (in.trailing() == GzipReader.Trailing.GARBAGE) { ... warn as gzip does ... }
 * }
 * }</pre>
 *
 * <p>Failures: EOFException for truncated input; {@link GzipException} (a ZipException) for a
 * bad header, invalid deflate data (zlib's message), a CRC or length mismatch ("Corrupt GZIP
 * trailer"), and, if asked for, trailing garbage. After a failure every read throws the same
 * exception again.
 *
 * <p>Not thread-safe.
 */
public final class GzipReader extends InputStream {
    /** What followed the last member (known once read() has returned -1). */
    public enum Trailing {
        /** Nothing: the input ended right after a member. */
        NONE,
        /** Only zero bytes (tape padding); gzip ignores them silently. */
        ZEROS,
        /** Something else; gzip warns "decompression OK, trailing garbage ignored" (exit status 2). */
        GARBAGE,
        /** Not looked at: the reader was asked for the first member only. */
        UNREAD
    }

    /** Configures a {@link GzipReader}. Not thread-safe. */
    public static final class Builder {
        private final InputStream in;
        private int bufferSize = 64 * 1024;
        private boolean concatenated = true;
        private boolean strict;
        private boolean failOnGarbage;
        private int maxHeaderString = 1 << 20;
        private Inflater inflater;
        private Consumer<GzipHeader> onMember;

        private Builder(InputStream in) {
            this.in = Objects.requireNonNull(in, "in");
        }

        /** Input buffer size, bytes (default 64 KiB). @throws IllegalArgumentException if not positive */
        public Builder bufferSize(int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("buffer size <= 0");
            }
            this.bufferSize = bytes;
            return this;
        }

        /** Whether to read the members after the first (default true). */
        public Builder concatenated(boolean concatenated) {
            this.concatenated = concatenated;
            return this;
        }

        /**
         * GNU gzip's extra header rule: reserved FLG bits are an error (GzipException.Reason.FLAGS);
         * default false, as java.util.zip.
         */
        public Builder strict(boolean strict) {
            this.strict = strict;
            return this;
        }

        /** Whether trailing garbage is an error (GzipException.Reason.TRAILING_GARBAGE) rather than a finding. */
        public Builder failOnGarbage(boolean fail) {
            this.failOnGarbage = fail;
            return this;
        }

        /** The longest file name or comment accepted, bytes (default 1 MiB). */
        public Builder maxHeaderString(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("negative limit");
            }
            this.maxHeaderString = bytes;
            return this;
        }

        /**
         * A raw (nowrap) inflater to use instead of a new {@code WdInflater(true)}; the reader
         * resets it per member and does not end it.
         */
        public Builder inflater(Inflater inflater) {
            this.inflater = inflater;
            return this;
        }

        /** Called with each member's header as soon as it has been read. */
        public Builder onMember(Consumer<GzipHeader> listener) {
            this.onMember = listener;
            return this;
        }

        /**
         * The reader. The header of the first member is read on the first read() call, not here.
         *
         * @throws IllegalStateException if no inflater was given and the configured backend is unavailable
         */
        public GzipReader build() {
            return new GzipReader(this);
        }
    }

    /** A builder reading from {@code in}. */
    public static Builder builder(InputStream in) {
        return new Builder(in);
    }

    private static final int HEADER = 0;
    private static final int DATA = 1;
    private static final int DONE = 2;

    private final InputStream in;
    private final Inflater inf;
    private final boolean ownsInflater;
    private final boolean concatenated;
    private final boolean strict;
    private final boolean failOnGarbage;
    private final int maxHeaderString;
    private final Consumer<GzipHeader> onMember;
    private final CRC32 crc = new CRC32();

    private final byte[] buf;
    /** Next unread byte of buf; the inflater's input is always buf[pos, lim). */
    private int pos;
    /** End of valid bytes in buf. */
    private int lim;
    /** Bytes read from {@code in} so far (including those still in buf). */
    private long pulled;

    private int state = HEADER;
    private int members;
    private GzipHeader first;
    private GzipHeader current;
    /** Uncompressed bytes of the current member, for ISIZE (compared mod 2^32). */
    private long memberOut;
    private long totalOut;
    private Trailing trailing = Trailing.NONE;
    private long trailingBytes;
    private IOException failure;
    private boolean closed;
    private final byte[] one = new byte[1];

    private GzipReader(Builder b) {
        this.in = b.in;
        this.concatenated = b.concatenated;
        this.strict = b.strict;
        this.failOnGarbage = b.failOnGarbage;
        this.maxHeaderString = b.maxHeaderString;
        this.onMember = b.onMember;
        this.buf = new byte[b.bufferSize];
        if (b.inflater != null) {
            this.inf = b.inflater;
            this.ownsInflater = false;
            inf.reset();
        } else {
            this.inf = new WdInflater(true);
            this.ownsInflater = true;
        }
    }

    /** The header of the first member, or null before the first read() or {@link #readFirstHeader()}. */
    public GzipHeader firstHeader() {
        return first;
    }

    /**
     * Reads the first member's header now if no read has yet, and returns it: a way to fail
     * early on input that is not gzip, and to see the header before the data.
     *
     * @throws IOException as read() would
     */
    public GzipHeader readFirstHeader() throws IOException {
        ensureOpen();
        if (failure != null) {
            throw failure;
        }
        if (first == null) {
            try {
                startMember();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }
        return first;
    }

    /** The header of the member being read (the last one once at the end), or null before the first read(). */
    public GzipHeader currentHeader() {
        return current;
    }

    /** Members started so far. */
    public int members() {
        return members;
    }

    /** What followed the last member; meaningful once read() has returned -1. */
    public Trailing trailing() {
        return trailing;
    }

    /** How many bytes followed the last member (zeros or garbage). */
    public long trailingBytes() {
        return trailingBytes;
    }

    /** Compressed bytes consumed: headers, deflate data, trailers and any trailing bytes examined. */
    public long compressedCount() {
        return pulled - (lim - pos);
    }

    /** Uncompressed bytes returned so far. */
    public long uncompressedCount() {
        return totalOut;
    }

    @Override
    public int read() throws IOException {
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        if (failure != null) {
            throw failure;
        }
        try {
            return read0(b, off, len);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    private int read0(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int idle = 0;
        while (true) {
            if (state == DONE) {
                return -1;
            }
            if (state == HEADER) {
                startMember();
                continue;
            }
            int n;
            try {
                n = inf.inflate(b, off, len);
            } catch (DataFormatException e) {
                pos = lim - inf.getRemaining();
                throw new GzipException(GzipException.Reason.DATA, e.getMessage() != null ? e.getMessage()
                        : "Invalid ZLIB data format");
            }
            pos = lim - inf.getRemaining();
            if (n > 0) {
                crc.update(b, off, n);
                memberOut += n;
                totalOut += n;
                return n;
            }
            if (inf.finished()) {
                endMember();
            } else if (inf.needsDictionary()) {
                // Impossible for raw deflate; reported as the JDK's InflaterInputStream would.
                throw new GzipException(GzipException.Reason.DATA, "Inflater needs preset dictionary");
            } else if (pos == lim) {
                if (!fill()) {
                    throw new EOFException("Unexpected end of ZLIB input stream");
                }
                inf.setInput(buf, pos, lim - pos);
            } else if (++idle > 1000) {
                // The inflater has input and room and neither progresses nor finishes: an engine
                // fault, not a data error. Better an exception than a hang.
                throw new IOException("inflater made no progress with " + (lim - pos) + " bytes of input");
            }
        }
    }

    /** Reads a member header and prepares the inflater. */
    private void startMember() throws IOException {
        GzipHeader h = GzipHeader.read(source, maxHeaderString, strict);
        members++;
        if (first == null) {
            first = h;
        }
        current = h;
        crc.reset();
        memberOut = 0;
        inf.reset();
        if (pos < lim) {
            inf.setInput(buf, pos, lim - pos);
        }
        state = DATA;
        if (onMember != null) {
            onMember.accept(h);
        }
    }

    /** Checks the trailer and decides what comes next. */
    private void endMember() throws IOException {
        long storedCrc = readInt();
        long storedSize = readInt();
        if (storedCrc != crc.getValue()) {
            throw new GzipException(GzipException.Reason.CRC, "Corrupt GZIP trailer", storedCrc, crc.getValue());
        }
        if (storedSize != (memberOut & 0xffffffffL)) {
            throw new GzipException(GzipException.Reason.LENGTH, "Corrupt GZIP trailer", storedSize,
                    memberOut & 0xffffffffL);
        }
        if (!concatenated) {
            state = DONE;
            trailing = Trailing.UNREAD;
            return;
        }
        if (!ensure(1)) {
            state = DONE;
            return;
        }
        if (buf[pos] == (byte) 0x1f) {
            // gzip's rules: 1f at the very end is a truncated member; whatever follows 1f 8b is a
            // member, errors included.
            if (!ensure(2)) {
                throw new EOFException("Unexpected end of input: 1f after the last member");
            }
            if (buf[pos + 1] == (byte) 0x8b) {
                state = HEADER;
                return;
            }
        }
        scanTrailing();
    }

    /** Consumes everything after the last member, classifying it. */
    private void scanTrailing() throws IOException {
        boolean zeros = true;
        do {
            for (int i = pos; i < lim && zeros; i++) {
                zeros = buf[i] == 0;
            }
            trailingBytes += lim - pos;
            pos = lim;
        } while (fill());
        trailing = zeros ? Trailing.ZEROS : Trailing.GARBAGE;
        state = DONE;
        if (!zeros && failOnGarbage) {
            throw new GzipException(GzipException.Reason.TRAILING_GARBAGE, "Garbage after a valid .gz stream");
        }
    }

    private long readInt() throws IOException {
        long v = 0;
        for (int i = 0; i < 4; i++) {
            if (pos == lim && !fill()) {
                throw new EOFException("Unexpected end of ZLIB input stream");
            }
            v |= (buf[pos++] & 0xffL) << (8 * i);
        }
        return v;
    }

    /** Refills an exhausted buffer; false at end of input. */
    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            pos = lim = 0;
            return false;
        }
        pos = 0;
        lim = n;
        pulled += n;
        return true;
    }

    /** Makes at least {@code n} (1 or 2) bytes available at pos, moving the rest down; false at end of input. */
    private boolean ensure(int n) throws IOException {
        if (lim - pos >= n) {
            return true;
        }
        int have = lim - pos;
        System.arraycopy(buf, pos, buf, 0, have);
        pos = 0;
        lim = have;
        while (lim < n) {
            int r = in.read(buf, lim, buf.length - lim);
            if (r < 0) {
                return false;
            }
            lim += r;
            pulled += r;
        }
        return true;
    }

    /** Header bytes come from the shared buffer. */
    private final InputStream source = new InputStream() {
        @Override
        public int read() throws IOException {
            if (pos == lim && !fill()) {
                return -1;
            }
            return buf[pos++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (pos == lim && !fill()) {
                return -1;
            }
            int n = Math.min(len, lim - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }
    };

    /** 0 at the end of the data, else 1 (as InflaterInputStream). */
    @Override
    public int available() throws IOException {
        ensureOpen();
        return state == DONE ? 0 : 1;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("Stream closed");
        }
    }

    /** Closes the input and ends the inflater if the reader created it. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            if (ownsInflater) {
                inf.end();
            }
            in.close();
        }
    }
}
