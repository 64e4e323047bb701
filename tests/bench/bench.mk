# Benchmarks (make bench, scripts/bench.sh): each tests/bench workload becomes
# a flat guest for mimic (<name>.bin), an i386 Linux ELF for the host's
# reference result and qemu-i386's instruction count (<name>.elf), and a part
# of the kernel image (bench=native), where its workload() is renamed.

BENCH_WORKLOADS := sieve crc32 sort strings
BENCH_SRC    := tests/bench
BENCH_OUT    := $(B)/bench
BENCH_CFLAGS  = -m32 -march=i686 -O2 -std=gnu11 -ffreestanding -nostdlib -fno-builtin \
                -fno-pic -fno-pie -fno-stack-protector -fno-asynchronous-unwind-tables \
                -fno-reorder-functions -fno-toplevel-reorder -Wall -Wextra -I.
BENCH_LD      = ld -m elf_i386 -Ttext=0x100000 -e _start

KERNEL_SRCS += $(patsubst %,$(BENCH_SRC)/%.c,$(BENCH_WORKLOADS))
$(B)/k/$(BENCH_SRC)/%.o: KCFLAGS += -Dworkload=bench_workload_$(basename $(notdir $@))

$(BENCH_OUT)/obj/%.o: $(BENCH_SRC)/%.c $(wildcard $(BENCH_SRC)/*.h) kernel/bench.h
	@mkdir -p $(@D)
	@$(HOSTCC) $(BENCH_CFLAGS) -c $< -o $@

# Harness and workload first, the platform last: both links give them the
# same addresses (scripts/bench.sh counts passes over mimic's TB ends in the
# Linux one), and harness.c's _start must be the flat image's first byte.
$(BENCH_OUT)/%.flat.elf $(BENCH_OUT)/%.elf: $(BENCH_OUT)/obj/harness.o $(BENCH_OUT)/obj/%.o \
		$(BENCH_OUT)/obj/flat.o $(BENCH_OUT)/obj/linux.o
	@$(BENCH_LD) -o $(BENCH_OUT)/$*.flat.elf $(filter-out %/linux.o,$^)
	@$(BENCH_LD) -o $(BENCH_OUT)/$*.elf $(filter-out %/flat.o,$^)
	@for f in $(BENCH_OUT)/$*.flat.elf $(BENCH_OUT)/$*.elf; do \
	    nm $$f | grep -q '^00100000 T _start$$' || { echo "$$f: _start is not at 0x100000"; rm -f $$f; exit 1; }; \
	done

$(BENCH_OUT)/%.bin: $(BENCH_OUT)/%.flat.elf
	@objcopy -O binary $< $@

$(BENCH_OUT)/counter.so: $(BENCH_SRC)/counter.c
	@mkdir -p $(@D)
	@$(HOSTCC) -std=gnu11 -O2 -Wall -Wextra -shared -fPIC -fvisibility=hidden -o $@ $<

BENCH_GUESTS  = $(foreach w,$(BENCH_WORKLOADS),$(BENCH_OUT)/$(w).bin $(BENCH_OUT)/$(w).elf)
.PRECIOUS: $(BENCH_OUT)/obj/%.o $(BENCH_OUT)/%.flat.elf $(BENCH_OUT)/%.elf

bench: $(B)/.setup-done
	@$(MAKE) --no-print-directory all $(BENCH_GUESTS) $(BENCH_OUT)/counter.so
	@scripts/bench.sh

TEST_DEPS += $(BENCH_GUESTS)
