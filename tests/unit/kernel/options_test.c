/* Boot option parsing: key=value words, unknown and malformed words. */
#include "kernel/options.h"

#include "test.h"

static const struct option_def defs[] = {
	{ "exit", "" }, { "load", "" }, { "selftest", "" },
};
#define NDEFS (sizeof(defs) / sizeof(defs[0]))

TEST(options, parses_known_words)
{
	struct options o;
	char err[128];
	uint64_t v = 0;

	EXPECT_TRUE(options_parse(&o, defs, NDEFS, "  exit=semihosting\tload=0x200000 ",
				  err, sizeof(err)) == NULL);
	EXPECT_EQ(2, o.count);
	EXPECT_STREQ("semihosting", options_get(&o, "exit"));
	EXPECT_TRUE(options_get_u64(&o, "load", &v));
	EXPECT_EQ(0x200000, v);
	EXPECT_TRUE(options_get(&o, "selftest") == NULL);
	EXPECT_TRUE(!options_get_u64(&o, "exit", &v));
}

TEST(options, empty_command_line)
{
	struct options o;
	char err[128];

	EXPECT_TRUE(options_parse(&o, defs, NDEFS, "", err, sizeof(err)) == NULL);
	EXPECT_TRUE(options_parse(&o, defs, NDEFS, NULL, err, sizeof(err)) == NULL);
	EXPECT_EQ(0, o.count);
}

TEST(options, rejects_unknown_but_keeps_good_words)
{
	struct options o;
	char err[128];
	const char *e = options_parse(&o, defs, NDEFS, "bogus=1 exit=semihosting",
				      err, sizeof(err));

	EXPECT_TRUE(e != NULL);
	EXPECT_STREQ("unknown option 'bogus=1'", e);
	EXPECT_STREQ("semihosting", options_get(&o, "exit"));
}

TEST(options, rejects_malformed_and_repeated)
{
	struct options o;
	char err[128];

	EXPECT_STREQ("'exit' is not of the form key=value",
		     options_parse(&o, defs, NDEFS, "exit", err, sizeof(err)));
	EXPECT_STREQ("'=x' is not of the form key=value",
		     options_parse(&o, defs, NDEFS, "=x", err, sizeof(err)));
	EXPECT_STREQ("option 'load' given twice",
		     options_parse(&o, defs, NDEFS, "load=1 load=2", err, sizeof(err)));
	/* A key that is a prefix of a known one is still unknown. */
	EXPECT_STREQ("unknown option 'ex=1'",
		     options_parse(&o, defs, NDEFS, "ex=1", err, sizeof(err)));
}

TEST(options, empty_value_is_given_but_not_a_number)
{
	struct options o;
	char err[128];
	uint64_t v;

	EXPECT_TRUE(options_parse(&o, defs, NDEFS, "load=", err, sizeof(err)) == NULL);
	EXPECT_STREQ("", options_get(&o, "load"));
	EXPECT_TRUE(!options_get_u64(&o, "load", &v));
}

TEST(options, quoted_value_keeps_its_spaces)
{
	struct options o;
	char err[128];

	EXPECT_TRUE(options_parse(&o, defs, NDEFS,
				  "exit=semihosting selftest=\"a b\tc\" load=\"\"",
				  err, sizeof(err)) == NULL);
	EXPECT_EQ(3, o.count);
	EXPECT_STREQ("a b\tc", options_get(&o, "selftest"));
	EXPECT_STREQ("", options_get(&o, "load"));
	EXPECT_STREQ("option 'load': no closing quote (a command line cut short? "
		     "QEMU's loongson3-virt passes about 230 bytes)",
		     options_parse(&o, defs, NDEFS, "load=\"1 2", err, sizeof(err)));
	EXPECT_STREQ("option 'load': a quoted value must be one \"...\" with no quote inside",
		     options_parse(&o, defs, NDEFS, "load=\"1\"2\"3\"", err, sizeof(err)));
}
