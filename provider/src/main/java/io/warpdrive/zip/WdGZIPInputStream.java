/*
 * WdGZIPInputStream: java.util.zip.GZIPInputStream decoding with a WdInflater, and the header
 * fields the JDK parses but throws away.
 *
 * Design: everything gzip-specific stays the JDK's own code (header checks, trailer checks,
 * concatenated members, what counts as trailing data), so this class behaves exactly as
 * GZIPInputStream does on the running JDK, whose rules differ between versions (JDK 17 looks for
 * another member only when available() > 0; JDK 23+ always looks). Only the inflater changes,
 * through the protected field, as the contract allows. To expose the first header, the stream
 * given to the superclass records the bytes the JDK's header parser reads (it reads the header
 * byte by byte, never ahead), and GzipHeader parses that record afterwards.
 */
package io.warpdrive.zip;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * A {@link GZIPInputStream} whose data is inflated by a {@link WdInflater}: same results,
 * exceptions and messages as the JDK's stream, plus {@link #getHeader()}.
 *
 * <p>The JDK's inflater, which parsed nothing but is created by the superclass constructor, is
 * ended at once; the WdInflater is ended by {@link #close()} (as GZIPInputStream ends its own).
 *
 * <p>For the gzip tool's rules (every concatenated member regardless of available(), trailing
 * garbage reported), use {@link GzipReader}.
 *
 * <p>Not thread-safe, like GZIPInputStream.
 */
public class WdGZIPInputStream extends GZIPInputStream {
    /** Headers recorded beyond this size keep their fixed fields only (a guard against endless names). */
    private static final int RECORD_LIMIT = 1 << 20;

    private final GzipHeader header;

    /**
     * Reads the first member's header from {@code in}.
     *
     * @throws java.util.zip.ZipException if the header is invalid (the JDK's message)
     * @throws java.io.EOFException if {@code in} ends inside the header
     * @throws IOException if {@code in} fails
     * @throws IllegalArgumentException if {@code size <= 0}
     * @throws IllegalStateException if the configured backend is not available
     */
    @SuppressWarnings("this-escape")
    public WdGZIPInputStream(InputStream in, int size) throws IOException {
        super(Recorder.wrap(in), size);
        Recorder rec = (Recorder) this.in;
        this.in = rec.stop(); // the trailer and later members are read from the caller's stream itself
        this.header = rec.header();
        WdInflater wd = new WdInflater(true); // first: if the backend is missing, the JDK's stays usable
        inf.end();
        inf = wd;
    }

    /** {@link #WdGZIPInputStream(InputStream, int)} with the JDK's default buffer size, 512 bytes. */
    public WdGZIPInputStream(InputStream in) throws IOException {
        this(in, 512);
    }

    /**
     * The first member's header with every field (name, comment, extra field, mtime, XFL, OS,
     * FTEXT, FHCRC). A header longer than 1 MiB is returned with its fixed fields only.
     */
    public GzipHeader getHeader() {
        return header;
    }

    /** Passes reads through and keeps a copy of the bytes until stopped. */
    private static final class Recorder extends FilterInputStream {
        private final ByteArrayOutputStream record = new ByteArrayOutputStream();
        private boolean overflow;

        private Recorder(InputStream in) {
            super(in);
        }

        /** Null stays null, so that the superclass throws exactly what it throws for null. */
        static InputStream wrap(InputStream in) {
            return in == null ? null : new Recorder(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                keep(new byte[] {(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                keep(b, off, n);
            }
            return n;
        }

        private void keep(byte[] b, int off, int n) {
            if (record.size() + n > RECORD_LIMIT) {
                overflow = true;
                return;
            }
            record.write(b, off, n);
        }

        InputStream stop() {
            return in;
        }

        /** Parses the record; the JDK already validated it, so parsing cannot fail but for overflow. */
        GzipHeader header() throws IOException {
            byte[] h = record.toByteArray();
            if (!overflow) {
                return GzipHeader.read(new ByteArrayInputStream(h), RECORD_LIMIT);
            }
            GzipHeader.Builder b = GzipHeader.builder()
                    .mtime((h[4] & 0xffL) | (h[5] & 0xffL) << 8 | (h[6] & 0xffL) << 16 | (h[7] & 0xffL) << 24)
                    .xfl(h[8] & 0xff).os(h[9] & 0xff).text((h[3] & GzipHeader.FTEXT) != 0);
            return b.build();
        }
    }
}
