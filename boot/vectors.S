/* Exception vectors at EBase and the common entry that saves a trap_frame,
 * calls trap_dispatch(frame) and restores it.  Every vector is a 3-
 * instruction trampoline: each slot's budget is 0x80 bytes.  k0/k1 are ours;
 * generated code never uses them. */
#include "boot/asm.h"

	.section .text.vectors, "ax"
	.set noreorder
	.set noat

	/* EBase + 0x000: TLB refill (32-bit address). */
ENTRY(vector_tlb_refill)
	dla	k0, trap_entry
	jr	k0
	nop				/* delay slot */
END(vector_tlb_refill)

	/* EBase + 0x080: XTLB refill (64-bit address). */
	.org	0x080
ENTRY(vector_xtlb_refill)
	dla	k0, trap_entry
	jr	k0
	nop				/* delay slot */
END(vector_xtlb_refill)

	/* EBase + 0x100: cache error, reached through KSEG1. */
	.org	0x100
ENTRY(vector_cache_error)
	dla	k0, trap_entry
	jr	k0
	nop				/* delay slot */
END(vector_cache_error)

	/* EBase + 0x180: every other exception and interrupt. */
	.org	0x180
ENTRY(vector_general)
	dla	k0, trap_entry
	jr	k0
	nop				/* delay slot */
END(vector_general)

	.text

/* Saves every GPR (sp as it was), hi/lo and the CP0 state on the current
 * stack, calls trap_dispatch(frame), then restores everything (the handler
 * may have changed EPC or registers in the frame) and returns with eret. */
ENTRY(trap_entry)
	move	k1, sp
	daddiu	sp, sp, -TF_SIZE
	sd	$0, TF_REG(0)(sp)
	sd	$1, TF_REG(1)(sp)
	sd	$2, TF_REG(2)(sp)
	sd	$3, TF_REG(3)(sp)
	sd	$4, TF_REG(4)(sp)
	sd	$5, TF_REG(5)(sp)
	sd	$6, TF_REG(6)(sp)
	sd	$7, TF_REG(7)(sp)
	sd	$8, TF_REG(8)(sp)
	sd	$9, TF_REG(9)(sp)
	sd	$10, TF_REG(10)(sp)
	sd	$11, TF_REG(11)(sp)
	sd	$12, TF_REG(12)(sp)
	sd	$13, TF_REG(13)(sp)
	sd	$14, TF_REG(14)(sp)
	sd	$15, TF_REG(15)(sp)
	sd	$16, TF_REG(16)(sp)
	sd	$17, TF_REG(17)(sp)
	sd	$18, TF_REG(18)(sp)
	sd	$19, TF_REG(19)(sp)
	sd	$20, TF_REG(20)(sp)
	sd	$21, TF_REG(21)(sp)
	sd	$22, TF_REG(22)(sp)
	sd	$23, TF_REG(23)(sp)
	sd	$24, TF_REG(24)(sp)
	sd	$25, TF_REG(25)(sp)
	sd	$26, TF_REG(26)(sp)
	sd	$27, TF_REG(27)(sp)
	sd	$28, TF_REG(28)(sp)
	sd	k1, TF_REG(29)(sp)
	sd	$30, TF_REG(30)(sp)
	sd	$31, TF_REG(31)(sp)
	mfhi	k0
	sd	k0, TF_HI(sp)
	mflo	k0
	sd	k0, TF_LO(sp)
	dmfc0	k0, CP0_EPC
	sd	k0, TF_EPC(sp)
	mfc0	k0, CP0_STATUS
	sd	k0, TF_STATUS(sp)
	mfc0	k0, CP0_CAUSE
	sd	k0, TF_CAUSE(sp)
	dmfc0	k0, CP0_BADVADDR
	sd	k0, TF_BADVADDR(sp)

	dla	gp, _gp
	move	a0, sp
	dla	k0, trap_dispatch
	jalr	k0
	nop				/* delay slot */

	ld	k0, TF_EPC(sp)
	dmtc0	k0, CP0_EPC
	ld	k0, TF_HI(sp)
	mthi	k0
	ld	k0, TF_LO(sp)
	mtlo	k0
	ld	$1, TF_REG(1)(sp)
	ld	$2, TF_REG(2)(sp)
	ld	$3, TF_REG(3)(sp)
	ld	$4, TF_REG(4)(sp)
	ld	$5, TF_REG(5)(sp)
	ld	$6, TF_REG(6)(sp)
	ld	$7, TF_REG(7)(sp)
	ld	$8, TF_REG(8)(sp)
	ld	$9, TF_REG(9)(sp)
	ld	$10, TF_REG(10)(sp)
	ld	$11, TF_REG(11)(sp)
	ld	$12, TF_REG(12)(sp)
	ld	$13, TF_REG(13)(sp)
	ld	$14, TF_REG(14)(sp)
	ld	$15, TF_REG(15)(sp)
	ld	$16, TF_REG(16)(sp)
	ld	$17, TF_REG(17)(sp)
	ld	$18, TF_REG(18)(sp)
	ld	$19, TF_REG(19)(sp)
	ld	$20, TF_REG(20)(sp)
	ld	$21, TF_REG(21)(sp)
	ld	$22, TF_REG(22)(sp)
	ld	$23, TF_REG(23)(sp)
	ld	$24, TF_REG(24)(sp)
	ld	$25, TF_REG(25)(sp)
	ld	$28, TF_REG(28)(sp)
	ld	$30, TF_REG(30)(sp)
	ld	$31, TF_REG(31)(sp)
	ld	sp, TF_REG(29)(sp)
	eret
END(trap_entry)

/* Points EBase at the vector page above. */
ENTRY(vectors_install)
	dla	t0, vector_tlb_refill
	mtc0	t0, CP0_EBASE
	jr.hb	ra
	nop				/* delay slot */
END(vectors_install)
