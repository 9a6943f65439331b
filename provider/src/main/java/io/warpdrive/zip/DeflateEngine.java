package io.warpdrive.zip;

import io.warpdrive.soft.SoftDeflater;

import java.nio.ByteBuffer;

/**
 * What WdDeflater needs from a backend: zlib's deflate stream model (the methods of
 * {@link SoftDeflater}, same meaning, same status codes). Input is set and stays until consumed
 * ({@link #getAvailIn()}); each deflate or params call gets an output area.
 */
interface DeflateEngine {
    void setInput(byte[] b, int off, int len);

    void setInput(ByteBuffer b, int index, int len);

    int getAvailIn();

    int getAvailOut();

    int deflate(byte[] out, int off, int len, int flush);

    int deflate(ByteBuffer out, int index, int len, int flush);

    int params(byte[] out, int off, int len, int level, int strategy);

    int params(ByteBuffer out, int index, int len, int level, int strategy);

    int setDictionary(byte[] b, int off, int len);

    int setDictionary(ByteBuffer b, int index, int len);

    void reset();

    int getAdler();

    String getMessage();

    /** Releases what the engine holds; idempotent. */
    void end();

    static DeflateEngine create(int level, boolean nowrap) {
        Backend b = Backend.resolve(Backend.configured());
        if (b == Backend.EMULATED) {
            return new QueueDeflateEngine(level, nowrap, AccelRuntime.emulated(), AccelRuntime.emulatedLevel());
        }
        if (b == Backend.DEVICE) {
            // real hardware: its bytes are its own, so a failure continues from the window
            return new QueueDeflateEngine(level, nowrap, AccelRuntime.device(), QueueDeflateEngine.OPAQUE_DEVICE);
        }
        return new SoftDeflateEngine(new SoftDeflater(level, nowrap));
    }
}
