/*
 * The "wd-deflate" and "wd-deflate-raw" compressor output: DeflateParameters mapped onto a
 * DeflaterOutputStream that owns a WdDeflater.
 */
package io.warpdrive.zip.compress;

import io.warpdrive.zip.WdStreams;
import java.io.OutputStream;
import org.apache.commons.compress.compressors.deflate.DeflateParameters;

/**
 * A DEFLATE CompressorOutputStream (zlib format, or raw when the parameters say no zlib header)
 * compressing with WdDeflater; a stand-in for DeflateCompressorOutputStream.
 *
 * <p>Honoured DeflateParameters: compression level, zlib header.
 *
 * <p>Not thread-safe.
 */
public class WdDeflateCompressorOutputStream extends DeflatingCompressorOutputStream {
    /** Zlib format at the default level. */
    public WdDeflateCompressorOutputStream(OutputStream out) {
        this(out, new DeflateParameters());
    }

    /**
     * @throws IllegalStateException if the configured backend is not available
     */
    public WdDeflateCompressorOutputStream(OutputStream out, DeflateParameters parameters) {
        super(WdStreams.deflaterOutputStream(out, parameters.getCompressionLevel(), !parameters.withZlibHeader(),
                512, false));
    }
}
