/* Proleptic Gregorian calendar arithmetic for the RTC: days since
 * 1970-01-01 to and from a civil date, day of the week. */
#ifndef MIMIC_DEVICES_CALENDAR_H
#define MIMIC_DEVICES_CALENDAR_H

#include <stdint.h>

struct cal_date {
	int year;	/* full year, e.g. 2026 */
	int month;	/* 1-12 */
	int day;	/* 1-31 */
};

int64_t cal_days_from_date(struct cal_date d);
struct cal_date cal_date_from_days(int64_t days);
/* 1 = Sunday ... 7 = Saturday, as the MC146818 counts. */
int cal_weekday(int64_t days);
int cal_month_days(int year, int month);
/* Division rounding toward minus infinity (b > 0). */
int64_t cal_floor_div(int64_t a, int64_t b);

#endif
