# Test programs for the PC machine (nasm -f bin): flat guests that drive
# the chips through their ports.

PC_TEST_BINS = $(patsubst tests/pc/%.asm,$(B)/pc/%.bin,$(wildcard tests/pc/*.asm))

$(B)/pc/%.bin: tests/pc/%.asm $(wildcard tests/pc/*.inc)
	@mkdir -p $(@D)
	@nasm -f bin -o $@ $<

TEST_DEPS += $(PC_TEST_BINS) $(FIRMWARE_OUT)/bootdisk.img
