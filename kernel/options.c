/* Boot option parser: splits the command line at spaces (except inside a
 * value in double quotes, key="a b", which is taken without its quotes),
 * requires key=value, rejects unknown keys and repeated ones (a repeat is
 * almost always a typo in a long command line, and silently taking one of
 * them hides it). */
#include "kernel/options.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct option_def *find_def(const struct options *opts,
					 const char *key, size_t key_len)
{
	for (size_t i = 0; i < opts->nr_defs; i++) {
		const struct option_def *d = &opts->defs[i];

		if (strlen(d->name) == key_len && !memcmp(d->name, key, key_len))
			return d;
	}
	return NULL;
}

static const char *parse_word(struct options *opts, const char *w, size_t n,
			      char *err, size_t err_len)
{
	const char *eq = memchr(w, '=', n);

	if (!eq || eq == w) {
		snprintf(err, err_len, "'%.*s' is not of the form key=value", (int)n, w);
		return err;
	}
	size_t key_len = (size_t)(eq - w), val_len = n - key_len - 1;
	const char *val = eq + 1;
	const struct option_def *d = find_def(opts, w, key_len);

	if (!d) {
		snprintf(err, err_len, "unknown option '%.*s'", (int)n, w);
		return err;
	}
	if (val_len && *val == '"') {
		size_t quotes = 0;

		for (size_t i = 0; i < val_len; i++)
			quotes += val[i] == '"';
		if (quotes % 2) {
			/* The splitter took the rest of the line: the closing
			 * quote never came. */
			snprintf(err, err_len, "option '%s': no closing quote (a command line "
				 "cut short? QEMU's loongson3-virt passes about 230 bytes)",
				 d->name);
			return err;
		}
		if (quotes != 2 || val[val_len - 1] != '"') {
			snprintf(err, err_len, "option '%s': a quoted value must be one "
				 "\"...\" with no quote inside", d->name);
			return err;
		}
		val++;
		val_len -= 2;
	}
	if (options_get(opts, d->name)) {
		snprintf(err, err_len, "option '%s' given twice", d->name);
		return err;
	}
	if (val_len >= OPTION_VALUE_MAX || opts->count == OPTIONS_MAX) {
		snprintf(err, err_len, "option '%s' is too long or there are too many", d->name);
		return err;
	}
	opts->set[opts->count].def = d;
	memcpy(opts->set[opts->count].value, val, val_len);
	opts->set[opts->count].value[val_len] = 0;
	opts->count++;
	return NULL;
}

const char *options_parse(struct options *opts, const struct option_def *defs,
			  size_t nr_defs, const char *cmdline,
			  char *err, size_t err_len)
{
	memset(opts, 0, sizeof(*opts));
	opts->defs = defs;
	opts->nr_defs = nr_defs;
	const char *first_error = NULL;

	/* Every good word is taken even after a bad one, so that options such
	 * as exit= still apply while the error is reported. */
	for (const char *p = cmdline ? cmdline : ""; *p;) {
		while (*p == ' ' || *p == '\t')
			p++;
		const char *w = p;
		bool quoted = false;

		while (*p && (quoted || (*p != ' ' && *p != '\t')))
			quoted ^= *p++ == '"';
		if (p > w && !first_error)
			first_error = parse_word(opts, w, (size_t)(p - w), err, err_len);
		else if (p > w)
			parse_word(opts, w, (size_t)(p - w), NULL, 0);
	}
	return first_error;
}

const char *options_get(const struct options *opts, const char *name)
{
	for (unsigned i = 0; i < opts->count; i++)
		if (!strcmp(opts->set[i].def->name, name))
			return opts->set[i].value;
	return NULL;
}

bool options_get_u64(const struct options *opts, const char *name, uint64_t *out)
{
	const char *v = options_get(opts, name);
	char *end;

	if (!v || !*v)
		return false;
	unsigned long long n = strtoull(v, &end, 0);
	if (*end)
		return false;
	*out = n;
	return true;
}
