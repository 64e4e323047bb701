/* in and out with an immediate or DX port: a direct call into the embedder's
 * callbacks (no guest register sync); an out the embedder answers with "stop"
 * ends the run after the instruction.  String I/O stays in interp_string.c. */
#include "translator/logcats.h"
#include "translator/translate.h"

/* "IO  in  0060.1 = 1c  i8042": the port's owner as the embedder names it. */
static void log_port(struct x86_cpu *cpu, const char *dir, uint32_t port, uint32_t value,
		     uint32_t size)
{
	const char *owner = NULL;

	if (cpu->env.port_name)
		owner = cpu->env.port_name(cpu->env.opaque, (uint16_t)port);
	x86_logf(cpu, "IO  %s %04x.%u = %0*x%s%s\n", dir, port, size, (int)size * 2, value,
		 cpu->env.port_name ? "  " : "", cpu->env.port_name ? (owner ? owner : "unassigned") : "");
}

uint32_t x86_port_in(struct x86_cpu *cpu, uint32_t port, uint32_t size)
{
	uint32_t v = cpu->env.in(cpu->env.opaque, (uint16_t)port, size);

	if (cpu->env.log & X86_LOG_IOPORT)
		log_port(cpu, "in ", port, v, size);
	return v;
}

uint32_t x86_port_out(struct x86_cpu *cpu, uint32_t port, uint32_t value, uint32_t size)
{
	if (cpu->env.log & X86_LOG_IOPORT)
		log_port(cpu, "out", port, value, size);
	return cpu->env.out(cpu->env.opaque, (uint16_t)port, value, size);
}

/* reg = the operand's value, in exactly that register. */
static void read_into(struct x86_tctx *t, const cs_x86_op *op, unsigned reg)
{
	unsigned v = opnd_read(t, op, reg);

	if (v != reg)
		emit_move(t->e, reg, v);
}

bool tr_portio(struct x86_tctx *t)
{
	struct emit *e = t->e;
	const cs_x86_op *ops = t->d->operands;
	uint32_t *cont;

	if (t->flags & X86_HF_IOCHECK)
		return false;	/* the interpreter checks the TSS I/O bitmap first */
	if (t->in->id == X86_INS_IN) {
		read_into(t, &ops[1], R_A1);
		emit_addiu(e, R_A2, R_ZERO, ops[0].size);
		tr_call_c(t, X86_HELPER_IN);
		opnd_write(t, &ops[0], R_V0);
		return true;
	}
	if (t->in->id != X86_INS_OUT)
		return false;
	read_into(t, &ops[0], R_A1);
	read_into(t, &ops[1], R_A2);
	emit_addiu(e, R_A3, R_ZERO, ops[1].size);
	tr_call_c(t, X86_HELPER_OUT);
	cont = emit_here(e);
	emit_beqz(e, R_V0, NULL);
	emit_nop(e);	/* delay slot */
	tr_exit_stop(t, t->next_eip, X86_STOP_EXIT);
	emit_patch_branch(e, cont, emit_here(e));
	return true;
}
