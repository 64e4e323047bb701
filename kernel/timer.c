/* CP0 Count/Compare tick.  Count runs at a fixed rate (half the pipeline
 * clock on Loongson-3); each tick advances Compare by one period, polls the
 * console, extends Count to 64 bits and calls the tick hook.  On QEMU's
 * loongson3-virt board the rate is measured against the goldfish RTC
 * (physical 0x10081000, which counts nanoseconds of Unix time). */
#include "kernel/timer.h"

#include "kernel/console.h"
#include "kernel/cp0.h"
#include "kernel/trap.h"

#define TIMER_IP 7
#define GOLDFISH_RTC 0x10081000ull
#define GOLDFISH_TIME_LOW  0x00	/* reading it latches TIME_HIGH */
#define GOLDFISH_TIME_HIGH 0x04
#define NS_PER_SEC 1000000000ull
#define MEASURE_NS 20000000ull	/* 20 ms of host time */

static struct {
	uint64_t hz;
	uint32_t period;
	uint32_t compare;
	uint64_t ticks;
	uint64_t missed;	/* periods skipped because the tick came late */
	uint64_t count_base;	/* 64-bit Count at the last tick */
	uint32_t count_last;	/* the 32-bit Count read then */
	bool has_wall_clock;	/* the goldfish RTC is there */
	timer_hook_fn hook;
} t;

static uint64_t goldfish_ns(void)
{
	volatile uint32_t *r = (volatile uint32_t *)phys_to_uncached(GOLDFISH_RTC);
	uint32_t lo = r[GOLDFISH_TIME_LOW / 4];

	return ((uint64_t)r[GOLDFISH_TIME_HIGH / 4] << 32) | lo;
}

static uint64_t measure_count_hz(void)
{
	uint64_t t0 = goldfish_ns(), t1;
	uint32_t c0 = cp0_count();

	while ((t1 = goldfish_ns()) - t0 < MEASURE_NS)
		;
	uint32_t c1 = cp0_count();
	return (uint64_t)(c1 - c0) * 1000000000ull / (t1 - t0);
}

/* Count since the last tick; never negative, so that the 64-bit time can
 * not step back by 2^32 if Count is ever read behind count_last. */
static uint32_t count_since_tick(uint32_t now)
{
	int32_t d = (int32_t)(now - t.count_last);

	return d > 0 ? (uint32_t)d : 0;
}

uint64_t timer_count64(void)
{
	uint32_t s = irq_save();
	uint64_t v = t.count_base + count_since_tick(cp0_count());

	irq_restore(s);
	return v;
}

/* Writes t.compare (the next tick's Count) to Compare.  If the host fell
 * behind (QEMU's thread was descheduled), the lost periods are skipped and
 * counted, and the check is made again after the write: a Compare that
 * Count has already passed would only match after Count wraps (2^32
 * counts, seconds without a tick). */
static void arm_compare(void)
{
	for (;;) {
		while ((int32_t)(t.compare - cp0_count()) <= 0) {
			t.compare += t.period;
			t.missed++;
		}
		cp0_set_compare(t.compare);
		if ((int32_t)(t.compare - cp0_count()) > 0)
			return;
	}
}

static void timer_tick(struct trap_frame *tf)
{
	(void)tf;
	uint32_t now = cp0_count();

	t.count_base += count_since_tick(now);
	t.count_last = now;
	t.ticks++;
	t.compare += t.period;
	arm_compare();
	console_poll();
	if (t.hook)
		t.hook();
}

bool timer_init(uint32_t cpu_clock_hz, bool board_has_goldfish_rtc)
{
	t.has_wall_clock = board_has_goldfish_rtc;
	t.hz = board_has_goldfish_rtc ? measure_count_hz() : cpu_clock_hz / 2;
	if (t.hz < TIMER_TICK_HZ)
		t.hz = 100000000;	/* no usable figure: assume 100 MHz */
	t.period = (uint32_t)(t.hz / TIMER_TICK_HZ);
	t.count_last = cp0_count();
	t.compare = t.count_last + t.period;
	arm_compare();
	trap_set_irq_handler(TIMER_IP, timer_tick);
	cp0_set_status(cp0_status() | ST_IE);
	return board_has_goldfish_rtc;
}

uint64_t timer_count_hz(void) { return t.hz; }
uint64_t timer_ticks(void) { return t.ticks; }
uint64_t timer_missed_ticks(void) { return t.missed; }

uint64_t timer_now_ns(void)
{
	uint64_t c = timer_count64();

	return c / t.hz * NS_PER_SEC + c % t.hz * NS_PER_SEC / t.hz;
}

uint64_t timer_wall_clock_ns(void)
{
	return t.has_wall_clock ? goldfish_ns() : 0;
}

void timer_set_hook(timer_hook_fn fn)
{
	t.hook = fn;
}

void timer_idle(void)
{
	cp0_set_status(cp0_status() | ST_IE);
	__asm__ volatile("wait");
}
