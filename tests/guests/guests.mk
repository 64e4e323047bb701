# Guest programs for the kernel's flat-guest path (nasm -f bin).

GUEST_BINS = $(patsubst tests/guests/%.asm,$(B)/guests/%.bin,$(wildcard tests/guests/*.asm))

$(GUEST_BINS): $(B)/guests/%.bin: tests/guests/%.asm
	@mkdir -p $(@D)
	@nasm -f bin -o $@ $<

TEST_DEPS += $(GUEST_BINS)
include tests/guests/sys/sys.mk

# The GDB stub's guest: an ELF for gdb's symbols and its flat image for mimic.
$(B)/guests/gdb/%.elf: tests/guests/gdb/%.asm tests/translator/guest.ld
	@mkdir -p $(@D)
	@nasm -f elf32 -o $(@:.elf=.o) $<
	@ld -m elf_i386 -z max-page-size=4096 --no-warn-rwx-segments -T tests/translator/guest.ld -o $@ $(@:.elf=.o)
.PRECIOUS: $(B)/guests/gdb/%.elf
$(B)/guests/gdb/%.bin: $(B)/guests/gdb/%.elf
	@objcopy -O binary $< $@

TEST_DEPS += $(B)/guests/gdb/target.elf $(B)/guests/gdb/target.bin
