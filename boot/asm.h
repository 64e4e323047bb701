/* Assembler helpers shared by boot/*.S: ENTRY/END symbol macros, CP0
 * register numbers and the layout of the saved-register frame that the
 * exception entry builds (mirrored by struct trap_frame in kernel/trap.h). */
#ifndef MIMIC_BOOT_ASM_H
#define MIMIC_BOOT_ASM_H

#define ENTRY(name)           \
	.globl name;          \
	.type name, @function; \
	.ent name;            \
name:

#define END(name)             \
	.end name;            \
	.size name, .-name

/* n64 register names. */
#define zero $0
#define v0 $2
#define v1 $3
#define a0 $4
#define a1 $5
#define a2 $6
#define a3 $7
#define t0 $12
#define t1 $13
#define t2 $14
#define t3 $15
#define s0 $16
#define s1 $17
#define s2 $18
#define t9 $25
#define k0 $26
#define k1 $27
#define gp $28
#define sp $29
#define ra $31

/* CP0 registers (MIPS64 PRA, chapter 9). */
#define CP0_BADVADDR $8
#define CP0_COUNT    $9
#define CP0_COMPARE  $11
#define CP0_STATUS   $12
#define CP0_CAUSE    $13
#define CP0_EPC      $14
#define CP0_EBASE    $15, 1
#define CP0_ERROREPC $30

/* Status bits. */
#define ST_IE  0x00000001
#define ST_EXL 0x00000002
#define ST_ERL 0x00000004
#define ST_KX  0x00000080
#define ST_SX  0x00000040
#define ST_UX  0x00000020
#define ST_BEV 0x00400000
#define ST_FR  0x04000000
#define ST_CU1 0x20000000

/* trap_frame: 32 GPRs, then hi, lo, epc, status, cause, badvaddr. */
#define TF_REG(n)    ((n) * 8)
#define TF_HI        (32 * 8)
#define TF_LO        (33 * 8)
#define TF_EPC       (34 * 8)
#define TF_STATUS    (35 * 8)
#define TF_CAUSE     (36 * 8)
#define TF_BADVADDR  (37 * 8)
#define TF_SIZE      (38 * 8)

#endif
