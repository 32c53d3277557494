/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_asm.h - what the suite's assembly files share: SME and SVE
 * encodings, function and register-image macros, and the save and restore
 * of d8-d15 around streaming mode.  For .S files only (the macros are GNU
 * as macros).
 *
 * SVE and SME instructions are .inst encodings with their mnemonic in a
 * comment, so that any assembler builds the files (the encodings here
 * checked against binutils 2.47, .arch armv9.4-a+sme2+sme-fa64).  The
 * register macros walk a struct smekvm_gregs image
 * (guest_code/sme_exit_roundtrip.h) through x5.
 */
#ifndef SMEKVM_SME_ASM_H
#define SMEKVM_SME_ASM_H

#ifndef __ASSEMBLER__
#error "sme_asm.h is for assembly (.S) files only"
#endif
#ifndef __ASSEMBLY__
#define __ASSEMBLY__
#endif

#include "guest_code/sme_exit_roundtrip.h"

#define SMSTART		0xd503477f	/* smstart */
#define SMSTART_SM	0xd503437f	/* smstart sm */
#define SMSTART_ZA	0xd503457f	/* smstart za */
#define SMSTOP		0xd503467f	/* smstop */
#define SMSTOP_SM	0xd503427f	/* smstop sm */
#define SMSTOP_ZA	0xd503447f	/* smstop za */

/* Register 0 and base x0: OR in (base << 5) | register. */
#define LDR_Z		0x85804000	/* ldr z0, [x0] */
#define STR_Z		0xe5804000	/* str z0, [x0] */
#define LDR_P		0x85800000	/* ldr p0, [x0] */
#define STR_P		0xe5800000	/* str p0, [x0] */
#define LDR_Q		0x3dc00000	/* ldr q0, [x0] */
#define STR_Q		0x3d800000	/* str q0, [x0] */

/* A global function \name; endfunc \name gives it its size. */
.macro	func name
	.globl	\name
	.type	\name, %function
	.balign	4
\name:
.endm

.macro	endfunc name
	.size	\name, . - \name
.endm

/* x5 = \base + \off (x6 scratch): \off may be too large for an ADD. */
.macro	at base, off
	ldr	x6, =\off
	add	x5, \base, x6
.endm

/*
 * \op <register n>, [x5] for n = 0..\count - 1, x5 stepping by \step after
 * each: \op is one of the encodings above (register in bits 4:0, base
 * register in bits 9:5).
 */
.macro	smekvm_regs op, count, step
	.set	.Lsmekvm_reg, 0
	.rept	\count
	.inst	\op | (5 << 5) | .Lsmekvm_reg
	add	x5, x5, #\step
	.set	.Lsmekvm_reg, .Lsmekvm_reg + 1
	.endr
.endm

/* Z0-Z31 (\op LDR_Z or STR_Z), one Z slot each. */
.macro	zregs op
	smekvm_regs \op, 32, SMEKVM_GREGS_ZSLOT
.endm

/* Q0-Q31 (\op LDR_Q or STR_Q): V<n> is the low end of Z slot n. */
.macro	qregs op
	smekvm_regs \op, 32, SMEKVM_GREGS_ZSLOT
.endm

/* P0-P15 (\op LDR_P or STR_P), one P slot each. */
.macro	pregs op
	smekvm_regs \op, 16, SMEKVM_GREGS_PSLOT
.endm

/*
 * d8-d15 are callee-saved (AAPCS64), and SMSTART, SMSTOP, their SM forms
 * and an MSR SVCR that changes SM zero them with the rest of the Z
 * registers.  A function called from C that changes PSTATE.SM saves them
 * before entering streaming mode and restores them after leaving it: FP
 * instructions, so outside streaming mode.
 *
 * save_d8_d15 with no argument pushes a 64-byte frame of its own, which
 * restore_d8_d15 with no argument pops; with \off, they use the 64 bytes
 * at [sp, #\off] in the caller's own frame.
 */
.macro	save_d8_d15 off
	.ifb	\off
	stp	d8, d9, [sp, #-64]!
	stp	d10, d11, [sp, #16]
	stp	d12, d13, [sp, #32]
	stp	d14, d15, [sp, #48]
	.else
	stp	d8, d9, [sp, #(\off)]
	stp	d10, d11, [sp, #(\off + 16)]
	stp	d12, d13, [sp, #(\off + 32)]
	stp	d14, d15, [sp, #(\off + 48)]
	.endif
.endm

.macro	restore_d8_d15 off
	.ifb	\off
	ldp	d10, d11, [sp, #16]
	ldp	d12, d13, [sp, #32]
	ldp	d14, d15, [sp, #48]
	ldp	d8, d9, [sp], #64
	.else
	ldp	d14, d15, [sp, #(\off + 48)]
	ldp	d12, d13, [sp, #(\off + 32)]
	ldp	d10, d11, [sp, #(\off + 16)]
	ldp	d8, d9, [sp, #(\off)]
	.endif
.endm

#endif /* SMEKVM_SME_ASM_H */
