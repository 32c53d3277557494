/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_state_loop.h - guest payloads that hold a chosen FP/SVE/SME state
 * live across exits, and that read a fresh vcpu's registers before
 * anything writes them.  See sme_state_loop.S.
 *
 * Both use the memory image of struct smekvm_gregs
 * (sme_exit_roundtrip.h); V registers (SMEKVM_SL_V) use the first 16
 * bytes of the Z slots.
 */
#ifndef SMEKVM_SME_STATE_LOOP_H
#define SMEKVM_SME_STATE_LOOP_H

#include <linux/const.h>

#include "sme_exit_roundtrip.h"

/* What smekvm_state_loop() sets up, loads and stores. */
#define SMEKVM_SL_SM_BIT	0	/* SMSTART SM: Z/P/FFR are streaming */
#define SMEKVM_SL_ZA_BIT	1	/* SMSTART ZA, ZA rows */
#define SMEKVM_SL_ZP_BIT	2	/* Z0-Z31, P0-P15 at the current VL */
#define SMEKVM_SL_V_BIT		3	/* V0-V31 (Q registers) */
#define SMEKVM_SL_FFR_BIT	4	/* FFR (SVE with SM=0, FA64 with SM=1) */
#define SMEKVM_SL_ZT0_BIT	5	/* ZT0 (SME2, EZT0 set) */
#define SMEKVM_SL_SME_BIT	6	/* SME exists: read SVCR, SMSTOP */
#define SMEKVM_SL_FPMR_BIT	7	/* FPMR exists (FEAT_FPMR) */

#define SMEKVM_SL_SM		_BITUL(SMEKVM_SL_SM_BIT)
#define SMEKVM_SL_ZA		_BITUL(SMEKVM_SL_ZA_BIT)
#define SMEKVM_SL_ZP		_BITUL(SMEKVM_SL_ZP_BIT)
#define SMEKVM_SL_V		_BITUL(SMEKVM_SL_V_BIT)
#define SMEKVM_SL_FFR		_BITUL(SMEKVM_SL_FFR_BIT)
#define SMEKVM_SL_ZT0		_BITUL(SMEKVM_SL_ZT0_BIT)
#define SMEKVM_SL_SME		_BITUL(SMEKVM_SL_SME_BIT)
#define SMEKVM_SL_FPMR		_BITUL(SMEKVM_SL_FPMR_BIT)

/* Control registers smekvm_fresh_entry() reads, by index. */
#define SMEKVM_CTL_FPSR		0
#define SMEKVM_CTL_FPCR		1
#define SMEKVM_CTL_FPMR		2
#define SMEKVM_CTL_TPIDR2	3
#define SMEKVM_CTL_SMCR		4
#define SMEKVM_CTL_SVCR		5
#define SMEKVM_NR_CTL		6

#ifndef __ASSEMBLY__
#include <linux/types.h>

/*
 * Guest, with FP/SVE/SME enabled in CPACR_EL1 and SMCR_EL1 (and ZCR_EL1)
 * set up: SMSTART SM and/or ZA as @flags say, load the registers @flags
 * name from @in (@rows ZA rows), then @nexits times spin @spin loop
 * iterations, store to @exit_addr (a page outside every memslot: an
 * exit to userspace with that state live) and touch Z0 or V0 (so that a
 * lazy hypervisor loads the state again and saves it at the next exit),
 * then store the registers to
 * @out (and SVCR, with SMEKVM_SL_SME) and SMSTOP.  No compiled code runs
 * in between.
 */
void smekvm_state_loop(const struct smekvm_gregs *in, struct smekvm_gregs *out,
		       __u64 *exit_addr, __u64 flags, __u64 rows,
		       __u64 nexits, __u64 spin);

/*
 * Guest entry point (the vcpu's PC): enable FP, SVE and SME in CPACR_EL1,
 * read the control registers of SMEKVM_CTL_* that exist (@flags: SME,
 * FPMR) into @ctl, then, with SMEKVM_SL_ZP, set ZCR_EL1.LEN to the maximum
 * and store Z0-Z31, P0-P15 and FFR to @out, and V0-V31 in any case, all
 * before writing any of them; then branch to @cont(@arg), which must not
 * return.  SVCR is not touched: non-streaming state is what it reads.
 */
void smekvm_fresh_entry(struct smekvm_gregs *out, __u64 *ctl, __u64 flags,
			void (*cont)(void *arg), void *arg);

/* Guest: RDVL, the current (non-streaming) SVE vector length in bytes. */
__u64 smekvm_guest_rdvl(void);
#endif /* !__ASSEMBLY__ */

#endif /* SMEKVM_SME_STATE_LOOP_H */
