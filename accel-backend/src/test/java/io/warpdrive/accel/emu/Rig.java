package io.warpdrive.accel.emu;

import io.warpdrive.accel.device.DmaBuffer;
import io.warpdrive.accel.device.QueueChannel;
import io.warpdrive.accel.queue.ZipDevice;
import java.util.function.UnaryOperator;

/** An emulated device with a driver on top, closed together. */
public final class Rig implements AutoCloseable {
    public final EmulatedZip emu;
    public final ZipDevice zip;

    public Rig(EmulatedZip.Config emuConfig, ZipDevice.Config config) {
        this.emu = new EmulatedZip(emuConfig);
        this.zip = new ZipDevice(emu.device(), emu.dusSize(), config);
    }

    /** The driver sees the device's queues through {@code wrap} (see {@link ForwardingDevice}). */
    Rig(EmulatedZip.Config emuConfig, ZipDevice.Config config, UnaryOperator<QueueChannel> wrap) {
        this.emu = new EmulatedZip(emuConfig);
        this.zip = new ZipDevice(new ForwardingDevice(emu.device(), wrap), emu.dusSize(), config);
    }

    public Rig() {
        this(EmulatedZip.Config.DEFAULT, ZipDevice.Config.DEFAULT);
    }

    public DmaBuffer put(byte[] data, int off, int len) {
        DmaBuffer b = zip.dma().take(Math.max(len, 1));
        b.buffer().put(0, data, off, len);
        return b;
    }

    public static byte[] get(DmaBuffer b, int off, int len) {
        byte[] r = new byte[len];
        b.buffer().get(off, r, 0, len);
        return r;
    }

    @Override
    public void close() {
        zip.close();
        emu.close();
    }
}
