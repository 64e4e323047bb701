# mimic: build the kernel image, its dependencies (newlib, capstone) and the tests.
# Each room may add a fragment <room>/*.mk; this file owns the toolchain and the
# top-level targets.  Everything built lands under build/.

CROSS    ?= mips64el-linux-gnuabi64-
CC        = $(CROSS)gcc
LD        = $(CROSS)ld
OBJCOPY   = $(CROSS)objcopy
NM        = $(CROSS)nm
HOSTCC   ?= gcc
B        := build
DEPS     := $(B)/deps

CAPSTONE_SRC ?= $(firstword $(wildcard /usr/share/cargo/registry/capstone-sys-*/capstone))
NEWLIB_TAR   ?= $(firstword $(wildcard /usr/src/newlib/newlib-*.tar.xz))

# The MIPS target: 64-bit kernel linked in KSEG0, hard float (we own the FPU).
ARCHFLAGS = -mabi=64 -march=mips64r2 -mno-abicalls -fno-pic -G0 -msym32 -mhard-float
NEWLIB    = $(DEPS)/newlib/install/mips64el-elf
GCCINC    = $(shell $(CC) -print-file-name=include)
KCFLAGS   = $(ARCHFLAGS) -std=gnu11 -O2 -g -Wall -Wextra -Werror=implicit-function-declaration \
            -ffreestanding -fno-common -fno-stack-protector -ffunction-sections \
            -nostdinc -isystem $(NEWLIB)/include -isystem $(GCCINC) \
            -I. -I$(CAPSTONE_SRC)/include -DMIMIC_KERNEL
KASFLAGS  = $(ARCHFLAGS) -g -I. -D__ASSEMBLY__

# Hosted build: the same translator/softmmu/devices sources as a Linux/mips64el
# program, run with qemu-mips64el.
HOSTED_CFLAGS = -std=gnu11 -O2 -g -Wall -Wextra -I. -I$(CAPSTONE_SRC)/include -DMIMIC_HOSTED
QEMU_USER     = qemu-mips64el -L /usr/mips64el-linux-gnuabi64

# Sources of the kernel image, by room.  Fragments add to these.
KERNEL_SRCS := $(wildcard boot/*.S kernel/*.c libc/*.c translator/*.c softmmu/*.c devices/*.c)
TEST_DEPS   :=
HOSTED_SRCS := $(wildcard translator/*.c softmmu/*.c devices/*.c)

.PHONY: all run test bench setup clean
all: $(B)/mimic.elf

# deps.mk first (fragments name its libraries in their rules), kernel.mk last
# (it links what the fragments add).
include scripts/deps.mk
include $(sort $(filter-out scripts/%,$(wildcard */*.mk)) $(wildcard tests/*/*.mk))
include scripts/kernel.mk

setup:
	@scripts/setup.sh

# make run boots the Linux guest directly (LINUX_BUNDLE=bundle.cpio for another)
# unless GUEST=, BIOS=, DISK= or ARGS (bios=, selftest=, bench=) ask for another job.
RUN_LINUX = $(if $(GUEST)$(BIOS)$(DISK)$(filter bios=% selftest=% bench=%,$(ARGS)),,$(or $(LINUX_BUNDLE),$(B)/linux/linuxboot.cpio))

run: $(B)/.setup-done
	@$(MAKE) --no-print-directory all $(if $(RUN_LINUX),$(if $(LINUX_BUNDLE),,linux-guest))
	@scripts/run.sh $(B)/mimic.elf $(if $(GUEST),GUEST=$(GUEST)) $(if $(BIOS),BIOS=$(BIOS)) \
	    $(if $(DISK),DISK=$(DISK)) $(if $(RUN_LINUX),LINUX=$(RUN_LINUX)) $(ARGS)

test: $(B)/.setup-done
	@$(MAKE) --no-print-directory all $(TEST_DEPS)
	@scripts/test.sh

clean:
	rm -rf $(B)

# Setup runs when a tool is missing (a fresh machine), then never again.
$(B)/.setup-done: scripts/setup.sh
	@scripts/setup.sh --if-needed
	@mkdir -p $(B) && touch $@
