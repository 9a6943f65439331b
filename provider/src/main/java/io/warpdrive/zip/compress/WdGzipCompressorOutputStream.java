/*
 * The "wd-gz" compressor output: Commons Compress's GzipParameters mapped onto a
 * WdGZIPOutputStream. With the same parameters it writes what GzipCompressorOutputStream writes
 * (on the soft backend, byte for byte): the header fields in the same places, XFL 2 or 4 at
 * levels 9 and 1, the name and comment in the parameters' file name charset.
 */
package io.warpdrive.zip.compress;

import io.warpdrive.zip.GzipHeader;
import io.warpdrive.zip.WdGZIPOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.compressors.gzip.ExtraField;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * A gzip CompressorOutputStream compressing with WdDeflater: the one behind the compressor name
 * {@code wd-gz}, and a stand-in for GzipCompressorOutputStream when built directly.
 *
 * <p>Honoured GzipParameters: compression level, deflate strategy, buffer size, file name (in
 * the file name charset), comment (same charset), modification time (whole seconds, low 32 bits), operating
 * system, extra field, header CRC.
 *
 * <p>Not thread-safe.
 */
public class WdGzipCompressorOutputStream extends DeflatingCompressorOutputStream {
    /**
     * A stream with default parameters (level 6, no name, mtime 0, OS 255).
     *
     * @throws IOException if writing the header fails
     * @throws IllegalStateException if the configured backend is not available
     */
    public WdGzipCompressorOutputStream(OutputStream out) throws IOException {
        this(out, new GzipParameters());
    }

    /**
     * A stream with the given parameters.
     *
     * @throws IOException if writing the header fails
     * @throws IllegalArgumentException if a parameter cannot be written (e.g. a name with a NUL)
     * @throws IllegalStateException if the configured backend is not available
     */
    public WdGzipCompressorOutputStream(OutputStream out, GzipParameters parameters) throws IOException {
        super(new Gzip(out, parameters));
    }

    /** The header GzipParameters describe. */
    static GzipHeader header(GzipParameters p) throws IOException {
        Instant mtime = p.getModificationInstant();
        GzipHeader.Builder b = GzipHeader.builder()
                // the low 32 bits of the epoch seconds, as GzipCompressorOutputStream writes them
                .mtime(mtime == null ? 0 : mtime.getEpochSecond() & 0xffffffffL)
                .os(p.getOperatingSystem())
                .xfl(GzipHeader.xflForLevel(p.getCompressionLevel()))
                .headerCrc(p.getHeaderCRC());
        if (p.getFileName() != null) {
            b.nameBytes(p.getFileName().getBytes(p.getFileNameCharset()));
        }
        if (p.getComment() != null) {
            b.commentBytes(p.getComment().getBytes(p.getFileNameCharset()));
        }
        ExtraField extra = p.getExtraField();
        if (extra != null && !extra.isEmpty()) {
            List<GzipHeader.Subfield> subs = new ArrayList<>();
            for (ExtraField.SubField s : extra) {
                String id = s.getId();
                subs.add(new GzipHeader.Subfield((byte) id.charAt(0), (byte) id.charAt(1), s.getPayload()));
            }
            b.subfields(subs);
        }
        return b.build();
    }

    /** Our gzip stream, with the strategy applied through the protected deflater. */
    private static final class Gzip extends WdGZIPOutputStream {
        Gzip(OutputStream out, GzipParameters p) throws IOException {
            super(out, p.getBufferSize(), false, p.getCompressionLevel(), header(p));
            def.setStrategy(p.getDeflateStrategy()); // before any data: takes effect with no output
        }
    }
}
