/*
 * The shared benchmark corpus, unpacked in memory once per test JVM: silesia/*.zip hold one file
 * each (java.util.zip.ZipInputStream), calgary and canterbury are tar.gz (GZIPInputStream plus
 * TarReader). Absent directory = the corpus tests are skipped, never passed.
 */
package io.warpdrive.conformance;

import io.warpdrive.conformance.harness.Config;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Corpus files by set and name; loaded lazily, cached for the JVM. */
public final class Corpus {
    /** The files each set must contain, in the order the tests list them. */
    public static final List<String> SILESIA = List.of("dickens", "mr", "nci", "ooffice", "osdb", "reymont", "xml");
    public static final List<String> CALGARY = List.of("bib", "book1", "book2", "geo", "news", "obj1", "obj2",
            "paper1", "paper2", "paper3", "paper4", "paper5", "paper6", "pic", "progc", "progl", "progp", "trans");
    public static final List<String> CANTERBURY = List.of("alice29.txt", "asyoulik.txt", "cp.html", "fields.c",
            "grammar.lsp", "kennedy.xls", "lcet10.txt", "plrabn12.txt", "ptt5", "sum", "xargs.1");

    private static final Map<String, Map<String, byte[]>> SETS = new LinkedHashMap<>();

    private Corpus() {}

    /** The corpus directory, if configured and present. */
    public static Optional<Path> dir() {
        return Config.corpus();
    }

    /** One file of a set ("silesia", "calgary", "canterbury"). */
    public static byte[] file(String set, String name) {
        byte[] b = set(set).get(name);
        if (b == null) {
            throw new IllegalStateException("corpus file missing: " + set + "/" + name);
        }
        return b;
    }

    /** Every file of a set, by name. */
    public static synchronized Map<String, byte[]> set(String set) {
        Path dir = dir().orElseThrow(() -> new IllegalStateException("no corpus directory"));
        return SETS.computeIfAbsent(set, s -> {
            try {
                return Collections.unmodifiableMap(load(dir, s));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The small sets (calgary + canterbury, about 5 MB) as one list, for data slices; empty without corpus. */
    public static synchronized List<byte[]> smallFiles() {
        if (dir().isEmpty()) {
            return List.of();
        }
        List<byte[]> all = new ArrayList<>(set("calgary").values());
        all.addAll(set("canterbury").values());
        return all;
    }

    private static Map<String, byte[]> load(Path dir, String set) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        switch (set) {
            case "silesia" -> {
                for (String name : SILESIA) {
                    Path zip = dir.resolve("silesia").resolve(name + ".zip");
                    if (!Files.exists(zip)) {
                        continue;
                    }
                    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                        ZipEntry e;
                        while ((e = in.getNextEntry()) != null) {
                            if (!e.isDirectory()) {
                                files.put(name, in.readAllBytes());
                            }
                        }
                    }
                }
            }
            case "calgary" -> files.putAll(tar(dir.resolve("calgary.tar.gz")));
            case "canterbury" -> files.putAll(tar(dir.resolve("cantrbry.tar.gz")));
            default -> throw new IllegalArgumentException(set);
        }
        return files;
    }

    private static Map<String, byte[]> tar(Path tgz) throws IOException {
        if (!Files.exists(tgz)) {
            return Map.of();
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tgz), 65536)) {
            return TarReader.readAll(in);
        }
    }
}
