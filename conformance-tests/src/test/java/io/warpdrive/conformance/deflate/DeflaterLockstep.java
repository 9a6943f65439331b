/*
 * Runs one DeflaterScript on java.util.zip.Deflater and on a candidate side by side and fails at
 * the first call whose outcome differs: return value or exception (class and message), output
 * bytes including the bytes around the output area, buffer positions, and afterwards the state
 * accessors. Each finished stream the candidate wrote is also inflated back and compared with
 * the bytes the deflaters actually consumed.
 */
package io.warpdrive.conformance.deflate;

import io.warpdrive.conformance.Thrown;
import io.warpdrive.conformance.deflate.DeflaterScript.Deflate;
import io.warpdrive.conformance.deflate.DeflaterScript.End;
import io.warpdrive.conformance.deflate.DeflaterScript.Finish;
import io.warpdrive.conformance.deflate.DeflaterScript.Op;
import io.warpdrive.conformance.deflate.DeflaterScript.Reset;
import io.warpdrive.conformance.deflate.DeflaterScript.SetDictionary;
import io.warpdrive.conformance.deflate.DeflaterScript.SetInput;
import io.warpdrive.conformance.deflate.DeflaterScript.SetLevel;
import io.warpdrive.conformance.deflate.DeflaterScript.SetStrategy;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** Lockstep execution of deflater scripts. */
public final class DeflaterLockstep {
    private static final byte FILL = 0x5a;
    /** Output buffer size used to drain each script's last stream. */
    private static final int DRAIN_SIZE = 8192;

    /** Makes a candidate deflater for (level, nowrap). */
    private final java.util.function.BiFunction<Integer, Boolean, Deflater> candidate;
    /** Makes the inflater that must read back what the candidate wrote (nowrap). */
    private final Function<Boolean, Inflater> inflater;

    public DeflaterLockstep(java.util.function.BiFunction<Integer, Boolean, Deflater> candidate,
                            Function<Boolean, Inflater> inflater) {
        this.candidate = candidate;
        this.inflater = inflater;
    }

    /** One side of the comparison with what it has done in the current stream. */
    private static final class Side {
        final Deflater def;
        /** Input set last: exactly one of these is non-null. */
        byte[] inArray;
        int inBase;
        /** Position in inArray of the next byte the deflater will read. */
        int inPos;
        ByteBuffer inBuf;
        /** Everything written in the current stream, for the round trip. */
        final ByteArrayOutputStream written = new ByteArrayOutputStream();

        Side(Deflater def) {
            this.def = def;
        }
    }

    /** What the stream consumed, shared by both sides (they must consume the same). */
    private ByteArrayOutputStream consumed;
    private byte[] dictAtStart;
    private boolean dictMidStream;

    /** Runs the script; throws AssertionError at the first difference. */
    public void run(DeflaterScript s) {
        Deflater ref = new Deflater(s.level(), s.nowrap());
        Deflater cand = candidate.apply(s.level(), s.nowrap());
        try {
            Side a = new Side(ref);
            Side b = new Side(cand);
            startStream();
            boolean ended = false;
            int i = 0;
            for (Op op : s.ops()) {
                String where = "op " + i + " " + op;
                step(s, op, a, b, where);
                compareState(a, b, where);
                if (op instanceof Reset && !ended) {
                    roundTrip(s, b, where);
                    a.written.reset();
                    b.written.reset();
                    startStream();
                }
                if (op instanceof End) {
                    ended = true;
                }
                i++;
            }
            if (!ended) {
                drain(s, a, b);
                roundTrip(s, b, "end of script");
            }
        } finally {
            ref.end();
            cand.end();
        }
    }

    private void startStream() {
        consumed = new ByteArrayOutputStream();
        dictAtStart = null;
        dictMidStream = false;
    }

    /** Finishes the last stream on both sides with moderate buffers. */
    private void drain(DeflaterScript s, Side a, Side b) {
        call("drain finish", () -> {
            a.def.finish();
            return null;
        }, () -> {
            b.def.finish();
            return null;
        });
        for (int n = 0; n < 100_000 && !a.def.finished(); n++) {
            step(s, new Deflate(DRAIN_SIZE, Deflater.NO_FLUSH, 0, 0), a, b, "drain deflate " + n);
            compareState(a, b, "drain deflate " + n);
        }
    }

