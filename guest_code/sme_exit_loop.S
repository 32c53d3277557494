/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_exit_loop.S - guest payload that exits to the host in a loop with a
 * chosen FP/SVE/SME state live (see sme_exit_loop.h).
 *
 * After every exit the next KVM_RUN enters with the guest's vector state
 * not loaded; touching each live class makes any lazy implementation load
 * it, and the next exit to userspace makes it save it again, so that the
 * load and save counters must move once per exit for each live class.
 * In assembly because the loop may run in streaming mode; SVE and SME
 * instructions are the .inst encodings of sme_insn.h.
 *
 * Register use: x0 exit address, x1 count, x2 flags, x3 scratch buffer,
 * w12 ZA row index.
 */
#ifndef __ASSEMBLY__
#define __ASSEMBLY__
#endif
#include "sme_exit_loop.h"
#include "sme_asm.h"

	.text

func smekvm_exit_loop
	save_d8_d15				// SMSTART SM zeroes them
	mov	w12, #0
	tbz	x2, #0, 1f
	.inst	SMSTART_SM
1:	tbz	x2, #1, 2f
	.inst	SMSTART_ZA
2:	cbz	x1, 8f

3:	tbz	x2, #2, 4f
	fmov	d0, x1
4:	tbz	x2, #3, 5f
	.inst	LDR_Z | (3 << 5)		// ldr z0, [x3]
5:	tbz	x2, #4, 6f
	.inst	STR_ZA | (3 << 5)		// str za[w12, 0], [x3]
6:	tbz	x2, #5, 7f
	.inst	STR_ZT0 | (3 << 5)		// str zt0, [x3]
7:	str	xzr, [x0]
	subs	x1, x1, #1
	b.ne	3b

8:	tst	x2, #(SMEKVM_LOOP_SM | SMEKVM_LOOP_ZA)
	b.eq	9f
	.inst	SMSTOP
9:	restore_d8_d15
	ret
endfunc smekvm_exit_loop
