/*
 * The "wd-deflate" and "wd-deflate-raw" compressor output: DeflateParameters mapped onto a
 * DeflaterOutputStream that owns a WdDeflater.
 */
package io.warpdrive.zip.compress;

import io.warpdrive.zip.WdStreams;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.DeflaterOutputStream;
import org.apache.commons.compress.compressors.CompressorOutputStream;
import org.apache.commons.compress.compressors.deflate.DeflateParameters;

/**
 * A DEFLATE CompressorOutputStream (zlib format, or raw when the parameters say no zlib header)
 * compressing with WdDeflater; a stand-in for DeflateCompressorOutputStream.
 *
 * <p>Honoured DeflateParameters: compression level, zlib header.
 *
 * <p>Not thread-safe.
 */
public class WdDeflateCompressorOutputStream extends CompressorOutputStream<OutputStream> {
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

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        checkOpen();
        out.write(b, off, len);
    }

    @Override
    public void write(int b) throws IOException {
        checkOpen();
        out.write(b);
    }

    /** Writes the rest of the compressed data; the stream stays open. */
    @Override
    public void finish() throws IOException {
        if (!isFinished()) {
            ((DeflaterOutputStream) out).finish();
            super.finish();
        }
    }

    /** Finishes, ends the deflater and closes the underlying stream. */
    @Override
    public void close() throws IOException {
        if (!isClosed()) {
            try {
                finish();
            } finally {
                super.close();
            }
        }
    }
}
