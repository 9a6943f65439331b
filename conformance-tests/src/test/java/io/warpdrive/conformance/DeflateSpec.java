/*
 * How java.util.zip.Deflater made a stream: level, strategy, wrapper, preset dictionary, and
 * events at input offsets (SYNC/FULL flush points, level/strategy changes). The stream is a pure
 * function of (data, spec), so a spec shrinks like any other value.
 */
package io.warpdrive.conformance;

import io.warpdrive.conformance.harness.Gen;
import io.warpdrive.conformance.harness.Shrink;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import java.util.zip.Deflater;

/**
 * Deflater settings and call script.
 *
 * @param level      initial level, -1..9
 * @param strategy   initial strategy, 0..2
 * @param nowrap     raw deflate (true) or zlib wrapper (false)
 * @param dictionary preset dictionary or null; zlib: an FDICT stream; raw: set on both sides up front
 * @param events     flushes and parameter changes at input offsets (clamped to the data length)
 * @param outBuf     Deflater output buffer size (level 0 output depends on it)
 */
public record DeflateSpec(int level, int strategy, boolean nowrap, byte[] dictionary, List<Event> events,
                          int outBuf) {

    /**
     * Something done at an input offset.
     *
     * @param at       input offset; events at the same offset run in list order
     * @param flush    Deflater.SYNC_FLUSH / FULL_FLUSH, or NO_FLUSH for a pure parameter change
     * @param level    new level, or Integer.MIN_VALUE for no change
     * @param strategy new strategy, or Integer.MIN_VALUE for no change
     */
    public record Event(int at, int flush, int level, int strategy) {
        static final int KEEP = Integer.MIN_VALUE;

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("@").append(at);
            if (flush == Deflater.SYNC_FLUSH) {
                sb.append(" SYNC");
            } else if (flush == Deflater.FULL_FLUSH) {
                sb.append(" FULL");
            }
            if (level != KEEP) {
                sb.append(" level=").append(level);
            }
            if (strategy != KEEP) {
                sb.append(" strategy=").append(strategy);
            }
            return sb.toString();
        }
    }

    public static DeflateSpec plain(int level, boolean nowrap) {
        return new DeflateSpec(level, 0, nowrap, null, List.of(), 65536);
    }

    @Override
    public String toString() {
        return "deflate{level=" + level + ", strategy=" + strategy + (nowrap ? ", raw" : ", zlib")
                + (dictionary == null ? "" : ", dict[" + dictionary.length + "]=" + Hex.brief(dictionary, 32))
                + (events.isEmpty() ? "" : ", events=" + events) + ", outBuf=" + outBuf + "}";
    }

    /** Compresses {@code data} with java.util.zip.Deflater following this spec. */
    public byte[] compress(byte[] data) {
        Deflater d = new Deflater(level, nowrap);
        try {
            d.setStrategy(strategy);
            if (dictionary != null) {
                d.setDictionary(dictionary);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
            byte[] buf = new byte[outBuf];
            List<Event> sorted = new ArrayList<>(events);
            sorted.sort(Comparator.comparingInt(Event::at)); // stable: same-offset events keep order
            int pos = 0;
            for (Event e : sorted) {
                int at = Math.min(e.at, data.length);
                if (at > pos) {
                    d.setInput(data, pos, at - pos);
                    drain(d, buf, out, Deflater.NO_FLUSH);
                    pos = at;
                }
                if (e.level != Event.KEEP) {
                    d.setLevel(e.level);
                }
                if (e.strategy != Event.KEEP) {
                    d.setStrategy(e.strategy);
                }
                if (e.flush != Deflater.NO_FLUSH) {
                    flush(d, buf, out, e.flush);
                }
            }
            d.setInput(data, pos, data.length - pos);
            drain(d, buf, out, Deflater.NO_FLUSH);
            d.finish();
            while (!d.finished()) {
                out.write(buf, 0, d.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    private static void drain(Deflater d, byte[] buf, ByteArrayOutputStream out, int mode) {
        while (!d.needsInput()) {
            out.write(buf, 0, d.deflate(buf, 0, buf.length, mode));
        }
    }

    /** A full output buffer after SYNC/FULL means "call again" (javadoc: len > 6). */
    private static void flush(Deflater d, byte[] buf, ByteArrayOutputStream out, int mode) {
        int n;
        do {
            n = d.deflate(buf, 0, buf.length, mode);
            out.write(buf, 0, n);
        } while (n == buf.length);
    }

    /** Random settings, either wrapper; with {@code allowDictionary}, a preset dictionary a quarter of the time. */
    public static Gen<DeflateSpec> gen(boolean allowDictionary) {
        return Gen.of(r -> make(r, allowDictionary, r.nextBoolean()), DeflateSpec::shrinks);
    }

    /** Random settings with a fixed wrapper. */
    public static Gen<DeflateSpec> gen(boolean allowDictionary, boolean nowrap) {
        return Gen.of(r -> make(r, allowDictionary, nowrap), DeflateSpec::shrinks);
    }

    static DeflateSpec make(RandomGenerator r, boolean allowDictionary, boolean nowrap) {
        int level = r.nextInt(-1, 10);
        int strategy = r.nextInt(3);
        byte[] dict = null;
        if (allowDictionary && r.nextInt(4) == 0) {
            int len = r.nextInt(8) == 0 ? r.nextInt(32_000, 40_000) : r.nextInt(1, 2_000);
            dict = Data.make(r, len).bytes();
        }
        List<Event> events = new ArrayList<>();
        if (r.nextInt(3) == 0) {
            int n = r.nextInt(1, 6);
            for (int i = 0; i < n; i++) {
                int at = r.nextInt(70_000) >> r.nextInt(10); // skewed toward small offsets
                int kind = r.nextInt(4);
                int flush = kind == 0 ? Deflater.SYNC_FLUSH : kind == 1 ? Deflater.FULL_FLUSH : Deflater.NO_FLUSH;
                int lv = Event.KEEP;
                int st = Event.KEEP;
                if (kind >= 2) {
                    if (r.nextBoolean()) {
                        lv = r.nextInt(-1, 10);
                    }
                    if (lv == Event.KEEP || r.nextBoolean()) {
                        st = r.nextInt(3);
                    }
                }
                events.add(new Event(at, flush, lv, st));
            }
        }
        int outBuf = r.nextInt(3) == 0 ? r.nextInt(16, 600) : 65536;
        return new DeflateSpec(level, strategy, nowrap, dict, List.copyOf(events), outBuf);
    }

    /** Fewer events, no dictionary, default level/strategy, big output buffer. */
    static Stream<DeflateSpec> shrinks(DeflateSpec s) {
        Stream<DeflateSpec> ev = Shrink.list(s.events, e -> Shrink.toward(e.at, 0)
                .mapToObj(at -> new Event(at, e.flush, e.level, e.strategy)))
                .map(l -> new DeflateSpec(s.level, s.strategy, s.nowrap, s.dictionary, l, s.outBuf));
        Stream<DeflateSpec> dict = s.dictionary == null ? Stream.empty() : Stream.concat(
                Stream.of(new DeflateSpec(s.level, s.strategy, s.nowrap, null, s.events, s.outBuf)),
                Shrink.bytes(s.dictionary).filter(d -> d.length > 0).limit(6)
                        .map(d -> new DeflateSpec(s.level, s.strategy, s.nowrap, d, s.events, s.outBuf)));
        Stream<DeflateSpec> params = Stream.of(
                        new DeflateSpec(6, s.strategy, s.nowrap, s.dictionary, s.events, s.outBuf),
                        new DeflateSpec(s.level, 0, s.nowrap, s.dictionary, s.events, s.outBuf),
                        new DeflateSpec(s.level, s.strategy, s.nowrap, s.dictionary, s.events, 65536))
                .filter(c -> c.level != s.level || c.strategy != s.strategy || c.outBuf != s.outBuf);
        return Stream.concat(ev, Stream.concat(dict, params));
    }
}
