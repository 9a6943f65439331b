/*
 * A minimal ustar reader: enough for the corpus tarballs (regular files, octal sizes, 512-byte
 * records). Long-name and pax extensions are not needed there and are skipped as non-files.
 */
package io.warpdrive.conformance;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads every regular file of a tar stream into memory. */
final class TarReader {
    private static final int RECORD = 512;

    private TarReader() {}

    /** Base name to content, in archive order. */
    static Map<String, byte[]> readAll(InputStream in) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        byte[] header = new byte[RECORD];
        while (true) {
            if (!readFully(in, header)) {
                break; // clean end without the two zero records
            }
            if (isZero(header)) {
                break;
            }
            String name = cString(header, 0, 100);
            String prefix = cString(header, 345, 155);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
            long size = octal(header, 124, 12);
            byte type = header[156];
            byte[] body = new byte[Math.toIntExact(size)];
            if (!readFully(in, body)) {
                throw new EOFException("truncated tar entry " + name);
            }
            long pad = (RECORD - size % RECORD) % RECORD;
            in.skipNBytes(pad);
            if (type == '0' || type == 0) {
                files.put(name.substring(name.lastIndexOf('/') + 1), body);
            }
        }
        return files;
    }

    private static boolean readFully(InputStream in, byte[] b) throws IOException {
        int n = in.readNBytes(b, 0, b.length);
        if (n == 0 && b.length > 0) {
            return false;
        }
        if (n < b.length) {
            throw new EOFException("truncated tar record");
        }
        return true;
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.US_ASCII);
    }

    /** Octal field: leading spaces, digits, then a space or NUL terminator. */
    private static long octal(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end && b[i] == ' ') {
            i++;
        }
        long v = 0;
        for (; i < end && b[i] >= '0' && b[i] <= '7'; i++) {
            v = v * 8 + (b[i] - '0');
        }
        return v;
    }
}
