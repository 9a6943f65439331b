/*
 * `wdzip devices`: the uacce devices of this machine as warpdrive sees them. Each device under
 * <root>/sys/class/uacce is listed with what discovery read (api, algorithms, free queues, NUMA
 * node, isolation) and the verdict: the one the provider would use, usable but not chosen, or
 * the reason it cannot be used. Only sysfs is read; nothing is opened.
 */
package io.warpdrive.samples;

import io.warpdrive.accel.uacce.UacceDeviceInfo;
import io.warpdrive.accel.uacce.UacceDiscovery;
import io.warpdrive.accel.uacce.UacceScan;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

final class Devices {
    private Devices() {
    }

    /** Lists the devices under {@code root} (the directory standing for /); always 0. */
    static int run(PrintStream out, Path root) {
        UacceScan scan = UacceDiscovery.scan(root);
        if (scan.devices().isEmpty()) {
            out.println(scan.classProblem());
        } else {
            out.println("uacce devices in " + scan.classDir() + (scan.preferredNode() >= 0
                    ? " (preferring NUMA node " + scan.preferredNode() + ")" : "") + ":");
            Optional<UacceDeviceInfo> best = scan.best();
            for (UacceDeviceInfo d : scan.devices()) {
                out.println("  " + d.name());
                out.println("    api " + orUnknown(d.api()) + ", algorithms " + (d.algorithms().isEmpty() ? "?"
                        : String.join(" ", d.algorithms())) + ", free queues " + number(d.availableInstances())
                        + ", NUMA node " + number(d.numaNode()) + ", " + (d.isolated() ? "isolated" : "not isolated"));
                out.println("    " + verdict(d, best));
            }
        }
        List<UacceDeviceInfo> usable = scan.ranked();
        if (usable.isEmpty()) {
            out.println("backend auto runs on: soft (no usable device); backend device fails: " + scan.whyNone());
        } else {
            out.println("backend auto and device run on: " + usable.get(0).name() + " (" + usable.get(0).node() + ")");
        }
        return 0;
    }

    private static String verdict(UacceDeviceInfo d, Optional<UacceDeviceInfo> best) {
        if (best.isPresent() && best.get().name().equals(d.name())) {
            return "used by the provider: yes (" + d.node() + ")";
        }
        if (d.usable()) {
            return "used by the provider: no, usable but another is preferred (NUMA node, then free queues)";
        }
        return "used by the provider: no, " + d.reason();
    }

    private static String orUnknown(String s) {
        return s == null ? "?" : s;
    }

    private static String number(int n) {
        return n < 0 ? "?" : Integer.toString(n);
    }
}
