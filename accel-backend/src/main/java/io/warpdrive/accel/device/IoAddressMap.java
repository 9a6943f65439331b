package io.warpdrive.accel.device;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;

/**
 * An IOMMU model: the only way the hardware model reaches host memory. Each registered buffer
 * gets an address range; a device access is translated to the buffer behind it, and an access
 * that is not entirely inside one registered buffer is a translation fault (the device then
 * completes the request with an error, as a real one after an SMMU fault, and nothing in the
 * JVM is touched).
 *
 * <p>Addresses are IOVAs handed out upwards from {@link #BASE}, page aligned, with at least one
 * unmapped guard page between buffers so that an overrun faults instead of landing next door.
 *
 * <p>Thread-safe: lookups are lock-free; map and unmap are rare.
 */
public final class IoAddressMap {
    /** First IOVA (not 0, so a zeroed address field always faults). */
    public static final long BASE = 0x1_0000_0000L;
    /** Mapping granule. */
    public static final int PAGE = 4096;

    private record Mapping(long address, ByteBuffer memory) {
    }

    private final ConcurrentSkipListMap<Long, Mapping> mappings = new ConcurrentSkipListMap<>();
    private final CopyOnWriteArrayList<UnmapListener> listeners = new CopyOnWriteArrayList<>();
    private long next = BASE;

    /** Told when a range stops being reachable (the device drops what it cached about it). */
    @FunctionalInterface
    public interface UnmapListener {
        void unmapped(long address, int size);
    }

    /** Maps a direct buffer; returns its IOVA. */
    public synchronized long map(ByteBuffer memory) {
        long size = memory.capacity();
        long address = next;
        // round the end up to a page and leave one guard page
        next = address + ((size + PAGE - 1) / PAGE + 1) * PAGE;
        mappings.put(address, new Mapping(address, memory));
        return address;
    }

    /**
     * Maps a direct buffer at an address chosen by the caller: shared virtual addressing (SVA),
     * where the device walks the process page table and a buffer's IOVA is its virtual address.
     * Do not mix with {@link #map} in one map (its IOVAs could collide with process addresses).
     *
     * @throws IllegalArgumentException if the range overlaps a live mapping
     */
    public synchronized void mapAt(long address, ByteBuffer memory) {
        long end = address + memory.capacity();
        Map.Entry<Long, Mapping> below = mappings.floorEntry(end - 1);
        if (below != null && below.getKey() + below.getValue().memory.capacity() > address) {
            throw new IllegalArgumentException(String.format("0x%x+%d overlaps a mapping at 0x%x", address,
                    memory.capacity(), below.getKey()));
        }
        mappings.put(address, new Mapping(address, memory));
    }

    /** Unmaps the buffer at {@code address}; a later access there faults. */
    public void unmap(long address) {
        Mapping m = mappings.remove(address);
        if (m != null) {
            for (UnmapListener l : listeners) {
                l.unmapped(address, m.memory.capacity());
            }
        }
    }

    public void addUnmapListener(UnmapListener l) {
        listeners.add(l);
    }

    /**
     * Translates a device access of {@code length} bytes at {@code address}.
     *
     * @return a view of exactly those bytes (index 0 = {@code address}), or null on a fault
     */
    public ByteBuffer translate(long address, int length) {
        if (length < 0) {
            return null;
        }
        Map.Entry<Long, Mapping> e = mappings.floorEntry(address);
        if (e == null) {
            return null;
        }
        Mapping m = e.getValue();
        long offset = address - m.address;
        if (offset + length > m.memory.capacity()) {
            return null;
        }
        return m.memory.slice((int) offset, length);
    }

    /** Number of live mappings (tests). */
    public int size() {
        return mappings.size();
    }

    /** Calls {@code action} with the address of every live mapping (tests). */
    public void forEach(LongConsumer action) {
        mappings.keySet().forEach(action::accept);
    }
}
