# The kernel image: every source of the rooms that run on the bare machine,
# linked with newlib, libgcc and capstone into build/mimic.elf.

KOBJS   = $(patsubst %,$(B)/k/%.o,$(basename $(KERNEL_SRCS)))
KLIBS   = $(CAPSTONE_KLIB) $(NEWLIB)/lib/libc.a $(NEWLIB)/lib/libm.a \
          $(shell $(CC) $(ARCHFLAGS) -print-libgcc-file-name)
MIMIC_VERSION := $(shell git describe --always --dirty 2>/dev/null || echo unknown)

$(B)/k/%.o: %.c $(NEWLIB_STAMP)
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(KCFLAGS) -MMD -MP -c $< -o $@
$(B)/k/%.o: %.S
	@mkdir -p $(@D)
	@echo "  AS      $<"
	@$(CC) $(KASFLAGS) -MMD -MP -c $< -o $@

# Only the banner carries the version, so a commit rebuilds one file.
$(B)/k/kernel/version.o: KCFLAGS += -DMIMIC_VERSION='"$(MIMIC_VERSION)"'
$(B)/k/kernel/version.o: .git/HEAD $(wildcard .git/index)

$(B)/mimic.elf: $(KOBJS) $(KLIBS) linker.ld
	@echo "  LD      $@"
	@$(LD) -T linker.ld --gc-sections -o $@ $(KOBJS) --start-group $(KLIBS) --end-group
	@$(NM) -n $@ | awk '$$2 ~ /[tT]/ {print $$1, $$3}' > $(B)/mimic.sym

$(NEWLIB)/lib/libc.a $(NEWLIB)/lib/libm.a: $(NEWLIB_STAMP)

-include $(KOBJS:.o=.d)
