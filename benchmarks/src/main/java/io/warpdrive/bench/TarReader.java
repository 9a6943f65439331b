/*
 * A minimal reader for the POSIX ustar / GNU tar archives the shared corpus ships
 * (calgary.tar.gz, cantrbry.tar.gz), so benchmarks need no shell and no extra dependency.
 *
 * Design: read the whole archive into a name -> bytes map in one pass. Only regular files are
 * kept; directories, links and pax headers are skipped; GNU long names ('L') are honoured.
 * Every header checksum is verified, so a damaged archive fails loudly instead of producing
 * wrong benchmark input.
 */
package io.warpdrive.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

final class TarReader {
    /** Tar works in 512-byte records: one per header, data padded up to a multiple. */
    private static final int RECORD = 512;

    // Header field offsets and lengths (POSIX.1-1988 ustar layout).
    private static final int NAME_OFF = 0, NAME_LEN = 100;
    private static final int SIZE_OFF = 124, SIZE_LEN = 12;
    private static final int CHKSUM_OFF = 148, CHKSUM_LEN = 8;
    private static final int TYPE_OFF = 156;
    private static final int MAGIC_OFF = 257;
    private static final int PREFIX_OFF = 345, PREFIX_LEN = 155;

    /** Largest entry we accept: the corpus files are a few MB; this keeps a bad size from OOMing. */
    private static final long MAX_ENTRY = Integer.MAX_VALUE - 16;

    private TarReader() {}

    /**
     * Reads every regular file of an (already decompressed) tar stream, in archive order.
     * Names are kept as stored, minus a leading "./".
     */
    static Map<String, byte[]> readAll(InputStream in) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        byte[] header = new byte[RECORD];
        String longName = null;
        while (true) {
            if (in.readNBytes(header, 0, RECORD) != RECORD) {
                // Some writers omit the two zero records at the end; a clean EOF here is fine.
                return files;
            }
            if (isZero(header)) {
                return files;
            }
            verifyChecksum(header);
            long size = parseOctal(header, SIZE_OFF, SIZE_LEN);
            if (size < 0 || size > MAX_ENTRY) {
                throw new IOException("tar: entry size out of range: " + size);
            }
            byte[] data = readFully(in, (int) size);
            skipPadding(in, size);

            char type = (char) (header[TYPE_OFF] & 0xff);
            String name = longName != null ? longName : headerName(header);
            longName = null;
            switch (type) {
                case '0':
                case '\0':
                case '7': // contiguous file: a regular file for our purposes
                    files.put(stripDotSlash(name), data);
                    break;
                case 'L': // GNU: the data is the name of the next entry
                    longName = cString(data, 0, data.length);
                    break;
                default: // directories, links, pax 'x'/'g' headers, devices: not corpus data
                    break;
            }
        }
    }

    private static String headerName(byte[] header) {
        String name = cString(header, NAME_OFF, NAME_LEN);
        // "ustar" magic means the prefix field is in use (POSIX long paths split in two).
        if (cString(header, MAGIC_OFF, 5).equals("ustar")) {
            String prefix = cString(header, PREFIX_OFF, PREFIX_LEN);
            if (!prefix.isEmpty()) {
                return prefix + "/" + name;
            }
        }
        return name;
    }

    private static String stripDotSlash(String name) {
        return name.startsWith("./") ? name.substring(2) : name;
    }

    /** The checksum is the sum of all header bytes, unsigned, with the checksum field as spaces. */
    private static void verifyChecksum(byte[] header) throws IOException {
        long expected = parseOctal(header, CHKSUM_OFF, CHKSUM_LEN);
        long sum = 0;
        for (int i = 0; i < RECORD; i++) {
            boolean inField = i >= CHKSUM_OFF && i < CHKSUM_OFF + CHKSUM_LEN;
            sum += inField ? ' ' : (header[i] & 0xff);
        }
        if (sum != expected) {
            throw new IOException("tar: header checksum mismatch (stored " + expected + ", computed " + sum
                    + ") for entry '" + headerName(header) + "'");
        }
    }

    /** Octal number, space or NUL padded. GNU base-256 sizes (> 8 GiB) are rejected, not needed here. */
    private static long parseOctal(byte[] b, int off, int len) throws IOException {
        if ((b[off] & 0x80) != 0) {
            throw new IOException("tar: base-256 numeric fields are not supported");
        }
        long value = 0;
        int i = off;
        int end = off + len;
        while (i < end && (b[i] == ' ' || b[i] == 0)) {
            i++;
        }
        for (; i < end; i++) {
            int c = b[i];
            if (c == ' ' || c == 0) {
                break;
            }
            if (c < '0' || c > '7') {
                throw new IOException("tar: bad octal digit 0x" + Integer.toHexString(c & 0xff) + " in header");
            }
            value = (value << 3) | (c - '0');
        }
        return value;
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] readFully(InputStream in, int size) throws IOException {
        byte[] data = in.readNBytes(size);
        if (data.length != size) {
            throw new EOFException("tar: archive truncated inside an entry (" + data.length + " of " + size + " bytes)");
        }
        return data;
    }

    private static void skipPadding(InputStream in, long size) throws IOException {
        int pad = (int) ((RECORD - (size % RECORD)) % RECORD);
        if (pad > 0 && in.readNBytes(pad).length != pad) {
            throw new EOFException("tar: archive truncated in record padding");
        }
    }
}
