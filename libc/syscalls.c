/* newlib's system-call layer (its MIPS port calls these names, without the
 * leading underscore) for a kernel with no processes and no files:
 * stdin/stdout/stderr are the serial console, the heap is one region, and
 * exit powers off through machine_exit. */
#include "libc/heap.h"

#include <errno.h>
#include <stdint.h>
#include <sys/stat.h>

#include "kernel/console.h"
#include "kernel/power.h"
#include "kernel/timer.h"

static char *heap_start, *heap_end, *heap_brk;

void heap_init(void *start, size_t size)
{
	heap_start = heap_brk = start;
	heap_end = heap_start + size;
}

void *sbrk(ptrdiff_t incr)
{
	char *old = heap_brk;

	if (!heap_start || incr > heap_end - heap_brk || incr < heap_start - heap_brk) {
		errno = ENOMEM;
		return (void *)-1;
	}
	heap_brk += incr;
	return old;
}

int write(int fd, const char *buf, int len)
{
	if (fd != 1 && fd != 2) {
		errno = EBADF;
		return -1;
	}
	if (!console_muted())
		console_write(buf, (size_t)len);
	return len;
}

/* Blocks until at least one byte has arrived, then returns what is there. */
int read(int fd, char *buf, int len)
{
	int n = 0, c;

	if (fd != 0) {
		errno = EBADF;
		return -1;
	}
	while (n == 0 && len > 0) {
		while (n < len && (c = console_getc()) >= 0)
			buf[n++] = (char)c;
		if (n == 0)
			timer_idle();
	}
	return n;
}

int close(int fd) { (void)fd; return 0; }
int isatty(int fd) { return fd <= 2; }
int lseek(int fd, int off, int whence) { (void)fd; (void)off; (void)whence; return 0; }
int getpid(void) { return 1; }

int fstat(int fd, struct stat *st)
{
	(void)fd;
	st->st_mode = S_IFCHR;
	return 0;
}

int kill(int pid, int sig)
{
	(void)pid;
	(void)sig;
	errno = EINVAL;
	return -1;
}

void _exit(int code)
{
	machine_exit(code);
}
