/* Host unit-test framework: TEST(room, name) functions registered at load
 * time, EXPECT_* checks that report file:line and keep going. */
#ifndef MIMIC_TESTS_UNIT_TEST_H
#define MIMIC_TESTS_UNIT_TEST_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct unit_test {
	const char *room;
	const char *name;
	void (*fn)(void);
	struct unit_test *next;
};

void unit_register(struct unit_test *t);
void unit_fail(const char *file, int line, const char *what);
void unit_fail_u64(const char *file, int line, const char *what,
		   uint64_t want, uint64_t got);

#define TEST(room, name)                                                   \
	static void test_##room##_##name(void);                            \
	static struct unit_test unit_##room##_##name = {                   \
		#room, #name, test_##room##_##name, NULL };                \
	__attribute__((constructor)) static void reg_##room##_##name(void) \
	{ unit_register(&unit_##room##_##name); }                          \
	static void test_##room##_##name(void)

#define EXPECT_EQ(want, got)                                               \
	do {                                                               \
		uint64_t w_ = (uint64_t)(want), g_ = (uint64_t)(got);      \
		if (w_ != g_)                                              \
			unit_fail_u64(__FILE__, __LINE__,                  \
				      #want " == " #got, w_, g_);          \
	} while (0)

#define EXPECT_TRUE(cond)                                                  \
	do {                                                               \
		if (!(cond))                                               \
			unit_fail(__FILE__, __LINE__, #cond);              \
	} while (0)

#define EXPECT_STREQ(want, got)                                            \
	do {                                                               \
		const char *w_ = (want), *g_ = (got);                      \
		if (!g_ || strcmp(w_, g_) != 0)                            \
			unit_fail(__FILE__, __LINE__, #want " == " #got);  \
	} while (0)

#endif
