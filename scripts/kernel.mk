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
GIT_DIR_PATH := $(shell git rev-parse --git-dir 2>/dev/null)
$(B)/k/kernel/version.o: $(wildcard $(GIT_DIR_PATH)/HEAD $(GIT_DIR_PATH)/index)

# Two links: the first with an empty symbol table, the second with the table
# of the first's text symbols.  The table is the image's last section, so its
# size moves nothing else; the check below proves it.
KLINK = $(LD) -T linker.ld --gc-sections
$(B)/mimic.elf: $(KOBJS) $(KLIBS) linker.ld scripts/ksyms.sh
	@echo "  LD      $@"
	@scripts/ksyms.sh > $(B)/ksyms0.S
	@$(CC) $(KASFLAGS) -c $(B)/ksyms0.S -o $(B)/ksyms0.o
	@$(KLINK) -o $(B)/mimic.pass1.elf $(KOBJS) $(B)/ksyms0.o --start-group $(KLIBS) --end-group
	@NM=$(NM) scripts/ksyms.sh $(B)/mimic.pass1.elf > $(B)/ksyms.S
	@$(CC) $(KASFLAGS) -c $(B)/ksyms.S -o $(B)/ksyms.o
	@$(KLINK) -o $@ $(KOBJS) $(B)/ksyms.o --start-group $(KLIBS) --end-group
	@NM=$(NM) scripts/ksyms.sh $@ | cmp -s - $(B)/ksyms.S || \
	    { echo "symbol table moved code between links"; rm -f $@; exit 1; }

$(NEWLIB)/lib/libc.a $(NEWLIB)/lib/libm.a: $(NEWLIB_STAMP)

-include $(KOBJS:.o=.d)
