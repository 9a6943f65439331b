package io.warpdrive.accel.queue;

import io.warpdrive.accel.device.QpInfo;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Where everything is in a hisi_qm queue's two regions, defined once for the driver and the
 * hardware model alike.
 *
 * <pre>
 * DUS region                                   MMIO region
 *   0                 SQ: sqDepth x sqeSize      v1:  0x340  doorbell (64-bit store)
 *   sqeSize*sqDepth   CQ: cqDepth x 16 bytes     v2+: 0x1000 doorbell
 *   ...               padding to a page
 *   size - 8  (u32)   rx stop flag (1 = stopped, set by the kernel after stopping the queue)
 *   size - 4  (u32)   tx stop flag (1 = stopping, set before the queue is stopped)
 * </pre>
 *
 * <p>Doorbell word: index (new SQ tail or new CQ head) in bits 47:32, priority in 63:48; v1 puts
 * qn in 15:0 and cmd in 23:16, v2 and later qn in 9:0 and cmd in 15:12 (31:16 zero).
 *
 * <p>Immutable, thread-safe.
 */
public final class QmLayout {
    /** hisi_zip descriptor size. */
    public static final int ZIP_SQE_SIZE = 128;
    /** Completion entry size (all hisi_qm versions). */
    public static final int CQE_SIZE = 16;
    /** Ring depth of hisi_zip queues. */
    public static final int DEFAULT_DEPTH = 1024;
    /** Page size the kernel rounds regions to (4 KiB kernels; 64 KiB kernels publish larger sizes). */
    public static final int PAGE_SIZE = 4096;

    /** Doorbell command: new SQ tail. */
    public static final int DB_CMD_SQ = 0;
    /** Doorbell command: new CQ head. */
    public static final int DB_CMD_CQ = 1;
    /** MMIO size of v2+ queues without doorbell isolation at 4 KiB pages: (1 + 0x1000/PAGE) pages. */
    public static final int MMIO_SIZE_V2 = 8192;
    /** MMIO size of v1 queues: one page. */
    public static final int MMIO_SIZE_V1 = 4096;

    /** The two doorbell word formats. */
    public enum Doorbell {
        /** hisi_qm_v1: u16 qn, u8 cmd, index, priority at MMIO + 0x340. */
        V1(0x340) {
            @Override
            public long encode(int qn, int cmd, int index, int priority) {
                return (qn & 0xffffL) | ((cmd & 0xffL) << 16) | ((index & 0xffffL) << 32) | ((priority & 0xffffL) << 48);
            }

            @Override
            public int qn(long word) {
                return (int) (word & 0xffff);
            }

            @Override
            public int cmd(long word) {
                return (int) ((word >>> 16) & 0xff);
            }
        },
        /** hisi_qm_v2 and later (also unknown versions): qn in 9:0, cmd in 15:12, at MMIO + 0x1000. */
        V2(0x1000) {
            @Override
            public long encode(int qn, int cmd, int index, int priority) {
                return (qn & 0x3ffL) | ((cmd & 0xfL) << 12) | ((index & 0xffffL) << 32) | ((priority & 0xffffL) << 48);
            }

            @Override
            public int qn(long word) {
                return (int) (word & 0x3ff);
            }

            @Override
            public int cmd(long word) {
                return (int) ((word >>> 12) & 0xf);
            }
        };

        /** Offset of the doorbell register in the MMIO region. */
        public final int offset;

        Doorbell(int offset) {
            this.offset = offset;
        }

        /** The 64-bit word to store. */
        public abstract long encode(int qn, int cmd, int index, int priority);

        public abstract int qn(long word);

        public abstract int cmd(long word);

        /** Bits 47:32, the same in every version. */
        public int index(long word) {
            return (int) ((word >>> 32) & 0xffff);
        }

        /** Bits 63:48. */
        public int priority(long word) {
            return (int) (word >>> 48);
        }

        /**
         * The format for a sysfs {@code api} string: {@code hisi_qm_v1} is V1, every other
         * {@code hisi_qm_vN} (and suffixes such as {@code _noiommu}) V2, as UADK parses the digits
         * from index 9.
         */
        public static Doorbell forApi(String api) {
            if (!api.startsWith("hisi_qm_v")) {
                throw new IllegalArgumentException("not a hisi_qm device: " + api);
            }
            int i = 9;
            int v = 0;
            while (i < api.length() && Character.isDigit(api.charAt(i))) {
                v = v * 10 + (api.charAt(i++) - '0');
            }
            return v == 1 ? V1 : V2;
        }
    }

    public final int sqeSize;
    public final int sqDepth;
    public final int cqDepth;
    /** Byte size of the DUS region (sysfs region_dus_size). */
    public final int dusSize;
    /** Offset of CQ entry 0. */
    public final int cqBase;
    /** Offset of the rx stop flag (u32). */
    public final int rxStopOffset;
    /** Offset of the tx stop flag (u32). */
    public final int txStopOffset;

    public QmLayout(QpInfo info, int dusSize) {
        this.sqeSize = info.sqeSize();
        this.sqDepth = info.sqDepth();
        this.cqDepth = info.cqDepth();
        this.cqBase = sqeSize * sqDepth;
        if (dusSize < cqBase + CQE_SIZE * cqDepth + 8) {
            throw new IllegalArgumentException("DUS region of " + dusSize + " bytes cannot hold the rings");
        }
        this.dusSize = dusSize;
        this.rxStopOffset = dusSize - 8;
        this.txStopOffset = dusSize - 4;
    }

    /** The region_dus_size the kernel publishes: rings rounded up to a page, plus one page. */
    public static int dusSize(QpInfo info, int pageSize) {
        int rings = info.sqeSize() * info.sqDepth() + CQE_SIZE * info.cqDepth();
        return (rings + pageSize - 1) / pageSize * pageSize + pageSize;
    }

    private static final VarHandle INT_LE = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** The tx stop flag, read with acquire (checked before every SQ doorbell). */
    public boolean txStopped(ByteBuffer dus) {
        return (int) INT_LE.getAcquire(dus, txStopOffset) != 0;
    }

    /** The rx stop flag, read with acquire (checked while receiving). */
    public boolean rxStopped(ByteBuffer dus) {
        return (int) INT_LE.getAcquire(dus, rxStopOffset) != 0;
    }

    /**
     * Device/kernel side of a queue reset: tx flag first (no more submissions), then rx (no more
     * completions), each a release store so a driver that sees a flag also sees what came before.
     */
    public void raiseStopFlags(ByteBuffer dus) {
        INT_LE.setRelease(dus, txStopOffset, 1);
        INT_LE.setRelease(dus, rxStopOffset, 1);
    }

    /** Offset of SQ slot {@code slot}. */
    public int sqeOffset(int slot) {
        return slot * sqeSize;
    }

    /** Offset of CQ entry {@code index}. */
    public int cqeOffset(int index) {
        return cqBase + index * CQE_SIZE;
    }
}
