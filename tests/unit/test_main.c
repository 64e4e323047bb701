/* Runs every registered host unit test and prints one PASS/FAIL line each,
 * in the format scripts/test.sh counts. */
#include "test.h"

#include <stdlib.h>

static struct unit_test *tests;
static int current_failures;

void unit_register(struct unit_test *t)
{
	t->next = tests;
	tests = t;
}

void unit_fail(const char *file, int line, const char *what)
{
	printf("  %s:%d: expected %s\n", file, line, what);
	current_failures++;
}

void unit_fail_u64(const char *file, int line, const char *what,
		   uint64_t want, uint64_t got)
{
	printf("  %s:%d: expected %s: want 0x%llx, got 0x%llx\n", file, line,
	       what, (unsigned long long)want, (unsigned long long)got);
	current_failures++;
}

int main(void)
{
	int failed = 0;

	for (struct unit_test *t = tests; t; t = t->next) {
		current_failures = 0;
		t->fn();
		printf("%s unit/%s.%s\n", current_failures ? "FAIL" : "PASS",
		       t->room, t->name);
		failed += current_failures != 0;
	}
	return failed != 0;
}
