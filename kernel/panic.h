/* panic(): a broken host invariant.  Prints the message and a call trace,
 * then ends the run with EXIT_HOST_FAILURE. */
#ifndef MIMIC_KERNEL_PANIC_H
#define MIMIC_KERNEL_PANIC_H

__attribute__((noreturn, format(printf, 1, 2))) void panic(const char *fmt, ...);

#endif
