/* A byte stream out of a device (serial console, debug log): a callback and
 * its context. A sink with put == NULL drops the bytes. */
#ifndef MIMIC_DEVICES_BYTESINK_H
#define MIMIC_DEVICES_BYTESINK_H

#include <stdint.h>

struct byte_sink {
	void (*put)(void *opaque, uint8_t byte);
	void *opaque;
};

static inline void byte_sink_put(const struct byte_sink *sink, uint8_t byte)
{
	if (sink->put)
		sink->put(sink->opaque, byte);
}

#endif