    private void step(DeflaterScript s, Op op, Side a, Side b, String where) {
        if (op instanceof SetInput in) {
            int from = consumed.size();
            byte[] data = s.data();
            int start = data.length == 0 ? 0 : from % data.length;
            int len = Math.min(in.len(), data.length - start);
            setInput(a, data, start, len, in.kind());
            setInput(b, data, start, len, in.kind());
            call(where, () -> applyInput(a, in.kind()), () -> applyInput(b, in.kind()));
        } else if (op instanceof Deflate d) {
            deflate(a, b, d, where);
        } else if (op instanceof SetLevel l) {
            call(where, () -> {
                a.def.setLevel(l.level());
                return null;
            }, () -> {
                b.def.setLevel(l.level());
                return null;
            });
        } else if (op instanceof SetStrategy st) {
            call(where, () -> {
                a.def.setStrategy(st.strategy());
                return null;
            }, () -> {
                b.def.setStrategy(st.strategy());
                return null;
            });
        } else if (op instanceof SetDictionary sd) {
            byte[] data = s.data();
            int from = Math.min(sd.from(), data.length);
            int len = Math.min(sd.len(), data.length - from);
            byte[] dict = Arrays.copyOfRange(data, from, from + len);
            boolean atStart = consumed.size() == 0 && written(a) == 0;
            Object[] outcome = call(where, () -> applyDictionary(a.def, dict, sd.kind()),
                    () -> applyDictionary(b.def, dict, sd.kind()));
            if (outcome[0] == null) { // accepted
                if (atStart && dictAtStart == null && !dictMidStream) {
                    dictAtStart = dict;
                } else {
                    dictMidStream = true;
                }
            }
        } else if (op instanceof Reset) {
            call(where, () -> {
                a.def.reset();
                return null;
            }, () -> {
                b.def.reset();
                return null;
            });
            noInput(a);
            noInput(b);
        } else if (op instanceof Finish) {
            call(where, () -> {
                a.def.finish();
                return null;
            }, () -> {
                b.def.finish();
                return null;
            });
        } else if (op instanceof End) {
            call(where, () -> {
                a.def.end();
                return null;
            }, () -> {
                b.def.end();
                return null;
            });
            noInput(a);
            noInput(b);
        }
    }

    /** After reset() and end() the JDK holds an empty input. */
    private static void noInput(Side s) {
        s.inArray = null;
        s.inBuf = null;
    }

    private static long written(Side s) {
        return s.written.size();
    }

    /** Prepares the input object for a side (each side gets its own buffer object). */
    private static void setInput(Side side, byte[] data, int start, int len, int kind) {
        side.inArray = null;
        side.inBuf = null;
        switch (kind) {
            case 0 -> { // array range inside a padded array
                byte[] padded = new byte[len + 7];
                System.arraycopy(data, start, padded, 3, len);
                side.inArray = padded;
                side.inBase = 3;
                side.inPos = 3;
            }
            case 1 -> {
                side.inArray = Arrays.copyOfRange(data, start, start + len);
                side.inBase = 0;
                side.inPos = 0;
            }
            case 2 -> side.inBuf = ByteBuffer.wrap(Arrays.copyOfRange(data, start, start + len));
            case 3 -> {
                ByteBuffer bb = ByteBuffer.allocateDirect(len + 5);
                bb.position(5);
                bb.put(data, start, len);
                bb.position(5);
                side.inBuf = bb;
            }
            case 4 -> side.inBuf = ByteBuffer.wrap(Arrays.copyOfRange(data, start, start + len)).asReadOnlyBuffer();
            default -> {
                byte[] big = new byte[len + 11];
                System.arraycopy(data, start, big, 11, len);
                side.inBuf = ByteBuffer.wrap(big, 11, len).slice();
            }
        }
    }

    private static Object applyInput(Side side, int kind) {
        if (side.inBuf != null) {
            side.def.setInput(side.inBuf);
        } else if (kind == 1) {
            side.def.setInput(side.inArray);
        } else {
            side.def.setInput(side.inArray, side.inBase, side.inArray.length - 7);
        }
        return null;
    }

