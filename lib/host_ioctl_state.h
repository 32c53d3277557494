/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * host_ioctl_state.h - an ioctl issued from assembly with a chosen
 * FP/SVE/SME state in the calling task's registers, and that state read
 * back right after it.
 *
 * For checking what KVM_RUN does to the task that calls it (abi-host-*):
 * compiled code between setting the registers and the syscall, or between
 * the syscall and reading them, could itself change them (memcpy uses the
 * vector registers), and could not run at all with PSTATE.SM=1.  Register
 * images use struct smekvm_gregs and the flags and control-register
 * indices of guest_code/sme_state_loop.h.
 */
#ifndef SMEKVM_HOST_IOCTL_STATE_H
#define SMEKVM_HOST_IOCTL_STATE_H

#include <linux/types.h>

#include "guest_code/sme_state_loop.h"

/* ctl[] of smekvm_host_ioctl_state(): values before, values after. */
#define SMEKVM_HCTL_IN(i)	(i)
#define SMEKVM_HCTL_OUT(i)	(SMEKVM_NR_CTL + (i))
#define SMEKVM_NR_HCTL		(2 * SMEKVM_NR_CTL)

/*
 * smekvm_host_ioctl_state() - ioctl(@fd, @req, 0) with state set up first
 * @in:		register values to load (@flags say which)
 * @out:	register values read after the ioctl (@flags say which)
 * @flags:	SMEKVM_SL_*: SM (SMSTART SM first), ZA (SMSTART ZA, @rows ZA
 *		rows), ZP (Z0-Z31 and P0-P15 at the current vector length),
 *		V, FFR, ZT0 to load; SME: the task has SME (TPIDR2_EL0 set
 *		and read, SVCR read)
 * @out_flags:	the registers to read back (ZP, V, FFR, ZA, ZT0), at
 *		the vector length after the call (SM is 0 then)
 * @rows:	ZA rows (the SVL in bytes)
 * @ctl:	SMEKVM_NR_HCTL words; in: FPSR, FPCR and TPIDR2_EL0 to set;
 *		out: FPSR, FPCR, TPIDR2_EL0 and SVCR read right after the
 *		syscall, before anything else
 *
 * If PSTATE.SM is still 1 after the syscall, streaming mode is left
 * (after SVCR was recorded) so that the stores are legal.  PSTATE.ZA is
 * left as it is (the caller ends it); FPCR gets its old value back; the
 * callee-saved registers of the procedure call standard are kept.
 *
 * Return: what the ioctl returned (a negative errno on failure).
 */
long smekvm_host_ioctl_state(int fd, unsigned long req,
			     const struct smekvm_gregs *in,
			     struct smekvm_gregs *out, __u64 flags,
			     __u64 out_flags, __u64 rows, __u64 *ctl);

#endif /* SMEKVM_HOST_IOCTL_STATE_H */
