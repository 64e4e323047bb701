/* The emulated PC (devices/pc.c on the translator) and the ways to start it. */
#ifndef MIMIC_KERNEL_PCMACHINE_H
#define MIMIC_KERNEL_PCMACHINE_H

#include <stddef.h>
#include <stdint.h>

#include "kernel/linuxbundle.h"

/* Runs a flat 32-bit image (translator/flatguest.h) loaded at guest
 * physical load on the PC, and ends the run with the guest's status. */
__attribute__((noreturn)) void pcmachine_run_flat(const void *image, size_t len, uint32_t load);

/* Starts the PC from reset with a firmware image (the BIOS): its size a
 * multiple of 64 KB, mapped to end at 4 GB, its last 128 KB also at
 * 0xE0000 behind PAM.  A bad or missing image ends the run with EXIT_USAGE. */
__attribute__((noreturn)) void pcmachine_run_firmware(const void *image, size_t len);

/* The primary ATA master is image (len bytes, whole sectors) instead of
 * the built-in boot disk; the guest's writes change it in memory only.
 * Called before the PC starts. */
void pcmachine_set_disk(void *image, size_t len);

/* Starts the PC from reset with a firmware (SeaBIOS) that boots Linux
 * through fw_cfg and linuxboot_dma.bin, as other PC emulators' -kernel
 * does.  A kernel, initrd or command line the boot protocol cannot take
 * ends the run with EXIT_USAGE. */
__attribute__((noreturn)) void pcmachine_run_linux(const void *firmware, size_t firmware_len,
						   const struct linux_bundle *guest);

#endif
