/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_exit_loop.h - guest payload that exits to the host in a loop with a
 * chosen FP/SVE/SME state live.  See sme_exit_loop.S.
 */
#ifndef SMEKVM_SME_EXIT_LOOP_H
#define SMEKVM_SME_EXIT_LOOP_H

/* The state the loop keeps live, and what it touches after each entry. */
#define SMEKVM_LOOP_SM		(1 << 0)	/* SMSTART SM first */
#define SMEKVM_LOOP_ZA		(1 << 1)	/* SMSTART ZA first */
#define SMEKVM_LOOP_FP		(1 << 2)	/* touch V0 (FMOV) */
#define SMEKVM_LOOP_Z		(1 << 3)	/* touch Z0 (LDR) */
#define SMEKVM_LOOP_TZA		(1 << 4)	/* touch ZA (STR ZA row 0) */
#define SMEKVM_LOOP_TZT0	(1 << 5)	/* touch ZT0 (STR ZT0) */

#ifndef __ASSEMBLY__
#include <linux/types.h>

/*
 * Guest, with FP, SVE and SME enabled as @flags need: set up PSTATE.SM and
 * PSTATE.ZA as @flags say, then @n times touch the state @flags name and
 * store to @exit_addr (a page outside every memslot: an exit to
 * userspace); SMSTOP at the end if it started anything.  @buf is 256
 * bytes of scratch memory.
 */
void smekvm_exit_loop(__u64 *exit_addr, __u64 n, __u64 flags, void *buf);
#endif

#endif /* SMEKVM_SME_EXIT_LOOP_H */
