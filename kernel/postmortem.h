/* A host exception while the guest runs: the guest's side of the report
 * (the TB, guest instruction and registers), then, on a console with a user
 * at it (tty=1), the monitor on the stopped guest before the run ends. */
#ifndef MIMIC_KERNEL_POSTMORTEM_H
#define MIMIC_KERNEL_POSTMORTEM_H

#include "translator/x86.h"

/* From now on, fatal host exceptions are reported with cpu's state. */
void postmortem_watch(struct x86_cpu *cpu);

#endif
