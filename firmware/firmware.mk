# The x86 blobs the kernel carries (firmware/blobs.S): Debian's SeaBIOS and
# QEMU's linuxboot_dma.bin option ROM as packaged (not patched, not
# rebuilt), and the boot disk, our boot sector
# (nasm) padded to BOOTDISK_SIZE with zeros.

FIRMWARE_OUT  := $(B)/firmware
SEABIOS_BIN   ?= /usr/share/seabios/bios.bin
LINUXBOOT_ROM ?= /usr/share/qemu/linuxboot_dma.bin
BOOTDISK_SIZE := 1048576

$(FIRMWARE_OUT)/bootsect.bin: firmware/bootsect.asm
	@mkdir -p $(@D)
	@nasm -f bin -o $@ $<

$(FIRMWARE_OUT)/bootdisk.img: $(FIRMWARE_OUT)/bootsect.bin
	@cp $< $@.tmp && truncate -s $(BOOTDISK_SIZE) $@.tmp && mv $@.tmp $@

# The packaged blobs, copied as they are.
$(FIRMWARE_OUT)/seabios.bin: $(SEABIOS_BIN)
$(FIRMWARE_OUT)/linuxboot_dma.bin: $(LINUXBOOT_ROM)
$(FIRMWARE_OUT)/seabios.bin $(FIRMWARE_OUT)/linuxboot_dma.bin:
	@mkdir -p $(@D)
	@cp $< $@

KERNEL_SRCS += firmware/blobs.S
# .incbin is not seen by -MMD: name the blobs here.
$(B)/k/firmware/blobs.o: $(FIRMWARE_OUT)/bootdisk.img $(FIRMWARE_OUT)/seabios.bin \
                         $(FIRMWARE_OUT)/linuxboot_dma.bin
$(B)/k/firmware/blobs.o: KASFLAGS += -I$(FIRMWARE_OUT)
