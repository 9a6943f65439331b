/*
 * WdStreams: one-line ways to get java.util.zip streams running on warpdrive engines.
 *
 * Design: a JDK stream never ends an engine the caller passed in, so a stream built here around
 * a new WdDeflater/WdInflater would leak its engine until the Cleaner runs. The factories return
 * small subclasses that end their own engine in close(); callers who want to manage the engine
 * themselves can still write new InflaterInputStream(in, new WdInflater()).
 */
package io.warpdrive.zip;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterInputStream;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Factories for java.util.zip streams backed by {@link WdDeflater} and {@link WdInflater}. Each
 * stream owns its engine and ends it when closed. Every factory throws IllegalStateException if
 * the configured backend ({@link Backend}) is not available, and the argument exceptions of the
 * JDK constructor it stands for.
 *
 * <p>Thread-safe (the streams themselves are not).
 */
public final class WdStreams {
    /** The JDK streams' default buffer size. */
    private static final int DEFAULT_SIZE = 512;

    private WdStreams() {
    }

    /** A DeflaterOutputStream writing the zlib format at the default level. */
    public static DeflaterOutputStream deflaterOutputStream(OutputStream out) {
        return deflaterOutputStream(out, Deflater.DEFAULT_COMPRESSION, false, DEFAULT_SIZE, false);
    }

    /**
     * A DeflaterOutputStream.
     *
     * @param level -1..9
     * @param nowrap true for raw DEFLATE, false for the zlib format
     * @param size buffer size, bytes
     * @param syncFlush whether flush() flushes the compressor
     */
    public static DeflaterOutputStream deflaterOutputStream(OutputStream out, int level, boolean nowrap, int size,
            boolean syncFlush) {
        if (out == null) {
            throw new NullPointerException();
        }
        if (size <= 0) {
            throw new IllegalArgumentException("buffer size <= 0");
        }
        return new OwningDeflaterOutputStream(out, new WdDeflater(level, nowrap), size, syncFlush);
    }

    /** A DeflaterInputStream (compresses while reading) in the zlib format at the default level. */
    public static DeflaterInputStream deflaterInputStream(InputStream in) {
        return deflaterInputStream(in, Deflater.DEFAULT_COMPRESSION, false, DEFAULT_SIZE);
    }

    /** A DeflaterInputStream: reads {@code in} and returns it compressed. */
    public static DeflaterInputStream deflaterInputStream(InputStream in, int level, boolean nowrap, int size) {
        if (in == null) {
            throw new NullPointerException("Null input");
        }
        if (size < 1) {
            throw new IllegalArgumentException("Buffer size < 1");
        }
        return new OwningDeflaterInputStream(in, new WdDeflater(level, nowrap), size);
    }

    /** An InflaterInputStream reading the zlib format. */
    public static InflaterInputStream inflaterInputStream(InputStream in) {
        return inflaterInputStream(in, false, DEFAULT_SIZE);
    }

    /**
     * An InflaterInputStream.
     *
     * @param nowrap true for raw DEFLATE, false for the zlib format
     * @param size buffer size, bytes
     */
    public static InflaterInputStream inflaterInputStream(InputStream in, boolean nowrap, int size) {
        if (in == null) {
            throw new NullPointerException();
        }
        if (size <= 0) {
            throw new IllegalArgumentException("buffer size <= 0");
        }
        return new OwningInflaterInputStream(in, new WdInflater(nowrap), size);
    }

    /** A {@link WdGZIPOutputStream} at the default level with the JDK's header. */
    public static GZIPOutputStream gzipOutputStream(OutputStream out) throws IOException {
        return new WdGZIPOutputStream(out);
    }

    /** A {@link WdGZIPOutputStream} with a level and header. */
    public static GZIPOutputStream gzipOutputStream(OutputStream out, int level, GzipHeader header, int size)
            throws IOException {
        return new WdGZIPOutputStream(out, size, false, level, header);
    }

    /** A {@link WdGZIPInputStream} (java.util.zip's gzip rules). */
    public static GZIPInputStream gzipInputStream(InputStream in) throws IOException {
        return new WdGZIPInputStream(in);
    }

    /** A {@link WdGZIPInputStream} with a buffer size. */
    public static GZIPInputStream gzipInputStream(InputStream in, int size) throws IOException {
        return new WdGZIPInputStream(in, size);
    }

    /** A {@link WdZipOutputStream} with UTF-8 names. */
    public static ZipOutputStream zipOutputStream(OutputStream out) {
        return new WdZipOutputStream(out);
    }

    private static final class OwningDeflaterOutputStream extends DeflaterOutputStream {
        private boolean ended;

        OwningDeflaterOutputStream(OutputStream out, Deflater def, int size, boolean syncFlush) {
            super(out, def, size, syncFlush);
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                if (!ended) {
                    ended = true;
                    def.end();
                }
            }
        }
    }

    private static final class OwningDeflaterInputStream extends DeflaterInputStream {
        OwningDeflaterInputStream(InputStream in, Deflater def, int size) {
            super(in, def, size);
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                def.end();
            }
        }
    }

    private static final class OwningInflaterInputStream extends InflaterInputStream {
        OwningInflaterInputStream(InputStream in, Inflater inf, int size) {
            super(in, inf, size);
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                inf.end();
            }
        }
    }
}
