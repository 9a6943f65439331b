/*
 * Finds and unpacks the shared benchmark corpus in Java, straight from the archives
 * (silesia/*.zip, calgary.tar.gz, cantrbry.tar.gz): no shell step, nothing written to disk.
 *
 * Names: the Silesia files by their own name ("dickens"), the others as "calgary/bib" and
 * "canterbury/alice29.txt". Unpacked bytes are cached per JVM; a JMH fork loads only what its
 * parameters need.
 */
package io.warpdrive.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

public final class Corpus {
    /** System property naming the corpus directory (the one holding silesia/ and calgary.tar.gz). */
    public static final String PROPERTY = "warpdrive.corpus";

    /** The 7 Silesia files the corpus ships, in the usual order. */
    public static final List<String> SILESIA = List.of("dickens", "mr", "nci", "ooffice", "osdb", "reymont", "xml");

    /** The 18 Calgary files, as benchmark names. */
    public static final List<String> CALGARY = List.of(
            "calgary/bib", "calgary/book1", "calgary/book2", "calgary/geo", "calgary/news", "calgary/obj1",
            "calgary/obj2", "calgary/paper1", "calgary/paper2", "calgary/paper3", "calgary/paper4",
            "calgary/paper5", "calgary/paper6", "calgary/pic", "calgary/progc", "calgary/progl",
            "calgary/progp", "calgary/trans");

    /** The 11 Canterbury files, as benchmark names (not in the default benchmark set). */
    public static final List<String> CANTERBURY = List.of(
            "canterbury/alice29.txt", "canterbury/asyoulik.txt", "canterbury/cp.html", "canterbury/fields.c",
            "canterbury/grammar.lsp", "canterbury/kennedy.xls", "canterbury/lcet10.txt",
            "canterbury/plrabn12.txt", "canterbury/ptt5", "canterbury/sum", "canterbury/xargs.1");

    /** tar archive per group prefix. */
    private static final Map<String, String> TARS = Map.of("calgary", "calgary.tar.gz", "canterbury", "cantrbry.tar.gz");

    private static Path root;
    private static final Map<String, byte[]> FILES = new HashMap<>();
    private static final Map<String, Map<String, byte[]>> TAR_CACHE = new HashMap<>();

    private Corpus() {}

