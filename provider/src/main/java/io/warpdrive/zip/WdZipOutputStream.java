/*
 * WdZipOutputStream: java.util.zip.ZipOutputStream with its entries deflated by a WdDeflater.
 * The JDK stream keeps everything else (headers, data descriptors, ZIP64, the central
 * directory); only the protected `def` changes, as the contract allows.
 */
package io.warpdrive.zip;

import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.ZipOutputStream;

/**
 * A {@link ZipOutputStream} whose DEFLATED entries are compressed by a {@link WdDeflater}.
 * {@link #setLevel(int)} and every other method work as in ZipOutputStream; the WdDeflater is
 * ended by {@link #close()}.
 *
 * <p>To compress entries in parallel, see {@code io.warpdrive.zip.compress.ParallelZip}.
 *
 * <p>Not thread-safe, like ZipOutputStream.
 */
public class WdZipOutputStream extends ZipOutputStream {
    /**
     * An archive with UTF-8 entry names and comments.
     *
     * @throws NullPointerException if {@code out} is null
     * @throws IllegalStateException if the configured backend is not available
     */
    public WdZipOutputStream(OutputStream out) {
        this(out, StandardCharsets.UTF_8);
    }

    /**
     * An archive with entry names and comments in {@code charset}.
     *
     * @throws NullPointerException if {@code out} or {@code charset} is null
     * @throws IllegalStateException if the configured backend is not available
     */
    @SuppressWarnings("this-escape")
    public WdZipOutputStream(OutputStream out, Charset charset) {
        super(out, charset);
        Deflater wd;
        try {
            wd = new WdDeflater(Deflater.DEFAULT_COMPRESSION, true);
        } catch (RuntimeException e) {
            def.end();
            throw e;
        }
        def.end();
        def = wd;
    }
}
