/* Calendar arithmetic against known dates: the Unix epoch was a Thursday,
 * Unix time 946684800 is Saturday 2000-01-01, 2000 is a leap year and
 * 1900 and 2100 are not (Gregorian rule). */
#include "test.h"

#include "devices/calendar.h"

TEST(calendar, epoch)
{
	struct cal_date d = cal_date_from_days(0);

	EXPECT_EQ(1970, d.year);
	EXPECT_EQ(1, d.month);
	EXPECT_EQ(1, d.day);
	EXPECT_EQ(5, cal_weekday(0));	/* Thursday, Sunday = 1 */
}

TEST(calendar, y2k)
{
	struct cal_date d = { 2000, 1, 1 };

	EXPECT_EQ(946684800 / 86400, cal_days_from_date(d));
	EXPECT_EQ(7, cal_weekday(cal_days_from_date(d)));
}

TEST(calendar, leap_years)
{
	EXPECT_EQ(29, cal_month_days(2000, 2));
	EXPECT_EQ(28, cal_month_days(1900, 2));
	EXPECT_EQ(28, cal_month_days(2100, 2));
	EXPECT_EQ(29, cal_month_days(2024, 2));
	EXPECT_EQ(28, cal_month_days(2026, 2));
	EXPECT_EQ(31, cal_month_days(2026, 12));
	/* 2000-03-01 is 60 days after 2000-01-01 (31 + 29). */
	EXPECT_EQ(60, cal_days_from_date((struct cal_date){ 2000, 3, 1 }) -
			      cal_days_from_date((struct cal_date){ 2000, 1, 1 }));
}

/* Unix time 1000000000 is 2001-09-09 01:46:40 UTC, a Sunday. */
TEST(calendar, billennium)
{
	int64_t days = 1000000000 / 86400;
	struct cal_date d = cal_date_from_days(days);

	EXPECT_EQ(2001, d.year);
	EXPECT_EQ(9, d.month);
	EXPECT_EQ(9, d.day);
	EXPECT_EQ(1, cal_weekday(days));
}

TEST(calendar, before_epoch)
{
	struct cal_date d = cal_date_from_days(-1);

	EXPECT_EQ(1969, d.year);
	EXPECT_EQ(12, d.month);
	EXPECT_EQ(31, d.day);
	EXPECT_EQ(4, cal_weekday(-1));	/* Wednesday */
	EXPECT_EQ(-25567, cal_days_from_date((struct cal_date){ 1900, 1, 1 }));
}

/* Every day from 1800 to 2300 converts back to itself, and consecutive
 * days are consecutive dates. */
TEST(calendar, round_trip)
{
	int bad = 0;

	for (int64_t days = -62000; days < 120000; days++) {
		struct cal_date d = cal_date_from_days(days);
		bad += cal_days_from_date(d) != days;
		bad += d.day < 1 || d.day > cal_month_days(d.year, d.month);
	}
	EXPECT_EQ(0, bad);
}

TEST(calendar, floor_div)
{
	EXPECT_EQ(-1, cal_floor_div(-1, 86400));
	EXPECT_EQ(0, cal_floor_div(86399, 86400));
	EXPECT_EQ(-2, cal_floor_div(-86401, 86400));
}
