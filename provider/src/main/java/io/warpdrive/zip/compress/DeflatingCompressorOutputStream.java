/*
 * What the wd-deflate and wd-gz compressor outputs share: a CompressorOutputStream in front of a
 * DeflaterOutputStream that owns a WdDeflater, with Commons Compress's finish/close rules.
 */
package io.warpdrive.zip.compress;

import java.io.IOException;
import java.util.zip.DeflaterOutputStream;
import org.apache.commons.compress.compressors.CompressorOutputStream;

/**
 * A CompressorOutputStream over a DeflaterOutputStream: writes fail once finished or closed (as
 * Commons Compress's own compressor outputs do), finish() writes the rest of the compressed data
 * (and any trailer) and leaves the target open, close() finishes, ends the deflater and closes
 * the target.
 *
 * <p>Not thread-safe.
 */
abstract class DeflatingCompressorOutputStream extends CompressorOutputStream<java.io.OutputStream> {
    DeflatingCompressorOutputStream(DeflaterOutputStream out) {
        super(out);
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

    /** Writes the rest of the compressed data and any trailer; the target stays open. */
    @Override
    public void finish() throws IOException {
        if (!isFinished()) {
            ((DeflaterOutputStream) out).finish();
            super.finish();
        }
    }

    /** Finishes, ends the deflater and closes the target. */
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
