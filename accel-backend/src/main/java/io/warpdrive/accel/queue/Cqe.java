package io.warpdrive.accel.queue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The 16-byte hisi_qm completion entry, read and written in place in the DUS region.
 *
 * <pre>
 * off  type  field
 *  0   u32   rsvd0
 *  4   u16   cmd_id
 *  6   u16   rsvd1
 *  8   u16   sq_head   SQ slot that completed (its descriptor holds the results)
 * 10   u16   sq_num    qn
 * 12   u16   rsvd2
 * 14   u16   w7        bit 0: phase
 * </pre>
 *
 * <p>The phase bit is the publication flag: the device writes every other field (and the
 * results in the SQ slot) first and the phase last with release; the driver reads the phase with
 * acquire and only then the rest.
 */
public final class Cqe {
    private static final VarHandle SHORT_LE = MethodHandles.byteBufferViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    public static final int OFF_CMD_ID = 4;
    public static final int OFF_SQ_HEAD = 8;
    public static final int OFF_SQ_NUM = 10;
    public static final int OFF_W7 = 14;

    private Cqe() {
    }

    /**
     * The phase bit of the entry at {@code off}, read with acquire: everything the device wrote
     * before publishing it (the entry's fields, the SQ slot's results) is visible after this load.
     */
    public static int phase(ByteBuffer dus, int off) {
        return (short) SHORT_LE.getAcquire(dus, off + OFF_W7) & 1;
    }

    /** sq_head (call after {@link #phase} matched). */
    public static int sqHead(ByteBuffer dus, int off) {
        return dus.getShort(off + OFF_SQ_HEAD) & 0xffff;
    }

    /** sq_num (call after {@link #phase} matched). */
    public static int sqNum(ByteBuffer dus, int off) {
        return dus.getShort(off + OFF_SQ_NUM) & 0xffff;
    }

    /**
     * Device side: writes a completion for SQ slot {@code sqHead} and publishes it with
     * {@code phase}. Caller (the device) has already written the slot's results.
     */
    public static void write(ByteBuffer dus, int off, int sqHead, int qn, int phase) {
        INT_LE.set(dus, off, 0);
        dus.putShort(off + OFF_CMD_ID, (short) 0);
        dus.putShort(off + 6, (short) 0);
        dus.putShort(off + OFF_SQ_HEAD, (short) sqHead);
        dus.putShort(off + OFF_SQ_NUM, (short) qn);
        dus.putShort(off + 12, (short) 0);
        // Release: publish the fields above and the SQ slot's results before the phase bit
        // (the entry counts as written only once the driver sees its phase).
        SHORT_LE.setRelease(dus, off + OFF_W7, (short) (phase & 1));
    }
}
