/* capstone inside the kernel: its allocator hooks, set once at boot. */
#ifndef MIMIC_KERNEL_DISASM_H
#define MIMIC_KERNEL_DISASM_H

/* Hands capstone the kernel's malloc family and vsnprintf (CS_OPT_MEM).
 * Returns capstone's version as major * 100 + minor. */
int disasm_init(void);

#endif
