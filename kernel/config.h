/* mimic's boot options: the table of what the command line may say, and the
 * values given at this boot. */
#ifndef MIMIC_KERNEL_CONFIG_H
#define MIMIC_KERNEL_CONFIG_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/power.h"

/* Parses the command line; on a bad option prints what is wrong and the
 * list of known options, then exits with EXIT_USAGE. */
void config_init(const char *cmdline);
const char *config_get(const char *name);
/* How the run ends, from exit=. */
enum power_exit_method config_exit_method(void);
bool config_get_u64(const char *name, uint64_t *out);
/* Prints the options given ("options: a=1 b=2", or "options: none"). */
void config_print(void);

#endif
