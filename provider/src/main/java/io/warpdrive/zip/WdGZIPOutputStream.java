/*
 * WdGZIPOutputStream: java.util.zip.GZIPOutputStream compressing with a WdDeflater, with any
 * RFC 1952 header.
 *
 * Design: the JDK's stream writes its fixed header from its constructor, before a subclass can
 * run. So the superclass is handed a sink that swallows that header, the protected `out` is then
 * pointed at the caller's stream and our header is written there. Everything else (buffering,
 * sync flush, CRC, the trailer written by finish()) is the JDK's code, so with the default
 * header the bytes are the JDK's bytes whenever WdDeflater's are.
 */
package io.warpdrive.zip;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A {@link GZIPOutputStream} whose data is compressed by a {@link WdDeflater}, with a chosen
 * level and a full gzip header ({@link GzipHeader}: name, comment, extra field, header CRC,
 * mtime, XFL, OS).
 *
 * <p>The constructors of GZIPOutputStream are all here with the same meaning; with the default
 * header ({@link GzipHeader#DEFAULT}, as the JDK writes it) and level, the output is the one
 * java.util.zip.GZIPOutputStream writes when the backend writes the JDK's deflate bytes (the
 * soft backend does).
 *
 * <p>The WdDeflater is ended by {@link #close()} and by a failing {@link #finish()}, as
 * GZIPOutputStream ends its own.
 *
 * <p>Not thread-safe, like GZIPOutputStream.
 */
public class WdGZIPOutputStream extends GZIPOutputStream {
    private final GzipHeader header;
    private final int level;

    /**
     * @param out the destination
     * @param size output buffer size, bytes
     * @param syncFlush whether flush() flushes the compressor (SYNC_FLUSH) first
     * @param level compression level, -1 (default, 6) or 0..9
     * @param header the member header to write
     * @throws IOException if writing the header fails
     * @throws NullPointerException if {@code out} or {@code header} is null
     * @throws IllegalArgumentException if {@code size <= 0} or the level is invalid
     * @throws IllegalStateException if the configured backend is not available
     */
    @SuppressWarnings("this-escape")
    public WdGZIPOutputStream(OutputStream out, int size, boolean syncFlush, int level, GzipHeader header)
            throws IOException {
        super(HeaderSink.of(out, header), size, syncFlush);
        this.header = header;
        this.level = level;
        Deflater wd;
        try {
            wd = new WdDeflater(level, true);
        } catch (RuntimeException e) { // a bad level or a missing backend
            def.end();
            throw e;
        }
        def.end();
        def = wd;
        this.out = out;
        try {
            header.writeTo(out);
        } catch (IOException | RuntimeException e) {
            wd.end();
            throw e;
        }
    }

    /** Default level, given header, 512-byte buffer, no sync flush. */
    public WdGZIPOutputStream(OutputStream out, int level, GzipHeader header) throws IOException {
        this(out, 512, false, level, header);
    }

    /** As {@link GZIPOutputStream#GZIPOutputStream(OutputStream, int, boolean)}. */
    public WdGZIPOutputStream(OutputStream out, int size, boolean syncFlush) throws IOException {
        this(out, size, syncFlush, Deflater.DEFAULT_COMPRESSION, GzipHeader.DEFAULT);
    }

    /** As {@link GZIPOutputStream#GZIPOutputStream(OutputStream, int)}. */
    public WdGZIPOutputStream(OutputStream out, int size) throws IOException {
        this(out, size, false);
    }

    /** As {@link GZIPOutputStream#GZIPOutputStream(OutputStream, boolean)}. */
    public WdGZIPOutputStream(OutputStream out, boolean syncFlush) throws IOException {
        this(out, 512, syncFlush);
    }

    /** As {@link GZIPOutputStream#GZIPOutputStream(OutputStream)}. */
    public WdGZIPOutputStream(OutputStream out) throws IOException {
        this(out, 512, false);
    }

    /** The header this stream wrote. */
    public GzipHeader getHeader() {
        return header;
    }

    /** The compression level this stream was created with. */
    public int getLevel() {
        return level;
    }

    /** Swallows the header GZIPOutputStream's constructor writes; never used afterwards. */
    private static final class HeaderSink extends OutputStream {
        /** Null stays null, so that the superclass throws exactly what it throws for null. */
        static OutputStream of(OutputStream out, GzipHeader header) {
            Objects.requireNonNull(header, "header");
            return out == null ? null : new HeaderSink();
        }

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
