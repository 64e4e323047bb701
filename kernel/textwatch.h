/* Watches a byte stream (the guest's serial output) for the first
 * appearance of a text: the until= boot option.  Pure, unit-tested. */
#ifndef MIMIC_KERNEL_TEXTWATCH_H
#define MIMIC_KERNEL_TEXTWATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TEXT_WATCH_MAX 128	/* longest text watched for */

struct text_watch {
	char text[TEXT_WATCH_MAX];
	size_t len;		/* 0: watching for nothing */
	char window[TEXT_WATCH_MAX];	/* the stream's last len bytes (fewer at first) */
	size_t filled;
	bool seen;
};

/* Watch for text; false if it is empty or longer than TEXT_WATCH_MAX. */
bool text_watch_init(struct text_watch *w, const char *text);

/* One more byte of the stream: true when it completes the text's first
 * appearance (once; later appearances return false). */
bool text_watch_feed(struct text_watch *w, uint8_t byte);

#endif
