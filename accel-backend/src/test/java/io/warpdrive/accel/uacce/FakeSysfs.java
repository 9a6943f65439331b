package io.warpdrive.accel.uacce;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fake root: {@code sys/class/uacce/<dev>/<attr>} files and {@code dev/<dev>} nodes (regular files). */
final class FakeSysfs {
    final Path root;

    FakeSysfs(Path root) {
        this.root = root;
    }

    /** A hisi_zip device as a Kunpeng 920 kernel shows it, with a node. */
    Dev zip(String name) {
        return new Dev(name).attr("api", "hisi_qm_v2\n").attr("flags", "1\n").attr("available_instances", "64\n")
                .attr("algorithms", "zlib\ngzip\n").attr("region_mmio_size", "8192\n")
                .attr("region_dus_size", "151552\n").attr("isolate", "0\n").attr("device/numa_node", "0\n").node();
    }

    final class Dev {
        final String name;
        final Path dir;

        Dev(String name) {
            this.name = name;
            this.dir = root.resolve("sys/class/uacce").resolve(name);
        }

        Dev attr(String attr, String content) {
            try {
                Path f = dir.resolve(attr);
                Files.createDirectories(f.getParent());
                Files.writeString(f, content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Dev remove(String attr) {
            try {
                Files.delete(dir.resolve(attr));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Dev node() {
            try {
                Files.createDirectories(root.resolve("dev"));
                Path n = root.resolve("dev").resolve(name);
                if (!Files.exists(n)) {
                    Files.createFile(n);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Dev noNode() {
            try {
                Files.deleteIfExists(root.resolve("dev").resolve(name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }
    }
}
