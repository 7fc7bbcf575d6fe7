package io.mttcgj.memory;

/**
 * Physical memory map of QEMU's {@code vexpress-a15} (Versatile Express "A-series" map), from the
 * board facts in shared/board/vexpress-a15.md. Addresses and sizes are unsigned 32-bit values.
 * Constants only: the board module does the wiring.
 */
public final class VexpressMemoryMap {
    private VexpressMemoryMap() {
    }

    public static final int KIB = 1024;
    public static final int MIB = 1024 * KIB;

    /** Main RAM; {@code -m} sets its size (default 128 MiB, at most {@link #MAX_RAM}). No low alias. */
    public static final int RAM_BASE = 0x8000_0000;
    public static final int DEFAULT_RAM_SIZE = 128 * MIB;
    /** 2047 MiB: guest RAM is one Java byte[] (QEMU's limit on this board is 2 GiB). */
    public static final long MAX_RAM = 0x7ff0_0000L;

    /** Alias of NOR flash 0 at address 0 (reads 0 when the flash is empty). */
    public static final int FLASH_ALIAS = 0x0000_0000;
    public static final int FLASH0 = 0x0800_0000;
    public static final int FLASH1 = 0x0c00_0000;
    public static final int FLASH_SIZE = 64 * MIB;

    /** Plain RAM; QEMU puts its Linux secondary-CPU boot stub at its base. */
    public static final int SRAM = 0x1400_0000;
    public static final int SRAM_SIZE = 32 * MIB;
    public static final int VRAM = 0x1800_0000;
    public static final int VRAM_SIZE = 8 * MIB;

    public static final int LAN9118 = 0x1a00_0000;

    /** Motherboard peripherals: each occupies a 4 KiB window. */
    public static final int PERIPH_SIZE = 4 * KIB;
    public static final int SYSREGS = 0x1c01_0000;
    public static final int AACI = 0x1c04_0000;
    public static final int MMCI = 0x1c05_0000;
    public static final int KMI0 = 0x1c06_0000;
    public static final int KMI1 = 0x1c07_0000;
    public static final int UART0 = 0x1c09_0000;
    public static final int UART1 = 0x1c0a_0000;
    public static final int UART2 = 0x1c0b_0000;
    public static final int UART3 = 0x1c0c_0000;
    public static final int SP804_0 = 0x1c11_0000;
    public static final int SP804_1 = 0x1c12_0000;
    /** Four virtio-mmio transports, {@link #VIRTIO_MMIO_SIZE} apart. */
    public static final int VIRTIO_MMIO = 0x1c13_0000;
    public static final int VIRTIO_MMIO_SIZE = 0x200;
    public static final int VIRTIO_MMIO_COUNT = 4;
    public static final int SBCON_I2C = 0x1c16_0000;
    public static final int RTC = 0x1c17_0000;
    public static final int CLCD = 0x1c1f_0000;

    /** Cortex-A15 MPCore private region (CBAR). */
    public static final int PRIVATE_REGION = 0x2c00_0000;
    public static final int GIC_DIST = 0x2c00_1000;
    public static final int GIC_DIST_SIZE = 4 * KIB;
    public static final int GIC_CPU = 0x2c00_2000;
    public static final int GIC_CPU_SIZE = 8 * KIB;
    /** GIC virtualisation interfaces: 0x2c004000-0x2c006fff. */
    public static final int GIC_VIRT = 0x2c00_4000;
    public static final int GIC_VIRT_SIZE = 12 * KIB;

    public static final int A15_SRAM = 0x2e00_0000;
    public static final int A15_SRAM_SIZE = 64 * KIB;
}
