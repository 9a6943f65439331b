/*
 * Spool: where one compressed entry waits between its worker and the archive writer. Small
 * entries stay in memory; past a threshold the bytes move to a temporary file, so a run of
 * large entries in flight costs disk, not heap.
 */
package io.warpdrive.zip.compress;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Not thread-safe; handed from worker to writer through a Future (which orders the accesses). */
final class Spool extends OutputStream {
    /** Bytes kept in memory before spilling to a file. */
    private final int memoryLimit;
    private ByteArrayOutputStream memory = new ByteArrayOutputStream();
    private Path file;
    private OutputStream fileOut;
    private long size;

    Spool(int memoryLimit) {
        this.memoryLimit = memoryLimit;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (fileOut == null && memory.size() + (long) len > memoryLimit) {
            file = Files.createTempFile("wdzip-entry", ".deflate");
            fileOut = Files.newOutputStream(file);
            memory.writeTo(fileOut);
            memory = null;
        }
        if (fileOut != null) {
            fileOut.write(b, off, len);
        } else {
            memory.write(b, off, len);
        }
        size += len;
    }

    /** Bytes written. */
    long size() {
        return size;
    }

    @Override
    public void close() throws IOException {
        if (fileOut != null) {
            fileOut.close();
        }
    }

    /** The bytes written, from the start; call after close(). */
    InputStream open() throws IOException {
        return file != null ? Files.newInputStream(file) : new ByteArrayInputStream(memory.toByteArray());
    }

    /** Frees memory and deletes the file, if any. */
    void discard() {
        memory = null;
        try {
            if (fileOut != null) {
                fileOut.close();
            }
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a temp file we could not delete is not worth failing the archive for
        }
    }
}
