/* The x86 blobs linked into the kernel image (built by firmware.mk):
 * SeaBIOS, QEMU's linuxboot_dma.bin option ROM and the boot disk image.  Declared for C in firmware/blobs.h. */
	.section .rodata.firmware, "a"

	.balign 512
	.globl firmware_bootdisk
firmware_bootdisk:
	.incbin "bootdisk.img"
	.globl firmware_bootdisk_end
firmware_bootdisk_end:

	.balign 4096
	.globl firmware_seabios
firmware_seabios:
	.incbin "seabios.bin"
	.globl firmware_seabios_end
firmware_seabios_end:

	.balign 512
	.globl firmware_linuxboot_dma
firmware_linuxboot_dma:
	.incbin "linuxboot_dma.bin"
	.globl firmware_linuxboot_dma_end
firmware_linuxboot_dma_end:
