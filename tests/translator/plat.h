/* The two platforms a test guest is linked for: the flat guest that mimic
 * runs (ports 0xE9/0xF4) and the i386 Linux process that is the reference. */
#ifndef MIMIC_TESTS_TRANSLATOR_PLAT_H
#define MIMIC_TESTS_TRANSLATOR_PLAT_H

#include <stddef.h>
#include <stdint.h>

void plat_putc(char c);
void plat_flush(void);
__attribute__((noreturn)) void plat_exit(unsigned status);

/* lib.c */
void print_str(const char *s);
void print_hex(uint32_t v);
void print_check(const char *name, uint32_t v);
void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);

int main(void);

#endif
