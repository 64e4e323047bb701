/* The x87 environment and save images: FNSTENV/FLDENV (14 or 28 bytes,
 * real-mode and protected-mode layouts) and FNSAVE/FRSTOR (plus the eight
 * registers).  Ref: Intel SDM Vol. 1, 8.1.10 and figures 8-9 to 8-12. */
#include "translator/x87.h"

#include "libc/bytes.h"
#include "translator/cpu.h"
#include "translator/interp.h"

void x87_init(struct x87_state *s)
{
	s->cw = 0x037f;
	s->sw = 0;
	s->empty = 0xff;
	s->fop = 0;
	s->fip = s->fdp = 0;
	s->fcs = s->fds = 0;
}

uint16_t x87_control_word(uint32_t v)
{
	return (uint16_t)((v & 0x1f3f) | 0x0040);
}

void x87_reset(struct x87_state *s)
{
	x87_init(s);
	s->cw = 0x0040;
	s->empty = 0;
	for (unsigned i = 0; i < 8; i++)
		s->r[i] = (struct x87_f80){ 0, 0 };
}

uint16_t x87_tag_word(const struct x87_state *s)
{
	uint16_t tw = 0;

	for (unsigned i = 0; i < 8; i++) {
		unsigned tag;

		if (s->empty >> i & 1)
			tag = 3;
		else if (x87_classify(s->r[i]) == X87_ZERO)
			tag = 1;
		else if (x87_classify(s->r[i]) == X87_NORMAL)
			tag = 0;
		else
			tag = 2;
		tw |= (uint16_t)(tag << (2 * i));
	}
	return tw;
}

static bool real_mode(const struct x86_cpu *cpu)
{
	return !(cpu->cr[0] & X86_CR0_PE) || (cpu->eflags & X86_VM);
}

/* The image in memory order; returns its length. */
static unsigned env_image(const struct x86_cpu *cpu, bool size32, uint8_t *img)
{
	const struct x87_state *s = &cpu->fpu;
	unsigned w = size32 ? 4 : 2;

	for (unsigned i = 0; i < 7 * w; i++)
		img[i] = 0;
	le_put(img, s->cw, 2);
	le_put(img + w, s->sw, 2);
	le_put(img + 2 * w, x87_tag_word(s), 2);
	if (real_mode(cpu)) {
		uint32_t fip = s->fip + ((uint32_t)s->fcs << 4), fdp = s->fdp + ((uint32_t)s->fds << 4);

		le_put(img + 3 * w, fip, 2);
		le_put(img + 5 * w, fdp, 2);
		if (size32) {
			le_put(img + 4 * w, (fip >> 16) << 12 | s->fop, 4);
			le_put(img + 6 * w, (fdp >> 16) << 12, 4);
		} else {
			le_put(img + 4 * w, (fip >> 16 & 15) << 12 | s->fop, 2);
			le_put(img + 6 * w, (fdp >> 16 & 15) << 12, 2);
		}
	} else {
		le_put(img + 3 * w, s->fip, w);
		le_put(img + 4 * w, s->fcs | (size32 ? (uint32_t)s->fop << 16 : 0), w);
		le_put(img + 5 * w, s->fdp, w);
		le_put(img + 6 * w, s->fds, 2);
	}
	return 7 * w;
}

static void load_image(struct x86_cpu *cpu, bool size32, const uint8_t *img)
{
	struct x87_state *s = &cpu->fpu;
	unsigned w = size32 ? 4 : 2;
	uint32_t tw = le_get(img + 2 * w, 2);

	s->cw = x87_control_word(le_get(img, 2));
	s->sw = (uint16_t)le_get(img + w, 2);
	s->empty = 0;
	for (unsigned i = 0; i < 8; i++)
		if ((tw >> (2 * i) & 3) == 3)
			s->empty |= (uint8_t)(1u << i);
	if (real_mode(cpu)) {
		uint32_t hi_ip = le_get(img + 4 * w, w), hi_dp = le_get(img + 6 * w, w);

		s->fop = (uint16_t)(hi_ip & 0x7ff);
		s->fip = le_get(img + 3 * w, 2) | (hi_ip >> 12) << 16;
		s->fdp = le_get(img + 5 * w, 2) | (hi_dp >> 12) << 16;
		s->fcs = s->fds = 0;
	} else {
		s->fip = le_get(img + 3 * w, w);
		s->fcs = (uint16_t)le_get(img + 4 * w, 2);
		s->fop = size32 ? (uint16_t)(le_get(img + 4 * w + 2, 2) & 0x7ff) : 0;
		s->fdp = le_get(img + 5 * w, w);
		s->fds = (uint16_t)le_get(img + 6 * w, 2);
	}
	/* The error summary follows the loaded flags and masks. */
	if (s->sw & ~s->cw & X87_EXC)
		s->sw |= X87_ES | X87_B;
	else
		s->sw &= (uint16_t)~(X87_ES | X87_B);
}

static void write_bytes(struct x86_cpu *cpu, uint32_t addr, const uint8_t *p, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		interp_store(cpu, addr + i, p[i], 1);
}

static void read_bytes(struct x86_cpu *cpu, uint32_t addr, uint8_t *p, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		p[i] = (uint8_t)interp_load(cpu, addr + i, 1);
}

void x87_store_env(struct x86_cpu *cpu, uint32_t addr, bool size32)
{
	uint8_t img[28];

	write_bytes(cpu, addr, img, env_image(cpu, size32, img));
	cpu->fpu.cw |= X87_EXC;	/* FNSTENV masks every exception */
}

void x87_load_env(struct x86_cpu *cpu, uint32_t addr, bool size32)
{
	uint8_t img[28];

	read_bytes(cpu, addr, img, size32 ? 28 : 14);
	load_image(cpu, size32, img);
}

void x87_save(struct x86_cpu *cpu, uint32_t addr, bool size32)
{
	struct x87_state *s = &cpu->fpu;
	uint8_t img[108];
	unsigned n = env_image(cpu, size32, img), top = s->sw >> X87_TOP_SHIFT & 7;

	for (unsigned i = 0; i < 8; i++) {
		const struct x87_f80 *r = &s->r[(top + i) & 7];

		le_put(img + n + 10 * i, r->sig, 8);
		le_put(img + n + 10 * i + 8, r->se, 2);
	}
	write_bytes(cpu, addr, img, n + 80);
	x87_init(s);
}

void x87_restore(struct x86_cpu *cpu, uint32_t addr, bool size32)
{
	struct x87_state *s = &cpu->fpu;
	unsigned n = size32 ? 28 : 14, top;
	uint8_t img[108];

	read_bytes(cpu, addr, img, n + 80);
	load_image(cpu, size32, img);
	top = s->sw >> X87_TOP_SHIFT & 7;
	for (unsigned i = 0; i < 8; i++) {
		struct x87_f80 *r = &s->r[(top + i) & 7];
		const uint8_t *p = img + n + 10 * i;

		r->sig = le_get(p, 8);
		r->se = (uint16_t)le_get(p + 8, 2);
	}
}
