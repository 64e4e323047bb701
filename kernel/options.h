/* Boot options: `key=value` words (`key="a value with spaces"`) from the
 * firmware's command line, checked against the table of known options.  Pure parsing, unit-tested on the host. */
#ifndef MIMIC_KERNEL_OPTIONS_H
#define MIMIC_KERNEL_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define OPTIONS_MAX 32
#define OPTION_VALUE_MAX 1024	/* a guest's command line (append=) fits */

struct option_def {
	const char *name;
	const char *help;
};

struct options {
	const struct option_def *defs;
	size_t nr_defs;
	unsigned count;
	struct {
		const struct option_def *def;
		char value[OPTION_VALUE_MAX];
	} set[OPTIONS_MAX];
};

/* Parses a command line into opts, keeping every good word.  Returns NULL,
 * or an error message (written into err) naming the first bad word. */
const char *options_parse(struct options *opts, const struct option_def *defs,
			  size_t nr_defs, const char *cmdline,
			  char *err, size_t err_len);

/* The value given for name, or NULL if the option was not given. */
const char *options_get(const struct options *opts, const char *name);

/* The value as a number (decimal, or hex with 0x); false if absent or not
 * a number. */
bool options_get_u64(const struct options *opts, const char *name, uint64_t *out);

#endif
