/*
 * GzipException: a ZipException that also says which gzip check failed, so that a tool can
 * print GNU gzip's message ("invalid compressed data--crc error") while library callers see
 * java.util.zip's ("Corrupt GZIP trailer").
 */
package io.warpdrive.zip;

import java.util.zip.ZipException;

/**
 * A gzip stream failed a check. The message is java.util.zip's for the same failure where the
 * JDK has one; {@link #reason()} tells the failures apart.
 *
 * <p>Truncated input is not reported with this class but, as the JDK reports it, with
 * {@link java.io.EOFException}.
 */
public class GzipException extends ZipException {
    private static final long serialVersionUID = 1L;

    /** Which check failed. */
    public enum Reason {
        /** The first member does not start with 1f 8b ("Not in GZIP format"). */
        NOT_GZIP,
        /** CM is not 8 ("Unsupported compression method"). */
        METHOD,
        /** Reserved FLG bits set, rejected only in strict (gzip tool) mode. */
        FLAGS,
        /** FHCRC present and wrong ("Corrupt GZIP header"). */
        HEADER_CRC,
        /** A name or comment longer than the reader's limit. */
        HEADER_TOO_LONG,
        /** The deflate data is invalid (the message is zlib's, as the JDK reports it). */
        DATA,
        /** The trailer's CRC-32 does not match the data ("Corrupt GZIP trailer"). */
        CRC,
        /** The trailer's ISIZE does not match the data length mod 2^32 ("Corrupt GZIP trailer"). */
        LENGTH,
        /** Bytes after the last member that are neither a member nor zeros, where the reader refuses them. */
        TRAILING_GARBAGE
    }

    private final Reason reason;
    private final long found;
    private final long computed;

    public GzipException(Reason reason, String message) {
        this(reason, message, 0, 0);
    }

    /**
     * @param found the value read from the stream where it helps a message (the method for
     *     METHOD, FLG for FLAGS, the stored CRC for HEADER_CRC and CRC, ISIZE for LENGTH)
     * @param computed the value expected instead (the computed CRC or length), or 0
     */
    public GzipException(Reason reason, String message, long found, long computed) {
        super(message);
        this.reason = reason;
        this.found = found;
        this.computed = computed;
    }

    /** Which check failed. */
    public Reason reason() {
        return reason;
    }

    /** The offending value read from the stream (see the constructor), or 0. */
    public long found() {
        return found;
    }

    /** The value the check expected, or 0. */
    public long computed() {
        return computed;
    }
}
