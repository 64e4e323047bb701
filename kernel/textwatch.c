/* The until= watch: a window of the stream's last bytes, compared with the
 * text after each byte (the texts are short, the serial stream slow). */
#include "kernel/textwatch.h"

#include <string.h>

bool text_watch_init(struct text_watch *w, const char *text)
{
	size_t len = strlen(text);

	memset(w, 0, sizeof(*w));
	if (!len || len > TEXT_WATCH_MAX)
		return false;
	memcpy(w->text, text, len);
	w->len = len;
	return true;
}

bool text_watch_feed(struct text_watch *w, uint8_t byte)
{
	if (w->seen || !w->len)
		return false;
	if (w->filled == w->len) {
		memmove(w->window, w->window + 1, w->len - 1);
		w->filled--;
	}
	w->window[w->filled++] = (char)byte;
	w->seen = w->filled == w->len && !memcmp(w->window, w->text, w->len);
	return w->seen;
}
