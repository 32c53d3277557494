/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_exit_roundtrip.h - guest payload that exits to the host in streaming
 * mode with ZA on.  See sme_exit_roundtrip.S.
 *
 * struct smekvm_gregs is the memory image the payload loads the registers
 * from and stores them to: every vector slot has room for the largest
 * vector length (2048 bits), ZA for the largest SVL.  Included by the
 * assembly too, so the layout is given as offsets.
 */
#ifndef SMEKVM_SME_EXIT_ROUNDTRIP_H
#define SMEKVM_SME_EXIT_ROUNDTRIP_H

#define SMEKVM_GREGS_ZSLOT	256	/* bytes per Z register or ZA row */
#define SMEKVM_GREGS_PSLOT	32	/* bytes per P register or FFR */
#define SMEKVM_GREGS_Z		0
#define SMEKVM_GREGS_P		(SMEKVM_GREGS_Z + 32 * SMEKVM_GREGS_ZSLOT)
#define SMEKVM_GREGS_FFR	(SMEKVM_GREGS_P + 16 * SMEKVM_GREGS_PSLOT)
#define SMEKVM_GREGS_ZA		(SMEKVM_GREGS_FFR + SMEKVM_GREGS_PSLOT)
#define SMEKVM_GREGS_ZT0	(SMEKVM_GREGS_ZA + 256 * SMEKVM_GREGS_ZSLOT)
#define SMEKVM_GREGS_SVCR	(SMEKVM_GREGS_ZT0 + 64)
#define SMEKVM_GREGS_SIZE	(SMEKVM_GREGS_SVCR + 8)

/* What the payload moves besides Z, P and ZA. */
#define SMEKVM_RT_FFR		(1 << 0)	/* streaming FFR (needs FA64) */
#define SMEKVM_RT_ZT0		(1 << 1)	/* ZT0 (needs SME2, EZT0) */

#ifndef __ASSEMBLY__
#include <linux/types.h>

struct smekvm_gregs {
	__u8 z[32][SMEKVM_GREGS_ZSLOT];
	__u8 p[16][SMEKVM_GREGS_PSLOT];
	__u8 ffr[SMEKVM_GREGS_PSLOT];
	__u8 za[256][SMEKVM_GREGS_ZSLOT];
	__u8 zt0[64];
	__u64 svcr;	/* SVCR as the guest read it after the exit */
};

_Static_assert(__builtin_offsetof(struct smekvm_gregs, p) == SMEKVM_GREGS_P,
	       "P offset");
_Static_assert(__builtin_offsetof(struct smekvm_gregs, ffr) ==
	       SMEKVM_GREGS_FFR, "FFR offset");
_Static_assert(__builtin_offsetof(struct smekvm_gregs, za) == SMEKVM_GREGS_ZA,
	       "ZA offset");
_Static_assert(__builtin_offsetof(struct smekvm_gregs, zt0) ==
	       SMEKVM_GREGS_ZT0, "ZT0 offset");
_Static_assert(__builtin_offsetof(struct smekvm_gregs, svcr) ==
	       SMEKVM_GREGS_SVCR, "SVCR offset");

/*
 * Guest, with SME enabled in CPACR_EL1 and SMCR_EL1 set up: SMSTART, load
 * Z0-Z31, P0-P15, FFR and ZT0 (as @flags say) and @rows ZA rows from @in,
 * store to @exit_addr (a page outside every memslot, so the vcpu exits to
 * userspace while PSTATE.SM and PSTATE.ZA are 1), then store the registers
 * and SVCR to @out, SMSTOP and return.  No compiled code runs in between.
 * Clobbers D8-D15: call it only from SMEKVM_GUEST_NOFP functions
 * (guest_nofp.h).
 */
void smekvm_exit_roundtrip(const struct smekvm_gregs *in,
			   struct smekvm_gregs *out, __u64 *exit_addr,
			   __u64 flags, __u64 rows);

/* Guest: RDSVL, the current streaming vector length in bytes. */
__u64 smekvm_guest_rdsvl(void);
#endif /* !__ASSEMBLY__ */

#endif /* SMEKVM_SME_EXIT_ROUNDTRIP_H */
