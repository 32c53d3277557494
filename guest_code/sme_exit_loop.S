/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_exit_loop.S - guest payload that exits to the host in a loop with a
 * chosen FP/SVE/SME state live (see sme_exit_loop.h).
 *
 * After every exit the next KVM_RUN enters with the guest's vector state
 * not loaded; touching each live class makes any lazy implementation load
 * it, and the next exit to userspace makes it save it again, so that the
 * load and save counters must move once per exit for each live class.
 * In assembly because the loop may run in streaming mode.
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
	.inst	0x9e670020			// fmov d0, x1
4:	tbz	x2, #3, 5f
	.inst	0x85804060			// ldr z0, [x3]
5:	tbz	x2, #4, 6f
	.inst	0xe1200060			// str za[w12, 0], [x3]
6:	tbz	x2, #5, 7f
	.inst	0xe13f8060			// str zt0, [x3]
7:	str	xzr, [x0]
	subs	x1, x1, #1
	b.ne	3b

8:	tst	x2, #(SMEKVM_LOOP_SM | SMEKVM_LOOP_ZA)
	b.eq	9f
	.inst	SMSTOP
9:	restore_d8_d15
	ret
endfunc smekvm_exit_loop
