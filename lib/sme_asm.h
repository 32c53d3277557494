/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_asm.h - what the suite's assembly files share: the SME and SVE
 * encodings (sme_insn.h), function and register-image macros, and the
 * save and restore of d8-d15 around streaming mode.  For .S files only
 * (the macros are GNU as macros); C uses sme_insn.h directly.
 *
 * The register macros move registers to or from a struct smekvm_gregs
 * image (guest_code/sme_exit_roundtrip.h) through x5: the walkers (zregs,
 * qregs, pregs, ffrreg, zarows, zt0reg) start at x5 and, where they move
 * more than one register, leave x5 past what they moved.  The sl_* pieces
 * do nothing unless their SMEKVM_SL_* flag (guest_code/sme_state_loop.h)
 * is set, and then point x5 at their part of the image (x6 scratch) and
 * walk it.
 */
#ifndef SMEKVM_SME_ASM_H
#define SMEKVM_SME_ASM_H

#ifndef __ASSEMBLER__
#error "sme_asm.h is for assembly (.S) files only"
#endif
#ifndef __ASSEMBLY__
#define __ASSEMBLY__
#endif

#include "sme_insn.h"
#include "guest_code/sme_exit_roundtrip.h"
#include "guest_code/sme_state_loop.h"

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
 * each: \op is one of the encodings of sme_insn.h with the register in
 * bits 4:0 and the base register in bits 9:5.
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
 * FFR through P0 (\op LDR_P: load, STR_P: store), at [x5] or [x\base];
 * x5 does not move.  Loads go before the P loads (they overwrite P0),
 * stores after the P stores.
 */
.macro	ffrreg op, base=5
	.if	(\op) == LDR_P
	.inst	LDR_P | (\base << 5)		// ldr p0, [x\base]
	.inst	WRFFR				// wrffr p0.b
	.else
	.inst	RDFFR				// rdffr p0.b
	.inst	STR_P | (\base << 5)		// str p0, [x\base]
	.endif
.endm

/* ZA rows 0 to x4 - 1 (\op LDR_ZA or STR_ZA), one Z slot each; w12 the row. */
.macro	zarows op
	mov	w12, #0
.Lzarows_next\@:
	cmp	x12, x4
	b.hs	.Lzarows_done\@
	.inst	\op | (5 << 5)			// ldr/str za[w12, 0], [x5]
	add	x5, x5, #SMEKVM_GREGS_ZSLOT
	add	w12, w12, #1
	b	.Lzarows_next\@
.Lzarows_done\@:
.endm

/* ZT0 (\op LDR_ZT0 or STR_ZT0); x5 does not move. */
.macro	zt0reg op
	.inst	\op | (5 << 5)			// ldr/str zt0, [x5]
.endm

/*
 * Pieces of an image as the SMEKVM_SL_* flags select them: if bit \bit
 * of \flags is set, x5 = \img + \off and then \walk (a walker above with
 * its operand); else nothing.
 */
.macro	sl_piece flags, bit, img, off, walk:vararg
	tbz	\flags, #\bit, .Lsl_piece_skip\@
	at	\img, \off
	\walk
.Lsl_piece_skip\@:
.endm

/* Z0-Z31 if SMEKVM_SL_ZP. */
.macro	sl_zregs op, flags, img
	sl_piece \flags, SMEKVM_SL_ZP_BIT, \img, SMEKVM_GREGS_Z, zregs \op
.endm

/* Q0-Q31 if SMEKVM_SL_V. */
.macro	sl_qregs op, flags, img
	sl_piece \flags, SMEKVM_SL_V_BIT, \img, SMEKVM_GREGS_Z, qregs \op
.endm

/* P0-P15 if SMEKVM_SL_ZP. */
.macro	sl_pregs op, flags, img
	sl_piece \flags, SMEKVM_SL_ZP_BIT, \img, SMEKVM_GREGS_P, pregs \op
.endm

/* FFR if SMEKVM_SL_FFR (\op LDR_P or STR_P, as for ffrreg). */
.macro	sl_ffr op, flags, img
	sl_piece \flags, SMEKVM_SL_FFR_BIT, \img, SMEKVM_GREGS_FFR, ffrreg \op
.endm

/* ZA rows 0 to x4 - 1 if SMEKVM_SL_ZA. */
.macro	sl_zarows op, flags, img
	sl_piece \flags, SMEKVM_SL_ZA_BIT, \img, SMEKVM_GREGS_ZA, zarows \op
.endm

/* ZT0 if SMEKVM_SL_ZT0. */
.macro	sl_zt0 op, flags, img
	sl_piece \flags, SMEKVM_SL_ZT0_BIT, \img, SMEKVM_GREGS_ZT0, zt0reg \op
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
