/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fp_own.h - the FP-ownership states a guest instruction can meet.
 *
 * A lazy FP/SIMD/SVE/SME implementation decides what traps in more than
 * one place: when the guest's registers are not loaded, the first
 * FP-class access traps and the code that loads them sets the traps;
 * once they are the guest's, the entry code sets them.  Every check of
 * what an instruction does (UNDEF, trap, or executes) therefore runs in
 * each of these states, one table for every program:
 *
 *   first        the check is the first FP-class access after an entry:
 *                it follows an exit to userspace (where KVM saved and
 *                unbound the guest's registers) with no FP use between
 *   fp           the guest wrote FP registers in the same entry
 *   sve          the guest executed an SVE instruction in the same entry
 *                (vcpus with SVE)
 *   streaming    SMSTART SM in the same entry (vcpus with SME)
 *   za           SMSTART ZA in the same entry (vcpus with SME)
 *   kernel_exit  fp, then an exit KVM handles without userspace
 *                (SMCCC_VERSION): the registers stay the guest's
 *   reentry      fp, then an exit to userspace, nothing there, re-entry
 *   host_fp      fp, then an exit to userspace in which the host task
 *                uses FP, SVE and ZA, re-entry
 *   migrated     fp, then an exit to userspace, the vcpu thread moves to
 *                another CPU, re-entry
 *
 * Host modes (VHE, nVHE, protected, nested) are those of the
 * configuration the program runs in.
 *
 * The guest side runs a case as: smekvm_fp_own_enter() (preparation and
 * exit), the instruction under test, smekvm_fp_own_leave() (check of
 * what the preparation wrote, then SMSTOP where it entered streaming mode
 * or ZA).  The host side handles the exit with smekvm_fp_own_exit() and
 * judges the case with smekvm_fp_own_check(): the guest's D15 and FPCR
 * kept their pattern across the instruction and the exit, SMCCC_VERSION
 * answered, and the host task's own ZA row survived.
 *
 * A fresh VM maps its memory on demand: each first touch of a guest page
 * is a stage-2 fault, an exit in which the vcpu thread may sleep and KVM
 * then unbinds the guest's FP registers, which would change the state
 * between the preparation and the instruction.  So a program runs its
 * cases twice: once unreported (every page they touch gets mapped), then
 * smekvm_fp_own_warmed() (an exit to userspace), then again, reported.
 */
#ifndef SMEKVM_FP_OWN_H
#define SMEKVM_FP_OWN_H

#include <stdbool.h>
#include <linux/types.h>

#include <ucall_common.h>

#include "guest_code/fp_own_prep.h"

enum smekvm_fp_own_id {
	SMEKVM_OWN_FIRST,
	SMEKVM_OWN_FP,
	SMEKVM_OWN_SVE,
	SMEKVM_OWN_STREAMING,
	SMEKVM_OWN_ZA,
	SMEKVM_OWN_KERNEL_EXIT,
	SMEKVM_OWN_REENTRY,
	SMEKVM_OWN_HOST_FP,
	SMEKVM_OWN_MIGRATED,
	SMEKVM_NR_OWN
};

/* What the host does at the exit of a state. */
enum smekvm_fp_own_host {
	SMEKVM_OWN_HOST_NONE,
	SMEKVM_OWN_HOST_USE_FP,		/* FP, SVE, ZA in the host task */
	SMEKVM_OWN_HOST_MOVE,		/* the vcpu thread to another CPU */
};

struct smekvm_fp_own {
	const char *name;
	bool need_sve, need_sme;	/* what the vcpu must have */
	/* Guest side. */
	__u64 (*prep)(__u64 pattern);	/* guest_code/fp_own_prep.S */
	bool exit;			/* then an exit to userspace */
	bool wrote;			/* prep wrote the pattern: verify it */
	bool smstop;			/* SMSTOP after the check */
	/* Host side, at the exit. */
	enum smekvm_fp_own_host host;
};

extern const struct smekvm_fp_own smekvm_fp_own[SMEKVM_NR_OWN];

/* Whether state @s exists for a vcpu with (@sve, @sme). */
bool smekvm_fp_own_applies(unsigned int s, bool sve, bool sme);

/* Why this host cannot run state @s (a skip reason), or NULL. */
const char *smekvm_fp_own_host_lacks(unsigned int s);

/* The pattern of case @i (never 0). */
static inline __u64 smekvm_fp_own_pattern(unsigned int i)
{
	return 0x5eed0f9a00000000ULL | ((__u64)i << 8) | 0xa5;
}

/*
 * Guest, from SMEKVM_GUEST_NOFP code only: the preparation of state @s
 * (and its exit); returns what the preparation returned (kernel_exit:
 * the SMCCC version).
 */
__u64 smekvm_fp_own_enter(unsigned int s, __u64 pattern);

/* Guest, after the check: SMEKVM_FP_OWN_BAD_* (0 if nothing to verify). */
__u64 smekvm_fp_own_leave(unsigned int s, __u64 pattern);

/* Guest: the unreported pass over the cases is done (see above). */
void smekvm_fp_own_warmed(void);

/*
 * Host: if @uc is the exit of smekvm_fp_own_enter(), take the state's
 * host action and return true (the caller runs the vcpu again); the same
 * for smekvm_fp_own_warmed(), without an action.
 */
bool smekvm_fp_own_exit(struct ucall *uc);

/*
 * Host, when the guest reports case @name of state @s: whether the
 * guest's @bad (smekvm_fp_own_leave()) and @prep (smekvm_fp_own_enter())
 * and the host task's own state are as they must be; prints what differs.
 * @zeroes: the instruction under test may change PSTATE.SM, which zeroes
 * D15 (only FPCR must then survive).
 */
bool smekvm_fp_own_check(const char *name, unsigned int s, __u64 bad,
			 __u64 prep, bool zeroes);

#endif /* SMEKVM_FP_OWN_H */
