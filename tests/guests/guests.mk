# Guest programs for the kernel's flat-guest path (nasm -f bin).

GUEST_BINS = $(patsubst tests/guests/%.asm,$(B)/guests/%.bin,$(wildcard tests/guests/*.asm))

$(B)/guests/%.bin: tests/guests/%.asm
	@mkdir -p $(@D)
	@nasm -f bin -o $@ $<

TEST_DEPS += $(GUEST_BINS)
include tests/guests/sys/sys.mk
