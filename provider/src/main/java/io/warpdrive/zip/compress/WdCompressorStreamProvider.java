/*
 * The Commons Compress provider. Registered in META-INF/services, so that
 * CompressorStreamFactory finds it by name. The names are our own: the factory matches its
 * built-in names (gz, deflate, ...) before it asks any provider, so a provider cannot take
 * "gz" over; callers choose warpdrive by asking for "wd-gz".
 */
package io.warpdrive.zip.compress;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorInputStream;
import org.apache.commons.compress.compressors.CompressorOutputStream;
import org.apache.commons.compress.compressors.CompressorStreamProvider;
import org.apache.commons.compress.compressors.deflate.DeflateParameters;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * warpdrive's compressors for Apache Commons Compress:
 * <ul>
 *   <li>{@value #WD_GZ}: gzip (RFC 1952), as "gz";
 *   <li>{@value #WD_DEFLATE}: the zlib format (RFC 1950), as "deflate";
 *   <li>{@value #WD_DEFLATE_RAW}: raw DEFLATE (RFC 1951), as "deflate" without a zlib header.
 * </ul>
 * <pre>{@code
 * CompressorOutputStream<?> out = CompressorStreamFactory.getSingleton()
 *         .createCompressorOutputStream("wd-gz", Files.newOutputStream(p));
 * }</pre>
 * Names are matched ignoring case. Streams made through the factory use default parameters; for
 * GzipParameters or DeflateParameters, construct this provider with them and call it directly,
 * or construct the stream classes ({@link WdGzipCompressorOutputStream} and the others).
 *
 * <p>Thread-safe: parameters are copied when the provider is constructed.
 */
public class WdCompressorStreamProvider implements CompressorStreamProvider {
    /** gzip through warpdrive. */
    public static final String WD_GZ = "wd-gz";
    /** zlib-wrapped DEFLATE through warpdrive. */
    public static final String WD_DEFLATE = "wd-deflate";
    /** Raw DEFLATE through warpdrive. */
    public static final String WD_DEFLATE_RAW = "wd-deflate-raw";

    private static final Set<String> NAMES =
            Collections.unmodifiableSet(new LinkedHashSet<>(java.util.List.of(WD_GZ, WD_DEFLATE, WD_DEFLATE_RAW)));

    private final GzipParameters gzip;
    private final int deflateLevel;

    /** Default parameters; this is the constructor ServiceLoader uses. */
    public WdCompressorStreamProvider() {
        this(new GzipParameters(), new DeflateParameters());
    }

    /**
     * Streams made with these parameters. For the deflate names only the level is taken from
     * {@code deflate}: the name decides the zlib header.
     */
    public WdCompressorStreamProvider(GzipParameters gzip, DeflateParameters deflate) {
        this.gzip = copy(gzip);
        this.deflateLevel = deflate.getCompressionLevel();
    }

    @Override
    public CompressorInputStream createCompressorInputStream(String name, InputStream in,
            boolean decompressConcatenated) throws CompressorException {
        try {
            switch (key(name)) {
                case WD_GZ:
                    return new WdGzipCompressorInputStream(in, decompressConcatenated);
                case WD_DEFLATE:
                    return new WdDeflateCompressorInputStream(in, deflate(true));
                case WD_DEFLATE_RAW:
                    return new WdDeflateCompressorInputStream(in, deflate(false));
                default:
                    throw new CompressorException("Compressor: " + name + " not found.");
            }
        } catch (IOException | IllegalStateException e) {
            throw new CompressorException("Could not create CompressorInputStream.", e);
        }
    }

    @Override
    @SuppressWarnings("unchecked") // our streams wrap T, whatever T is; the generic type is the factory's API
    public <T extends OutputStream> CompressorOutputStream<T> createCompressorOutputStream(String name, T out)
            throws CompressorException {
        try {
            switch (key(name)) {
                case WD_GZ:
                    return (CompressorOutputStream<T>) (CompressorOutputStream<?>)
                            new WdGzipCompressorOutputStream(out, copy(gzip));
                case WD_DEFLATE:
                    return (CompressorOutputStream<T>) (CompressorOutputStream<?>)
                            new WdDeflateCompressorOutputStream(out, deflate(true));
                case WD_DEFLATE_RAW:
                    return (CompressorOutputStream<T>) (CompressorOutputStream<?>)
                            new WdDeflateCompressorOutputStream(out, deflate(false));
                default:
                    throw new CompressorException("Compressor: " + name + " not found.");
            }
        } catch (IOException | IllegalStateException | IllegalArgumentException e) {
            throw new CompressorException("Could not create CompressorOutputStream.", e);
        }
    }

    @Override
    public Set<String> getInputStreamCompressorNames() {
        return NAMES;
    }

    @Override
    public Set<String> getOutputStreamCompressorNames() {
        return NAMES;
    }

    private static String key(String name) throws CompressorException {
        if (name == null) {
            throw new IllegalArgumentException("Compressor name and stream must not be null.");
        }
        return name.toLowerCase(Locale.ROOT);
    }

    private DeflateParameters deflate(boolean zlibHeader) {
        DeflateParameters p = new DeflateParameters();
        if (deflateLevel >= 0) { // the default, -1, is what a fresh instance holds but the setter refuses
            p.setCompressionLevel(deflateLevel);
        }
        p.setWithZlibHeader(zlibHeader);
        return p;
    }

    /** GzipParameters is mutable; each stream gets its own copy. */
    private static GzipParameters copy(GzipParameters g) {
        GzipParameters p = new GzipParameters();
        p.setCompressionLevel(g.getCompressionLevel());
        p.setDeflateStrategy(g.getDeflateStrategy());
        p.setBufferSize(g.getBufferSize());
        p.setFileNameCharset(g.getFileNameCharset());
        p.setFileName(g.getFileName());
        p.setComment(g.getComment());
        p.setModificationTime(g.getModificationTime());
        p.setOperatingSystem(g.getOperatingSystem());
        p.setExtraField(g.getExtraField());
        p.setHeaderCRC(g.getHeaderCRC());
        return p;
    }
}
