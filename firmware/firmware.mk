# The x86 blobs the kernel carries (firmware/blobs.S): the boot disk, our
# boot sector (nasm) padded to BOOTDISK_SIZE with zeros.

FIRMWARE_OUT  := $(B)/firmware
BOOTDISK_SIZE := 1048576

$(FIRMWARE_OUT)/bootsect.bin: firmware/bootsect.asm
	@mkdir -p $(@D)
	@nasm -f bin -o $@ $<

$(FIRMWARE_OUT)/bootdisk.img: $(FIRMWARE_OUT)/bootsect.bin
	@cp $< $@.tmp && truncate -s $(BOOTDISK_SIZE) $@.tmp && mv $@.tmp $@

KERNEL_SRCS += firmware/blobs.S
# .incbin is not seen by -MMD: name the blobs here.
$(B)/k/firmware/blobs.o: $(FIRMWARE_OUT)/bootdisk.img
$(B)/k/firmware/blobs.o: KASFLAGS += -I$(FIRMWARE_OUT)
