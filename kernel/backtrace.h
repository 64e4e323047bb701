/* Symbolized addresses and call traces for reports, from the symbol table
 * the build links into the image (scripts/ksyms.sh). */
#ifndef MIMIC_KERNEL_BACKTRACE_H
#define MIMIC_KERNEL_BACKTRACE_H

#include <stdint.h>

/* Prints "function+0xoff" for a kernel text address, or "?" if none. */
void backtrace_print_symbol(uint64_t addr);
/* Prints the return addresses found on the stack from sp upwards. */
void backtrace_print(uint64_t sp);

#endif
