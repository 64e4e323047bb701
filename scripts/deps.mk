# Dependencies built from Debian's sources at build time: newlib (the target C
# library) and capstone (X86 only), for the kernel and for the hosted build.

NEWLIB_STAMP = $(DEPS)/newlib/.installed
NL_FLAGS     = $(ARCHFLAGS) -O2 -ffunction-sections -fdata-sections

$(NEWLIB_STAMP):
	@echo "  NEWLIB  $(NEWLIB_TAR)"
	@test -n "$(NEWLIB_TAR)" || { echo "newlib-source is missing: run scripts/setup.sh"; exit 1; }
	@rm -rf $(DEPS)/newlib && mkdir -p $(DEPS)/newlib/src $(DEPS)/newlib/obj
	@tar -xf $(NEWLIB_TAR) -C $(DEPS)/newlib/src --strip-components=1
	@cd $(DEPS)/newlib/obj && ../src/configure --target=mips64el-elf \
	    --prefix=$(abspath $(DEPS)/newlib/install) --disable-multilib \
	    --disable-newlib-supplied-syscalls --enable-newlib-io-long-long \
	    --enable-newlib-io-c99-formats --disable-nls \
	    CC_FOR_TARGET=$(CROSS)gcc AR_FOR_TARGET=$(CROSS)ar RANLIB_FOR_TARGET=$(CROSS)ranlib \
	    AS_FOR_TARGET=$(CROSS)as LD_FOR_TARGET=$(CROSS)ld NM_FOR_TARGET=$(CROSS)nm \
	    CFLAGS_FOR_TARGET="$(NL_FLAGS)" > ../configure.log 2>&1
	@$(MAKE) -C $(DEPS)/newlib/obj all-target-newlib > $(DEPS)/newlib/build.log 2>&1 || \
	    { tail -20 $(DEPS)/newlib/build.log; exit 1; }
	@$(MAKE) -C $(DEPS)/newlib/obj install-target-newlib > $(DEPS)/newlib/install.log 2>&1
	@touch $@

# capstone: the core plus arch/X86, nothing else.
CS_SRCS  = cs.c MCInst.c MCInstrDesc.c MCRegisterInfo.c SStream.c utils.c \
           $(notdir $(wildcard $(CAPSTONE_SRC)/arch/X86/*.c))
CS_DEFS  = -DCAPSTONE_HAS_X86
CS_KOBJS = $(addprefix $(DEPS)/capstone/kernel/,$(CS_SRCS:.c=.o))
CS_HOBJS = $(addprefix $(DEPS)/capstone/hosted/,$(CS_SRCS:.c=.o))
CAPSTONE_KLIB = $(DEPS)/capstone/libcapstone-kernel.a
CAPSTONE_HLIB = $(DEPS)/capstone/libcapstone-hosted.a
vpath %.c $(CAPSTONE_SRC) $(CAPSTONE_SRC)/arch/X86

$(DEPS)/capstone/kernel/%.o: %.c $(NEWLIB_STAMP)
	@mkdir -p $(@D)
	@$(CC) $(filter-out -Wall -Wextra -Werror%,$(KCFLAGS)) -w -I$(CAPSTONE_SRC) $(CS_DEFS) -c $< -o $@
$(DEPS)/capstone/hosted/%.o: %.c
	@mkdir -p $(@D)
	@$(CC) -O2 -g -w -I$(CAPSTONE_SRC) -I$(CAPSTONE_SRC)/include $(CS_DEFS) -DCAPSTONE_USE_SYS_DYN_MEM -c $< -o $@
$(CAPSTONE_KLIB): $(CS_KOBJS)
	@echo "  AR      $@"
	@$(CROSS)ar rcs $@ $^
$(CAPSTONE_HLIB): $(CS_HOBJS)
	@echo "  AR      $@"
	@$(CROSS)ar rcs $@ $^
