/*
 * The "wd-deflate" and "wd-deflate-raw" compressor input: an InflaterInputStream that owns a
 * WdInflater, counting the compressed bytes it pulls for InputStreamStatistics.
 */
package io.warpdrive.zip.compress;

import io.warpdrive.zip.WdStreams;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.InflaterInputStream;
import org.apache.commons.compress.compressors.CompressorInputStream;
import org.apache.commons.compress.compressors.deflate.DeflateParameters;
import org.apache.commons.compress.utils.InputStreamStatistics;

/**
 * A DEFLATE CompressorInputStream (zlib format, or raw when the parameters say no zlib header)
 * inflating with WdInflater; a stand-in for DeflateCompressorInputStream, with the JDK's
 * InflaterInputStream rules and messages.
 *
 * <p>Not thread-safe.
 */
public class WdDeflateCompressorInputStream extends CompressorInputStream implements InputStreamStatistics {
    private final Counting counting;
    private final InflaterInputStream in;

    /** Zlib format. */
    public WdDeflateCompressorInputStream(InputStream in) {
        this(in, new DeflateParameters());
    }

    /**
     * @throws IllegalStateException if the configured backend is not available
     */
    public WdDeflateCompressorInputStream(InputStream in, DeflateParameters parameters) {
        this.counting = new Counting(in);
        this.in = WdStreams.inflaterInputStream(counting, !parameters.withZlibHeader(), 8192);
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        count(n);
        return n;
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public long skip(long n) throws IOException {
        long s = in.skip(n);
        count(s);
        return s;
    }

    /** Compressed bytes pulled from the source (may run ahead of what the inflater has used, by up to a buffer). */
    @Override
    public long getCompressedCount() {
        return counting.count;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
