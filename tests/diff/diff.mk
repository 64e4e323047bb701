# Differential instruction tests: gen.py writes the cases, each group becomes a
# flat binary for mimic (<group>.bin) and an i386 Linux ELF whose run on the host
# CPU records the reference transcript (<group>.ref). Long run: make diff-long.
# Outputs appear by rename: several make test runs may share build/diff.

DIFF_DIR      ?= $(B)/diff
DIFF_GENFLAGS ?=
DIFF_SRC      := tests/diff
DIFF_OBJ      := $(B)/diff-obj
DIFF_GROUPS   := $(shell python3 $(DIFF_SRC)/gen.py --list $(DIFF_GENFLAGS))
# CPL 0 groups: no Linux ELF; qemu-system-i386 running the flat binary is the reference.
DIFF_CPL0     := $(filter $(shell python3 $(DIFF_SRC)/gen.py --list-cpl0),$(DIFF_GROUPS))
DIFF_GEN_DEPS := $(wildcard $(DIFF_SRC)/*.py) $(DIFF_SRC)/layout.inc
DIFF_NASM      = nasm -f elf32 -I$(DIFF_SRC)/
# Case code sits at the same addresses in both links: the driver first, then the
# cases, then the shim (entry = first byte = diff_entry).
DIFF_LD        = ld -m elf_i386 -Ttext=0x100000 -e diff_entry
DIFF_OUTPUTS   = $(foreach g,$(DIFF_GROUPS),$(addprefix $(DIFF_DIR)/$(g),.bin .ref \
                   $(if $(filter $(g),$(DIFF_CPL0)),,.elf)))

.PHONY: diff diff-long diff-de
diff: $(DIFF_OUTPUTS)
diff-long:
	@DIFF_DIR=$(B)/diff-long DIFF_GENFLAGS='--count 80 --seed 2' DIFF_TIMEOUT=600 bash $(DIFF_SRC)/run.sh
# The #DE cases, for when mimic delivers exceptions: the flat shim resumes them
# from its IDT, the Linux reference from a SIGFPE handler.
diff-de:
	@DIFF_DIR=$(B)/diff-de DIFF_GENFLAGS='--with-de' bash $(DIFF_SRC)/run.sh

$(DIFF_OBJ)/%.o: $(DIFF_SRC)/%.asm $(DIFF_SRC)/layout.inc
	@mkdir -p $(@D)
	@$(DIFF_NASM) -o $@.$$$$.tmp $< && mv $@.$$$$.tmp $@

# Rewritten only when the generator's options change, so that they regenerate.
$(DIFF_DIR)/.genflags: diff-flags-check
	@mkdir -p $(@D)
	@echo '$(DIFF_GENFLAGS)' | cmp -s - $@ || echo '$(DIFF_GENFLAGS)' > $@
.PHONY: diff-flags-check
diff-flags-check:

$(DIFF_DIR)/.gen: $(DIFF_GEN_DEPS) $(DIFF_DIR)/.genflags
	@mkdir -p $(@D)
	@python3 $(DIFF_SRC)/gen.py --out $(@D) $(DIFF_GENFLAGS)
	@touch $@

$(DIFF_DIR)/%.o: $(DIFF_DIR)/.gen $(DIFF_SRC)/layout.inc
	@$(DIFF_NASM) -o $@.$$$$.tmp $(DIFF_DIR)/$*.asm && mv $@.$$$$.tmp $@

$(DIFF_DIR)/%.elf: $(DIFF_DIR)/%.o $(DIFF_OBJ)/driver.o $(DIFF_OBJ)/shim_linux.o
	@$(DIFF_LD) -o $@.$$$$.tmp $(DIFF_OBJ)/driver.o $< $(DIFF_OBJ)/shim_linux.o && mv $@.$$$$.tmp $@

$(DIFF_DIR)/%.bin: $(DIFF_DIR)/%.o $(DIFF_OBJ)/driver.o $(DIFF_OBJ)/shim_flat.o
	@t=$(DIFF_DIR)/$*.$$$$.tmp; \
	$(DIFF_LD) -o $$t.elf $(DIFF_OBJ)/driver.o $< $(DIFF_OBJ)/shim_flat.o && \
	objcopy -O binary $$t.elf $$t.bin && \
	{ test $$(stat -c %s $$t.bin) -le $$((0x700000)) || \
	  { echo "$@ is too big: it would reach the scratch area at 0x800000"; rm $$t.*; exit 1; }; } && \
	mv $$t.elf $(DIFF_DIR)/$*.flat.elf && mv $$t.bin $@

# The reference: the host CPU runs the cases natively; for the CPL 0 groups,
# qemu-system-i386 (its exit status is the guest's, so compare.py judges the
# transcript: one without its end line is a broken reference).
$(DIFF_DIR)/%.ref: $(DIFF_DIR)/%.elf
	@./$< > $@.$$$$.tmp && mv $@.$$$$.tmp $@
$(addprefix $(DIFF_DIR)/,$(addsuffix .ref,$(DIFF_CPL0))): $(DIFF_DIR)/%.ref: $(DIFF_DIR)/%.bin
	@$(DIFF_SRC)/qemu-flat.sh $< > $@.$$$$.tmp; mv $@.$$$$.tmp $@

TEST_DEPS += $(DIFF_OUTPUTS)