    /** Expands group names ("silesia", "calgary", "canterbury", "all") and keeps file names as given. */
    public static List<String> expand(List<String> namesOrGroups) {
        Set<String> out = new LinkedHashSet<>(); // a file named twice is measured once
        for (String n : namesOrGroups) {
            switch (n) {
                case "silesia": out.addAll(SILESIA); break;
                case "calgary": out.addAll(CALGARY); break;
                case "canterbury": out.addAll(CANTERBURY); break;
                case "all": out.addAll(SILESIA); out.addAll(CALGARY); out.addAll(CANTERBURY); break;
                default: out.add(n);
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * The corpus directory: {@code -Dwarpdrive.corpus=DIR} if set, else the first
     * {@code shared/corpus} found walking up from the working directory (so {@code ../shared/corpus}
     * from the project root is found, as is {@code ../../shared/corpus} from a module).
     *
     * @throws IllegalStateException naming every place looked at, if no corpus is found
     */
    public static synchronized Path root() {
        if (root == null) {
            root = locate();
        }
        return root;
    }

    private static Path locate() {
        String prop = System.getProperty(PROPERTY);
        if (prop != null && !prop.isBlank()) {
            Path p = Path.of(prop).toAbsolutePath().normalize();
            if (looksLikeCorpus(p)) {
                return p;
            }
            throw new IllegalStateException("-D" + PROPERTY + "=" + prop + " (" + p + ") is not the corpus directory:"
                    + " expected silesia/*.zip and calgary.tar.gz inside it");
        }
        List<Path> tried = new ArrayList<>();
        Path cwd = Path.of("").toAbsolutePath().normalize();
        for (Path dir = cwd; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("corpus");
            tried.add(candidate);
            if (looksLikeCorpus(candidate)) {
                return candidate;
            }
        }
        StringBuilder msg = new StringBuilder("benchmark corpus not found. Looked for shared/corpus")
                .append(" (and ../shared/corpus, ...) walking up from the working directory ").append(cwd)
                .append(":");
        for (Path p : tried) {
            msg.append("\n  ").append(p);
        }
        msg.append("\nSet -D").append(PROPERTY).append("=DIR to the folder holding silesia/*.zip and calgary.tar.gz.");
        throw new IllegalStateException(msg.toString());
    }

    private static boolean looksLikeCorpus(Path p) {
        return Files.isDirectory(p.resolve("silesia")) || Files.isRegularFile(p.resolve("calgary.tar.gz"));
    }

    /**
     * The unpacked bytes of one corpus file. Callers must not modify the returned array (it is cached).
     *
     * @throws IllegalArgumentException for an unknown name
     * @throws IllegalStateException if the corpus or the file is missing
     * @throws UncheckedIOException if an archive cannot be read
     */
    public static synchronized byte[] load(String name) {
        byte[] data = FILES.get(name);
        if (data == null) {
            try {
                data = read(name);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read corpus file '" + name + "' from " + root(), e);
            }
            FILES.put(name, data);
        }
        return data;
    }

    private static byte[] read(String name) throws IOException {
        int slash = name.indexOf('/');
        if (slash < 0) {
            if (!SILESIA.contains(name)) {
                throw new IllegalArgumentException("unknown corpus file '" + name + "'; Silesia names are " + SILESIA
                        + ", others look like calgary/bib or canterbury/alice29.txt");
            }
            return readSilesia(name);
        }
        String group = name.substring(0, slash);
        String tar = TARS.get(group);
        if (tar == null) {
            throw new IllegalArgumentException("unknown corpus group '" + group + "' in '" + name + "'; known: "
                    + TARS.keySet());
        }
        Map<String, byte[]> entries = TAR_CACHE.get(group);
        if (entries == null) {
            Path archive = requireFile(root().resolve(tar));
            try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)), 65536)) {
                entries = TarReader.readAll(in);
            }
            TAR_CACHE.put(group, entries);
        }
        byte[] data = entries.get(name.substring(slash + 1));
        if (data == null) {
            throw new IllegalStateException("no entry '" + name.substring(slash + 1) + "' in " + root().resolve(tar)
                    + "; it holds " + entries.keySet());
        }
        return data;
    }

    /** Each Silesia zip holds exactly one file, named like the zip. */
    private static byte[] readSilesia(String name) throws IOException {
        Path zip = requireFile(root().resolve("silesia").resolve(name + ".zip"));
        try (ZipFile zf = new ZipFile(zip.toFile())) {
            ZipEntry entry = zf.getEntry(name);
            if (entry == null) {
                // Tolerate a different stored name as long as there is a single file.
                Enumeration<? extends ZipEntry> all = zf.entries();
                while (all.hasMoreElements()) {
                    ZipEntry e = all.nextElement();
                    if (!e.isDirectory()) {
                        if (entry != null) {
                            throw new IllegalStateException(zip + " holds more than one file and none named " + name);
                        }
                        entry = e;
                    }
                }
            }
            if (entry == null) {
                throw new IllegalStateException(zip + " holds no file");
            }
            try (InputStream in = zf.getInputStream(entry)) {
                byte[] data = in.readAllBytes();
                if (entry.getSize() >= 0 && data.length != entry.getSize()) {
                    throw new IOException(zip + ": entry " + entry.getName() + " is " + data.length
                            + " bytes, the directory says " + entry.getSize());
                }
                return data;
            }
        }
    }

    private static Path requireFile(Path p) {
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("corpus file missing: " + p + " (corpus directory: " + root() + ")");
        }
        return p;
    }
}
