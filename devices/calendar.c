/* Gregorian calendar arithmetic: leap years every 4 years except
 * centuries not divisible by 400. Day 0 is Thursday 1970-01-01. */
#include "devices/calendar.h"

int64_t cal_floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* Leap days in years 1..y. */
static int64_t leaps_through(int64_t y)
{
	return cal_floor_div(y, 4) - cal_floor_div(y, 100) + cal_floor_div(y, 400);
}

static int is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int cal_month_days(int year, int month)
{
	static const uint8_t days[12] = { 31, 28, 31, 30, 31, 30,
					  31, 31, 30, 31, 30, 31 };

	if (month == 2 && is_leap(year))
		return 29;
	return days[(month - 1) % 12];
}

/* Days from 1970-01-01 to January 1st of year. */
static int64_t days_before_year(int64_t year)
{
	return 365 * (year - 1970) + leaps_through(year - 1) -
	       leaps_through(1969);
}

int64_t cal_days_from_date(struct cal_date d)
{
	int64_t days = days_before_year(d.year);

	for (int m = 1; m < d.month; m++)
		days += cal_month_days(d.year, m);
	return days + d.day - 1;
}

struct cal_date cal_date_from_days(int64_t days)
{
	int64_t year = 1970 + cal_floor_div(days, 366);
	struct cal_date d;

	/* Years have at most 366 days, so the estimate is close (low after
	 * 1970, high before); step to the year holding the day. */
	while (days_before_year(year) > days)
		year--;
	while (days_before_year(year + 1) <= days)
		year++;
	days -= days_before_year(year);
	d.year = (int)year;
	d.month = 1;
	while (days >= cal_month_days(d.year, d.month)) {
		days -= cal_month_days(d.year, d.month);
		d.month++;
	}
	d.day = (int)days + 1;
	return d;
}

int cal_weekday(int64_t days)
{
	return (int)(((days % 7) + 7 + 4) % 7) + 1;
}
