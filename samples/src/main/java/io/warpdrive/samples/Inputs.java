/*
 * Inputs: the data `wdzip check` and `wdzip bench` work on. Files the user names, or real data
 * every JDK install has (the running JDK's lib/modules, first 64 MiB), and with --corpus the
 * Silesia / Calgary / Canterbury corpus if there is one. Loading is deferred so that only one
 * input is in memory at a time.
 */
package io.warpdrive.samples;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

final class Inputs {
    /** How much of lib/modules to use: a stable measurement that fits any default heap. */
    static final int MODULES_LIMIT = 64 << 20;
    /** Arrays are int-indexed; larger files are read only up to this. */
    static final int FILE_LIMIT = 1 << 30;

    private Inputs() {
    }

    /** Produces an input's bytes when its turn comes. */
    interface Loader {
        byte[] load() throws IOException;
    }

    /** A named input; {@code problem} is set if it cannot be used. */
    static final class Input {
        final String label;
        final Loader loader;
        final String problem;

        Input(String label, Loader loader, String problem) {
            this.label = label;
            this.loader = loader;
            this.problem = problem;
        }
    }

    /** The running JDK's lib/modules, at most {@code limit} bytes. */
    static Input modules(int limit) {
        Path modules = Path.of(System.getProperty("java.home"), "lib", "modules");
        String label = "jdk lib/modules" + (limit < Long.MAX_VALUE ? " (first " + (limit >> 20) + " MiB)" : "");
        if (!Files.isRegularFile(modules)) {
            return new Input(label, null, modules + " does not exist");
        }
        return new Input(label, () -> {
            try (InputStream in = Files.newInputStream(modules)) {
                return in.readNBytes(limit);
            }
        }, null);
    }

    static Input file(String name) {
        Path p = Path.of(name);
        if (!Files.isRegularFile(p)) {
            return new Input(name, null, Files.exists(p) ? "not a regular file" : "No such file or directory");
        }
        return new Input(name, () -> {
            try (InputStream in = Files.newInputStream(p)) {
                return in.readNBytes(FILE_LIMIT);
            }
        }, null);
    }

    /**
     * The corpus files under {@code dir} (or found as InflateCheck finds it: shared/corpus in the
     * working directory or above). Notes say what was (not) found.
     */
    static List<Input> corpus(String dir, List<String> notes) {
        Path root = InflateCheck.findCorpus(Path.of(""), dir, notes);
        List<Input> list = new ArrayList<>();
        if (root == null) {
            return list;
        }
        notes.add("corpus: " + root);
        Path silesia = root.resolve("silesia");
        for (String name : new String[] {"dickens", "mozilla", "mr", "nci", "ooffice", "osdb", "reymont", "samba",
            "sao", "webster", "x-ray", "xml"}) {
            Path zip = silesia.resolve(name + ".zip");
            if (Files.isRegularFile(zip)) {
                list.add(new Input("silesia/" + name, () -> singleEntry(zip), null));
            }
        }
        addTar(root.resolve("calgary.tar.gz"), "calgary/", list);
        addTar(root.resolve("cantrbry.tar.gz"), "canterbury/", list);
        return list;
    }

    private static byte[] singleEntry(Path zip) throws IOException {
        try (ZipFile zf = new ZipFile(zip.toFile())) {
            for (ZipEntry e : Collections.list(zf.entries())) {
                if (!e.isDirectory()) {
                    try (InputStream in = zf.getInputStream(e)) {
                        return in.readAllBytes();
                    }
                }
            }
        }
        throw new IOException(zip + " holds no file");
    }

    private static void addTar(Path tgz, String prefix, List<Input> list) {
        if (!Files.isRegularFile(tgz)) {
            return;
        }
        Map<String, byte[]> files;
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(tgz)), 65536)) {
            files = InflateCheck.readTar(in);
        } catch (IOException e) {
            list.add(new Input(prefix + "*", null, "cannot read " + tgz + ": " + e.getMessage()));
            return;
        }
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            byte[] b = e.getValue();
            list.add(new Input(prefix + e.getKey(), () -> b, null));
        }
    }
}
