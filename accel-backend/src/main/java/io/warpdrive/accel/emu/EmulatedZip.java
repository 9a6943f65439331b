package io.warpdrive.accel.emu;

import io.warpdrive.accel.device.IoAddressMap;
import io.warpdrive.accel.device.MemoryDevice;
import io.warpdrive.accel.device.QpInfo;
import io.warpdrive.accel.queue.QmLayout;

import java.util.List;

/**
 * An emulated hisi_zip device, assembled: a {@link MemoryDevice} (regions and DMA memory in this
 * process), its {@link IoAddressMap}, and the {@link ZipEngineModel} behind it. The driver gets
 * {@link #device()} and cannot tell it from a real one.
 *
 * <p>Thread-safe.
 */
public final class EmulatedZip implements AutoCloseable {
    /**
     * @param compressCores compression engine threads (Kunpeng 920: 2)
     * @param decompressCores decompression engine threads (Kunpeng 920: 6)
     * @param queues queues the device offers (available_instances)
     * @param level zlib level of the compression cores
     * @param api sysfs api string (hisi_qm_v1 selects the v1 doorbell)
     * @param qpInfo descriptor size and ring depths
     */
    public record Config(int compressCores, int decompressCores, int queues, int level, String api, QpInfo qpInfo) {
        public static final Config DEFAULT = new Config(2, 6, 64, 6, "hisi_qm_v2", QpInfo.ZIP);

        public Config withDepth(int depth) {
            return new Config(compressCores, decompressCores, queues, level, api, new QpInfo(qpInfo.sqeSize(), depth, depth));
        }

        public Config withApi(String a) {
            return new Config(compressCores, decompressCores, queues, level, a, qpInfo);
        }

        public Config withCores(int comp, int decomp) {
            return new Config(comp, decomp, queues, level, api, qpInfo);
        }

        /**
         * The default, overridden by system properties {@code warpdrive.emu.compressCores},
         * {@code warpdrive.emu.decompressCores} and {@code warpdrive.emu.queues}.
         */
        public static Config fromSystemProperties() {
            return new Config(Integer.getInteger("warpdrive.emu.compressCores", DEFAULT.compressCores),
                    Integer.getInteger("warpdrive.emu.decompressCores", DEFAULT.decompressCores),
                    Integer.getInteger("warpdrive.emu.queues", DEFAULT.queues), DEFAULT.level, DEFAULT.api,
                    DEFAULT.qpInfo);
        }
    }

    private static EmulatedZip shared;

    private final Config config;
    private final IoAddressMap map = new IoAddressMap();
    private final ZipEngineModel model;
    private final MemoryDevice device;
    private final int dusSize;

    public EmulatedZip(Config config) {
        this.config = config;
        this.model = new ZipEngineModel(map, config.compressCores(), config.decompressCores(), config.level());
        this.dusSize = QmLayout.dusSize(config.qpInfo(), QmLayout.PAGE_SIZE);
        QmLayout.Doorbell db = QmLayout.Doorbell.forApi(config.api());
        int mmioSize = db == QmLayout.Doorbell.V1 ? QmLayout.MMIO_SIZE_V1 : QmLayout.MMIO_SIZE_V2;
        this.device = new MemoryDevice("hisi_zip-0", config.api(), List.of("zlib", "gzip", "deflate"),
                config.queues(), config.qpInfo(), dusSize, mmioSize, model, map);
    }

    /** The process-wide emulated device (created on first use from system properties). */
    public static synchronized EmulatedZip shared() {
        if (shared == null) {
            shared = new EmulatedZip(Config.fromSystemProperties());
        }
        return shared;
    }

    public Config config() {
        return config;
    }

    /** The device as the driver sees it. */
    public MemoryDevice device() {
        return device;
    }

    /** The hardware model (fault plans, counters). */
    public ZipEngineModel model() {
        return model;
    }

    /** region_dus_size of its queues. */
    public int dusSize() {
        return dusSize;
    }

    @Override
    public void close() {
        device.close();
        model.close();
    }
}