    private static Object applyDictionary(Deflater def, byte[] dict, int kind) {
        switch (kind) {
            case 0 -> {
                byte[] padded = new byte[dict.length + 4];
                System.arraycopy(dict, 0, padded, 2, dict.length);
                def.setDictionary(padded, 2, dict.length);
            }
            case 1 -> def.setDictionary(dict.clone());
            case 2 -> {
                ByteBuffer bb = ByteBuffer.wrap(dict.clone());
                def.setDictionary(bb);
                return bb.position();
            }
            default -> {
                ByteBuffer bb = ByteBuffer.allocateDirect(dict.length);
                bb.put(dict).flip();
                def.setDictionary(bb);
                return bb.position();
            }
        }
        return null;
    }

    private void deflate(Side a, Side b, Deflate d, String where) {
        long readBefore = bytesReadOrMinus(a.def);
        ByteBuffer inBefore = a.inBuf == null ? null : a.inBuf.duplicate();
        int inPosBefore = a.inBuf == null ? -1 : a.inBuf.position();
        Out oa = new Out(d);
        Out ob = new Out(d);
        call(where, () -> oa.deflate(a.def, d), () -> ob.deflate(b.def, d));
        oa.assertSame(ob, where);
        oa.appendWritten(a.written);
        ob.appendWritten(b.written);
        long readAfter = bytesReadOrMinus(a.def);
        if (readBefore >= 0 && readAfter > readBefore) {
            int n = (int) (readAfter - readBefore);
            if (inBefore != null) {
                byte[] t = new byte[n];
                inBefore.get(inPosBefore, t, 0, n);
                consumed.write(t, 0, n);
            } else if (a.inArray != null) {
                consumed.write(a.inArray, a.inPos, n);
                a.inPos += n;
                b.inPos += n;
            } else {
                throw new AssertionError(where + ": " + n + " bytes read without input");
            }
        }
    }

