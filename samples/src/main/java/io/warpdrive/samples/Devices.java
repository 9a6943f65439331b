/*
 * `wdzip devices`: what compression devices this machine has for warpdrive. Device support is
 * not in this build, so this says so, and lists what the kernel exposes under
 * /sys/class/uacce (read, not interpreted) so the user can see whether a device is there at all.
 */
package io.warpdrive.samples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

final class Devices {
    private Devices() {
    }

    static int run(PrintStream out, Path sysfs) {
        List<String> found = new ArrayList<>();
        if (Files.isDirectory(sysfs)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(sysfs)) {
                for (Path p : ds) {
                    found.add(p.getFileName() + describe(p));
                }
            } catch (IOException e) {
                out.println("cannot list " + sysfs + ": " + e.getMessage());
            }
        }
        Collections.sort(found);
        if (found.isEmpty()) {
            out.println("no uacce devices (device support not in this build)");
        } else {
            out.println("uacce devices in " + sysfs + " (not usable: device support not in this build):");
            for (String f : found) {
                out.println("  " + f);
            }
        }
        out.println("usable backends here: soft, emulated (--backend emulated)");
        return 0;
    }

    /** The algorithms and api files, when readable. */
    private static String describe(Path dev) {
        StringBuilder sb = new StringBuilder();
        for (String attr : new String[] {"api", "algorithms", "available_instances"}) {
            try {
                String v = Files.readString(dev.resolve(attr)).trim().replace('\n', ' ');
                sb.append("  ").append(attr).append('=').append(v);
            } catch (IOException | RuntimeException e) {
                // attribute absent on this kernel
            }
        }
        return sb.toString();
    }
}
