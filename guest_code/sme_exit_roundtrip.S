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
 * SVE and SME instructions are the .inst encodings of sme_insn.h, moved
 * through the register-image macros of sme_asm.h, so that any assembler
 * builds this.
 *
 * Register use: x0 in, x1 out, x2 exit address, x3 flags, x4 rows;
 * x5 walks the buffer, x6 scratch, x7 start of ZA in the buffer, w12 row.
 */
#ifndef __ASSEMBLY__
#define __ASSEMBLY__
#endif
#include "sme_exit_roundtrip.h"
#include "sme_asm.h"

	.text

func smekvm_exit_roundtrip
	save_d8_d15				// SMSTART zeroes them
	.inst	SMSTART

	mov	x5, x0
	zregs	LDR_Z
	/* FFR first, through P0, which the P loads then overwrite. */
	tbz	x3, #0, 1f
	add	x6, x5, #(SMEKVM_GREGS_FFR - SMEKVM_GREGS_P)
	ffrreg	LDR_P, 6			// from [x6]
1:	pregs	LDR_P
	add	x5, x5, #SMEKVM_GREGS_PSLOT	// past FFR: ZA
	mov	x7, x5
	zarows	LDR_ZA
	add	x5, x7, #(256 * SMEKVM_GREGS_ZSLOT)
	tbz	x3, #1, 4f
	zt0reg	LDR_ZT0

	/* The exit: KVM_EXIT_MMIO with SM and ZA on. */
4:	str	xzr, [x2]

	mov	x5, x1
	zregs	STR_Z
	pregs	STR_P
	tbz	x3, #0, 5f
	ffrreg	STR_P
5:	add	x5, x5, #SMEKVM_GREGS_PSLOT
	mov	x7, x5
	zarows	STR_ZA
	add	x5, x7, #(256 * SMEKVM_GREGS_ZSLOT)
	tbz	x3, #1, 8f
	zt0reg	STR_ZT0
8:	mrs	x6, s3_3_c4_c2_2		// svcr
	str	x6, [x5, #(SMEKVM_GREGS_SVCR - SMEKVM_GREGS_ZT0)]

	.inst	SMSTOP
	restore_d8_d15
	ret
endfunc smekvm_exit_roundtrip

func smekvm_guest_rdsvl
	.inst	RDSVL				// rdsvl x0, #1
	ret
endfunc smekvm_guest_rdsvl
