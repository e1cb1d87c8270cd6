package dev.agentserver.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Memory figures of a process from {@code /proc/<pid>/status} (Linux). */
public final class ProcStatus {

    private ProcStatus() {
    }

    public static long rssKb(long pid) throws IOException {
        return field(pid, "VmRSS:");
    }

    public static long peakRssKb(long pid) throws IOException {
        return field(pid, "VmHWM:");
    }

    private static long field(long pid, String name) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(name)) {
                return Long.parseLong(line.substring(name.length()).replace("kB", "").strip());
            }
        }
        throw new IOException(name + " not found for pid " + pid);
    }

    /** Pids holding a {@code flock} on the file with this inode, from {@code /proc/locks}. */
    public static java.util.List<Long> flockHolders(Path file) throws IOException {
        long inode = (Long) Files.getAttribute(file, "unix:ino");
        java.util.List<Long> pids = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/locks"))) {
            String[] f = line.trim().split("\\s+");
            // "1: FLOCK  ADVISORY  WRITE 12314 fe:00:2154513 0 EOF"; blocked waiters have "->" after the number
            if (f.length >= 6 && f[1].equals("FLOCK") && !f[1].equals("->")) {
                String[] dev = f[5].split(":");
                if (dev.length == 3 && Long.parseLong(dev[2]) == inode) {
                    pids.add(Long.parseLong(f[4]));
                }
            }
        }
        return pids;
    }
}
