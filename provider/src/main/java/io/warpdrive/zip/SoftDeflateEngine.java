package io.warpdrive.zip;

import io.warpdrive.soft.SoftDeflater;

import java.nio.ByteBuffer;

/** The pure-Java backend: every call goes straight to the soft deflater. */
final class SoftDeflateEngine implements DeflateEngine {
    private final SoftDeflater d;

    SoftDeflateEngine(SoftDeflater d) {
        this.d = d;
    }

    @Override
    public void setInput(byte[] b, int off, int len) {
        d.setInput(b, off, len);
    }

    @Override
    public void setInput(ByteBuffer b, int index, int len) {
        d.setInput(b, index, len);
    }

    @Override
    public int getAvailIn() {
        return d.getAvailIn();
    }

    @Override
    public int getAvailOut() {
        return d.getAvailOut();
    }

    @Override
    public int deflate(byte[] out, int off, int len, int flush) {
        return d.deflate(out, off, len, flush);
    }

    @Override
    public int deflate(ByteBuffer out, int index, int len, int flush) {
        return d.deflate(out, index, len, flush);
    }

    @Override
    public int params(byte[] out, int off, int len, int level, int strategy) {
        return d.params(out, off, len, level, strategy);
    }

    @Override
    public int params(ByteBuffer out, int index, int len, int level, int strategy) {
        return d.params(out, index, len, level, strategy);
    }

    @Override
    public int setDictionary(byte[] b, int off, int len) {
        return d.setDictionary(b, off, len);
    }

    @Override
    public int setDictionary(ByteBuffer b, int index, int len) {
        return d.setDictionary(b, index, len);
    }

    @Override
    public void reset() {
        d.reset();
    }

    @Override
    public int getAdler() {
        return d.getAdler();
    }

    @Override
    public String getMessage() {
        return d.getMessage();
    }

    @Override
    public void end() {
        d.end();
    }
}
