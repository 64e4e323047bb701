# Translator tests: C guests linked twice (flat binary for mimic, i386 Linux ELF
# whose native run is the reference) and assembly guests for mimic-only checks.

TT_SRC    := tests/translator
TT_OUT    := $(B)/translator
TT_PROGS  := workload smc
TT_ASMS   := fault-0 fault-1 fault-2 fault-3 unsupported o16 segbase a16str real16 rmfault
TT_CFLAGS  = -m32 -march=i686 -O2 -ffreestanding -fno-builtin -fno-pic -fno-pie \
             -fno-stack-protector -fno-asynchronous-unwind-tables -Wall -Wextra
TT_LD      = ld -m elf_i386 -z max-page-size=4096 --no-warn-rwx-segments -T $(TT_SRC)/guest.ld

$(TT_OUT)/%.o: $(TT_SRC)/%.c $(TT_SRC)/plat.h
	@mkdir -p $(@D)
	@$(HOSTCC) $(TT_CFLAGS) -c $< -o $@

# bench: the workload repeated, for timing by hand (make tt-bench).
$(TT_OUT)/bench.o: $(TT_SRC)/workload.c $(TT_SRC)/plat.h
	@mkdir -p $(@D)
	@$(HOSTCC) $(TT_CFLAGS) -DREPS=40 -c $< -o $@

.PHONY: tt-bench
tt-bench: $(TT_OUT)/bench.bin $(HOSTED_BIN)
	@time $(QEMU_USER) $(HOSTED_BIN) $(TT_OUT)/bench.bin -s; true

$(TT_OUT)/%.flat.elf: $(TT_OUT)/plat_flat.o $(TT_OUT)/%.o $(TT_OUT)/lib.o $(TT_SRC)/guest.ld
	@$(TT_LD) -o $@ $(filter %.o,$^)

$(TT_OUT)/%.elf: $(TT_OUT)/plat_linux.o $(TT_OUT)/%.o $(TT_OUT)/lib.o $(TT_SRC)/guest.ld
	@$(TT_LD) -o $@ $(filter %.o,$^)

$(TT_OUT)/%.bin: $(TT_OUT)/%.flat.elf
	@objcopy -O binary $< $@

# The reference: the host CPU runs the same code, exit status appended.
$(TT_OUT)/%.ref: $(TT_OUT)/%.elf
	@{ ./$< ; echo "exit $$?"; } > $@.tmp && mv $@.tmp $@

$(TT_OUT)/asm/%.bin: $(TT_SRC)/%.asm $(TT_SRC)/print.inc $(TT_SRC)/print16.inc
	@mkdir -p $(@D)
	@nasm -f bin -I$(TT_SRC)/ -o $@ $<

$(TT_OUT)/asm/fault-%.bin: $(TT_SRC)/fault.asm $(TT_SRC)/print.inc
	@mkdir -p $(@D)
	@nasm -f bin -I$(TT_SRC)/ -DCASE=$* -o $@ $<

TT_OUTPUTS = $(foreach p,$(TT_PROGS),$(TT_OUT)/$(p).bin $(TT_OUT)/$(p).ref) \
             $(patsubst %,$(TT_OUT)/asm/%.bin,$(TT_ASMS))
.PRECIOUS: $(TT_OUT)/%.o $(TT_OUT)/%.elf $(TT_OUT)/%.flat.elf

TEST_DEPS += $(TT_OUTPUTS)
