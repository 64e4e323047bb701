/* Ending the run: power off (or report an exit code to QEMU through
 * semihosting), and reset. */
#ifndef MIMIC_KERNEL_POWER_H
#define MIMIC_KERNEL_POWER_H

#include <stdint.h>

/* mimic's own exit codes are even: a flat guest's exit status through port
 * 0xF4 is always odd ((value << 1) | 1), so the two never mix. */
#define EXIT_OK            0
#define EXIT_USAGE         64	/* bad boot option or input (sysexits EX_USAGE) */
#define EXIT_GUEST_FAILURE 66	/* the guest stopped on something mimic cannot run */
#define EXIT_HOST_FAILURE  70	/* host exception or panic (EX_SOFTWARE) */

enum power_exit_method {
	POWER_EXIT_FIRMWARE,	/* the firmware's LEFI shutdown entry */
	POWER_EXIT_SEMIHOSTING,	/* UHI exit: QEMU exits with the code */
};

/* fw_shutdown is the firmware's LEFI shutdown entry (0 if none). */
void power_init(uint64_t fw_shutdown);
void power_set_exit_method(enum power_exit_method method);
__attribute__((noreturn)) void machine_exit(int code);

#endif
