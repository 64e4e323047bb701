/* The host clock: CP0 Count as a 64-bit time base, a periodic tick on
 * Count/Compare (CPU interrupt line 7), and sleeping until an interrupt. */
#ifndef MIMIC_KERNEL_TIMER_H
#define MIMIC_KERNEL_TIMER_H

#include <stdbool.h>
#include <stdint.h>

#define TIMER_TICK_HZ 1000

/* Sets the Count rate (measured against a reference clock when the board
 * has one, else half the firmware's CPU clock) and starts the tick.
 * Returns true if the rate was measured. */
bool timer_init(uint32_t cpu_clock_hz, bool board_has_goldfish_rtc);
uint64_t timer_count_hz(void);
uint64_t timer_ticks(void);
/* Tick periods that passed without a tick (the host was held up). */
uint64_t timer_missed_ticks(void);
/* Count, extended to 64 bits. */
uint64_t timer_count64(void);
/* Count as nanoseconds since the timer started. */
uint64_t timer_now_ns(void);
/* Unix time in ns from the board's RTC, 0 if the board has none. */
uint64_t timer_wall_clock_ns(void);
/* fn runs in the tick interrupt after the console is polled (NULL: none). */
typedef void (*timer_hook_fn)(void);
void timer_set_hook(timer_hook_fn fn);
/* Enables interrupts and waits for the next one (tick, at the latest). */
void timer_idle(void);

#endif
