# System-test BIOS images (nasm -f bin, 64 KB, reset vector at F000:FFF0).

SYS_BINS = $(patsubst tests/guests/sys/%.asm,$(B)/guests/sys/%.bin,$(wildcard tests/guests/sys/*.asm))

$(B)/guests/sys/%.bin: tests/guests/sys/%.asm tests/guests/sys/sys.inc
	@mkdir -p $(@D)
	@nasm -f bin -I tests/guests/sys/ -o $@ $<

.PHONY: sysguests
sysguests: $(SYS_BINS)

TEST_DEPS += $(SYS_BINS)
