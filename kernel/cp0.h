/* Accessors for the CP0 registers the kernel uses (MIPS64 PRA, chapter 9),
 * and the address-space helpers for XKPHYS and KSEG0. */
#ifndef MIMIC_KERNEL_CP0_H
#define MIMIC_KERNEL_CP0_H

#include <stdint.h>

#define ST_IE   0x00000001u
#define ST_EXL  0x00000002u
#define ST_IM(n) (0x100u << (n))
#define CAUSE_IP(n) (0x100u << (n))
#define CAUSE_EXCCODE(c) (((c) >> 2) & 0x1f)

#define CP0_READ32(reg, sel) ({ uint32_t v_; \
	__asm__ volatile("mfc0 %0, $" #reg ", " #sel : "=r"(v_) :: "memory"); v_; })
#define CP0_WRITE32(reg, sel, val) \
	__asm__ volatile("mtc0 %0, $" #reg ", " #sel "\n\tehb" :: "r"((uint32_t)(val)) : "memory")

static inline uint32_t cp0_count(void) { return CP0_READ32(9, 0); }
static inline void cp0_set_compare(uint32_t v) { CP0_WRITE32(11, 0, v); }
static inline uint32_t cp0_status(void) { return CP0_READ32(12, 0); }
static inline void cp0_set_status(uint32_t v) { CP0_WRITE32(12, 0, v); }
static inline uint32_t cp0_cause(void) { return CP0_READ32(13, 0); }
static inline uint32_t cp0_prid(void) { return CP0_READ32(15, 0); }

/* XKPHYS windows onto physical memory (cacheability in bits 61:59). */
#define XKPHYS_CACHED   0x9800000000000000ull
#define XKPHYS_UNCACHED 0x9000000000000000ull
#define KSEG0_BASE      0xffffffff80000000ull
#define KSEG0_SIZE      0x20000000ull

static inline void *phys_to_cached(uint64_t pa)
{
	return (void *)(uintptr_t)(XKPHYS_CACHED | pa);
}

static inline volatile void *phys_to_uncached(uint64_t pa)
{
	return (volatile void *)(uintptr_t)(XKPHYS_UNCACHED | pa);
}

/* Physical address of a kernel (KSEG0) or XKPHYS virtual address. */
static inline uint64_t virt_to_phys(const void *va)
{
	uint64_t a = (uint64_t)(uintptr_t)va;

	if (a >= KSEG0_BASE)
		return a - KSEG0_BASE;
	return a & 0x000000ffffffffffull;
}

/* Interrupts on/off; irq_save returns the previous Status for irq_restore. */
static inline uint32_t irq_save(void)
{
	uint32_t s = cp0_status();

	cp0_set_status(s & ~ST_IE);
	return s;
}

static inline void irq_restore(uint32_t s)
{
	cp0_set_status((cp0_status() & ~ST_IE) | (s & ST_IE));
}

#endif
