/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_exit_roundtrip.S - guest payload that exits to the host in streaming
 * mode with ZA on, and back.
 *
 * Everything between SMSTART and SMSTOP is here, in assembly: compiled
 * code may use instructions that are illegal in streaming mode.  The exit
 * itself is a plain store of XZR, legal in streaming mode, to a page that
 * no memslot backs: KVM_RUN returns KVM_EXIT_MMIO with the vcpu's live
 * streaming Z/P/FFR, ZA and ZT0, and the next KVM_RUN resumes here.
 *
 * SVE and SME instructions are .inst encodings with their mnemonic in a
 * comment, so that any assembler builds this.
 *
 * Register use: x0 in, x1 out, x2 exit address, x3 flags, x4 rows;
 * x5 walks the buffer, x6 scratch, x7 start of ZA in the buffer, w12 row.
 */
#ifndef __ASSEMBLY__
#define __ASSEMBLY__
#endif
#include "sme_exit_roundtrip.h"

	.text

/* LDR/STR Z<n>, [x5] and step x5 to the next slot, for n = 0..31. */
.macro	zregs op
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	.inst	\op | (5 << 5) | \n
	add	x5, x5, #SMEKVM_GREGS_ZSLOT
	.endr
.endm

/* LDR/STR P<n>, [x5] and step, for n = 0..15. */
.macro	pregs op
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	.inst	\op | (5 << 5) | \n
	add	x5, x5, #SMEKVM_GREGS_PSLOT
	.endr
.endm

#define LDR_Z	0x85804000	/* ldr z<n>, [x<m>] */
#define STR_Z	0xe5804000	/* str z<n>, [x<m>] */
#define LDR_P	0x85800000	/* ldr p<n>, [x<m>] */
#define STR_P	0xe5800000	/* str p<n>, [x<m>] */

	.globl	smekvm_exit_roundtrip
	.type	smekvm_exit_roundtrip, %function
	.balign	4
smekvm_exit_roundtrip:
	/*
	 * d8-d15 are callee-saved (AAPCS64), and SMSTART and SMSTOP zero
	 * them with the rest of the vector registers: keep them on the stack,
	 * with FP instructions, so outside streaming mode.
	 */
	stp	d8, d9, [sp, #-64]!
	stp	d10, d11, [sp, #16]
	stp	d12, d13, [sp, #32]
	stp	d14, d15, [sp, #48]
	.inst	0xd503477f			// smstart

	mov	x5, x0
	zregs	LDR_Z
	/* FFR first, through P0, which the P loads then overwrite. */
	tbz	x3, #0, 1f
	add	x6, x5, #(SMEKVM_GREGS_FFR - SMEKVM_GREGS_P)
	.inst	0x858000c0			// ldr p0, [x6]
	.inst	0x25289000			// wrffr p0.b
1:	pregs	LDR_P
	add	x5, x5, #SMEKVM_GREGS_PSLOT	// past FFR: ZA
	mov	x7, x5
	mov	w12, #0
2:	cmp	x12, x4
	b.hs	3f
	.inst	0xe10000a0			// ldr za[w12, 0], [x5]
	add	x5, x5, #SMEKVM_GREGS_ZSLOT
	add	w12, w12, #1
	b	2b
3:	add	x5, x7, #(256 * SMEKVM_GREGS_ZSLOT)
	tbz	x3, #1, 4f
	.inst	0xe11f80a0			// ldr zt0, [x5]

	/* The exit: KVM_EXIT_MMIO with SM and ZA on. */
4:	str	xzr, [x2]

	mov	x5, x1
	zregs	STR_Z
	pregs	STR_P
	tbz	x3, #0, 5f
	.inst	0x2519f000			// rdffr p0.b
	.inst	0xe58000a0			// str p0, [x5]
5:	add	x5, x5, #SMEKVM_GREGS_PSLOT
	mov	x7, x5
	mov	w12, #0
6:	cmp	x12, x4
	b.hs	7f
	.inst	0xe12000a0			// str za[w12, 0], [x5]
	add	x5, x5, #SMEKVM_GREGS_ZSLOT
	add	w12, w12, #1
	b	6b
7:	add	x5, x7, #(256 * SMEKVM_GREGS_ZSLOT)
	tbz	x3, #1, 8f
	.inst	0xe13f80a0			// str zt0, [x5]
8:	mrs	x6, s3_3_c4_c2_2		// svcr
	str	x6, [x5, #(SMEKVM_GREGS_SVCR - SMEKVM_GREGS_ZT0)]

	.inst	0xd503467f			// smstop
	ldp	d10, d11, [sp, #16]
	ldp	d12, d13, [sp, #32]
	ldp	d14, d15, [sp, #48]
	ldp	d8, d9, [sp], #64
	ret
	.size	smekvm_exit_roundtrip, . - smekvm_exit_roundtrip

	.globl	smekvm_guest_rdsvl
	.type	smekvm_guest_rdsvl, %function
	.balign	4
smekvm_guest_rdsvl:
	.inst	0x04bf5820			// rdsvl x0, #1
	ret
	.size	smekvm_guest_rdsvl, . - smekvm_guest_rdsvl
