/* The hosted build's host service: instruction-cache sync through the compiler. */
#include "translator/host.h"

void host_sync_code(void *start, size_t len)
{
	__builtin___clear_cache((char *)start, (char *)start + len);
}
