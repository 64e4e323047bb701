/* Entry from the firmware (QEMU's LEFI loader or PMON/UEFI): sets up CP0 for
 * 64-bit kernel addressing and the FPU, clears BSS, installs the vectors and
 * calls kernel_main(argc, argv, boot_params) on the boot stack. */
#include "boot/asm.h"

	.section .text.start, "ax"
	.set noreorder

ENTRY(_start)
	/* a0..a2 come from the firmware: keep them in s0..s2. */
	move	s0, a0
	move	s1, a1
	move	s2, a2

	/* Kernel mode, interrupts off, 64-bit addressing (KX) for XKPHYS,
	 * the FPU on in 64-bit register mode (CU1, FR). */
	mfc0	t0, CP0_STATUS
	li	t1, ~(ST_IE | ST_EXL | ST_ERL | ST_BEV | 0xff00)
	and	t0, t0, t1
	li	t1, ST_KX | ST_CU1 | ST_FR
	or	t0, t0, t1
	mtc0	t0, CP0_STATUS
	ehb

	/* Interrupts and exceptions use the general vector (Cause.IV = 0). */
	mtc0	zero, CP0_CAUSE

	dla	sp, _boot_stack_top
	dla	gp, _gp

	/* Clear BSS a doubleword at a time (both ends are 16-byte aligned). */
	dla	t0, _bss_start
	dla	t1, _bss_end
1:	beq	t0, t1, 2f
	nop				/* delay slot */
	sd	zero, 0(t0)
	b	1b
	daddiu	t0, t0, 8		/* delay slot */
2:
	jal	vectors_install
	nop				/* delay slot */

	move	a0, s0
	move	a1, s1
	jal	kernel_main
	move	a2, s2			/* delay slot */

	/* kernel_main does not return; if it does, stop here. */
3:	wait
	b	3b
	nop				/* delay slot */
END(_start)
