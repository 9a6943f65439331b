/*
 * The "wd-gz" compressor input: a GzipReader behind Commons Compress's CompressorInputStream
 * API, with GzipCompressorInputStream's rules (one member or all of them; bytes after the last
 * member that are not another member are an error) and its getMetaData().
 */
package io.warpdrive.zip.compress;

import io.warpdrive.zip.GzipHeader;
import io.warpdrive.zip.GzipReader;
import io.warpdrive.zip.WdInflater;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.commons.compress.compressors.CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.ExtraField;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.apache.commons.compress.utils.InputStreamStatistics;

/**
 * A gzip CompressorInputStream inflating with WdInflater: the one behind the compressor name
 * {@code wd-gz}.
 *
 * <p>The first member's header is read by the constructor (as GzipCompressorInputStream does),
 * so a stream that is not gzip fails there. Failures are those of {@link GzipReader}.
 *
 * <p>Not thread-safe.
 */
public class WdGzipCompressorInputStream extends CompressorInputStream implements InputStreamStatistics {
    private final WdInflater inflater;
    private final GzipReader reader;
    private GzipParameters metaData;

    /** Reads the first member only. */
    public WdGzipCompressorInputStream(InputStream in) throws IOException {
        this(in, false);
    }

    /**
     * @param decompressConcatenated whether to read the members after the first
     * @throws IOException if the first header is invalid or {@code in} fails
     * @throws IllegalStateException if the configured backend is not available
     */
    public WdGzipCompressorInputStream(InputStream in, boolean decompressConcatenated) throws IOException {
        this.inflater = new WdInflater(true);
        this.reader = GzipReader.builder(in).concatenated(decompressConcatenated).failOnGarbage(true)
                .bufferSize(8192).inflater(inflater).build();
        try {
            reader.readFirstHeader();
        } catch (IOException | RuntimeException e) {
            inflater.end(); // the caller's stream stays open, as with GzipCompressorInputStream
            throw e;
        }
    }

    /**
     * The first member's header as GzipParameters (file name and comment decoded as ISO 8859-1,
     * modification time in seconds, compression level 9 or 1 when XFL says so).
     */
    public GzipParameters getMetaData() throws IOException {
        if (metaData == null) {
            metaData = parameters(reader.firstHeader());
        }
        return metaData;
    }

    /** The first member's header with every field. */
    public GzipHeader getHeader() {
        return reader.firstHeader();
    }

    static GzipParameters parameters(GzipHeader h) throws IOException {
        GzipParameters p = new GzipParameters();
        if (h == null) {
            return p;
        }
        p.setModificationInstant(Instant.ofEpochSecond(h.mtime()));
        p.setOperatingSystem(h.os());
        if (h.xfl() == GzipHeader.XFL_MAX_COMPRESSION) {
            p.setCompressionLevel(9);
        } else if (h.xfl() == GzipHeader.XFL_FASTEST) {
            p.setCompressionLevel(1);
        }
        p.setFileName(h.name(StandardCharsets.ISO_8859_1));
        p.setComment(h.comment(StandardCharsets.ISO_8859_1));
        p.setHeaderCRC(h.hasHeaderCrc());
        if (h.extra() != null) {
            ExtraField x = new ExtraField();
            for (GzipHeader.Subfield s : h.subfields()) {
                x.addSubField(s.id(), s.data());
            }
            p.setExtraField(x);
        }
        return p;
    }

    @Override
    public int read() throws IOException {
        int b = reader.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = reader.read(b, off, len);
        count(n);
        return n;
    }

    @Override
    public long getCompressedCount() {
        return reader.compressedCount();
    }

    @Override
    public void close() throws IOException {
        try {
            reader.close();
        } finally {
            inflater.end();
        }
    }
}