    private static long bytesReadOrMinus(Deflater d) {
        try {
            return d.getBytesRead();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** An output area for one deflate call and its result. */
    private static final class Out {
        final byte[] array;
        final ByteBuffer buf;
        final int off;
        int ret;

        Out(Deflate d) {
            int size = d.size();
            int pad = d.pad();
            switch (d.kind()) {
                case 2, 4 -> {
                    array = null;
                    ByteBuffer bb = ByteBuffer.allocate(pad + size + 3);
                    fill(bb);
                    bb.position(pad).limit(pad + size);
                    buf = d.kind() == 4 ? bb.asReadOnlyBuffer() : bb;
                    off = pad;
                }
                case 3 -> {
                    array = null;
                    ByteBuffer bb = ByteBuffer.allocateDirect(pad + size + 3);
                    fill(bb);
                    bb.position(pad).limit(pad + size);
                    buf = bb;
                    off = pad;
                }
                case 5 -> {
                    array = new byte[size];
                    Arrays.fill(array, FILL);
                    buf = null;
                    off = 0;
                }
                default -> {
                    array = new byte[pad + size + 3];
                    Arrays.fill(array, FILL);
                    buf = null;
                    off = pad;
                }
            }
        }

        private static void fill(ByteBuffer bb) {
            for (int i = 0; i < bb.capacity(); i++) {
                bb.put(i, FILL);
            }
        }

        Object deflate(Deflater def, Deflate d) {
            ret = switch (d.kind()) {
                case 0 -> def.deflate(array, off, d.size(), d.flush());
                case 1 -> def.deflate(array, off, d.size());
                case 5 -> def.deflate(array);
                default -> d.flush() == Deflater.NO_FLUSH && d.pad() % 2 == 1 ? def.deflate(buf) : def.deflate(buf, d.flush());
            };
            return ret;
        }

        byte[] contents() {
            if (array != null) {
                return array.clone();
            }
            byte[] t = new byte[buf.capacity()];
            ByteBuffer all = buf.duplicate();
            all.clear();
            all.get(t);
            return t;
        }

        void assertSame(Out o, String where) {
            if (!Arrays.equals(contents(), o.contents())) {
                throw new AssertionError(where + ": output bytes differ\n  jdk:  " + hex(contents()) + "\n  cand: "
                        + hex(o.contents()));
            }
            if (buf != null && (buf.position() != o.buf.position() || buf.limit() != o.buf.limit())) {
                throw new AssertionError(where + ": output buffer position/limit differ: jdk " + buf.position() + "/"
                        + buf.limit() + ", cand " + o.buf.position() + "/" + o.buf.limit());
            }
        }

        void appendWritten(ByteArrayOutputStream w) {
            if (ret <= 0) {
                return;
            }
            byte[] c = contents();
            w.write(c, off, ret);
        }
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(b.length, 96); i++) {
            sb.append(String.format("%02x", b[i] & 0xff));
        }
        return sb.append(b.length > 96 ? "... (" + b.length + " bytes)" : "").toString();
    }

    /**
     * Runs the same call on both sides; both must return equal values or throw the same class
     * with the same message. Returns {exception of the reference or null, its value}.
     */
    private Object[] call(String where, Supplier<Object> ref, Supplier<Object> cand) {
        Object ra = null;
        Object rb = null;
        Throwable ta = null;
        Throwable tb = null;
        try {
            ra = ref.get();
        } catch (RuntimeException | Error e) {
            ta = e;
        }
        try {
            rb = cand.get();
        } catch (RuntimeException | Error e) {
            tb = e;
        }
        if (!Thrown.same(ta, tb)) {
            AssertionError err = new AssertionError(where + ": exceptions differ: jdk " + Thrown.of(ta) + ", cand "
                    + Thrown.of(tb) + (tb != null ? "\n" + Thrown.stack(tb, 12) : ""));
            throw err;
        }
        if (!Objects.equals(ra, rb)) {
            throw new AssertionError(where + ": results differ: jdk " + ra + ", cand " + rb);
        }
        return new Object[] {ta, ra};
    }

    private void compareState(Side a, Side b, String where) {
        compareAccessor(where, "needsInput", a.def::needsInput, b.def::needsInput);
        compareAccessor(where, "finished", a.def::finished, b.def::finished);
        compareAccessor(where, "getAdler", a.def::getAdler, b.def::getAdler);
        compareAccessor(where, "getBytesRead", a.def::getBytesRead, b.def::getBytesRead);
        compareAccessor(where, "getBytesWritten", a.def::getBytesWritten, b.def::getBytesWritten);
        compareAccessor(where, "getTotalIn", a.def::getTotalIn, b.def::getTotalIn);
        compareAccessor(where, "getTotalOut", a.def::getTotalOut, b.def::getTotalOut);
        if (a.inBuf != null && a.inBuf.position() != b.inBuf.position()) {
            throw new AssertionError(where + ": input buffer position differs: jdk " + a.inBuf.position() + ", cand "
                    + b.inBuf.position());
        }
    }

    private void compareAccessor(String where, String name, Supplier<Object> x, Supplier<Object> y) {
        call(where + " then " + name + "()", x, y);
    }

    /** Inflates what the candidate wrote in this stream and compares with what was consumed. */
    private void roundTrip(DeflaterScript s, Side b, String where) {
        boolean finished;
        try {
            finished = b.def.finished();
        } catch (RuntimeException e) {
            return;
        }
        if (!finished || dictMidStream) {
            return;
        }
        byte[] stream = b.written.toByteArray();
        byte[] expected = consumed.toByteArray();
        Inflater inf = inflater.apply(s.nowrap());
        try {
            if (s.nowrap() && dictAtStart != null) {
                inf.setDictionary(dictAtStart);
            }
            inf.setInput(stream);
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[65536];
            int guard = 0;
            while (!inf.finished()) {
                int n = inf.inflate(buf);
                got.write(buf, 0, n);
                if (n == 0 && !inf.finished()) {
                    if (inf.needsDictionary() && dictAtStart != null) {
                        inf.setDictionary(dictAtStart);
                    } else if (inf.needsInput() || ++guard > 3) {
                        throw new AssertionError(where + ": round trip: stream of " + stream.length
                                + " bytes ended early after " + got.size() + " bytes");
                    }
                }
            }
            if (!Arrays.equals(got.toByteArray(), expected)) {
                throw new AssertionError(where + ": round trip: inflated " + got.size() + " bytes, consumed "
                        + expected.length + " (or contents differ)");
            }
        } catch (DataFormatException e) {
            throw new AssertionError(where + ": round trip: " + e, e);
        } finally {
            inf.end();
        }
    }
}
