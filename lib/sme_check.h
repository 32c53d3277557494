/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_check.h - compare a vcpu with the reference model (sme_model.h),
 * register by register, and name every difference.
 *
 * Values written by the tests are the patterns of sme_pattern.h, tagged
 * with smekvm_id_tag(register ID, step number): every byte depends on
 * the register ID, the byte's position and the step, so a wrong value
 * can be traced to the step (below 64) that wrote it ("Z3 holds the
 * value of step 1, expected zero").
 *
 * Also the comparisons that have no model behind them: one register with
 * the bytes a test expects (smekvm_reg_matches()), and a vcpu with the
 * state it was restored from (smekvm_check_saved(), sme_vmm.h).
 *
 * Needs the KVM selftests library.
 */
#ifndef SMEKVM_SME_CHECK_H
#define SMEKVM_SME_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

#include <kvm_util.h>

#include "sme_model.h"
#include "sme_vmm.h"

/* Bit (1 << enum smekvm_reg_class) per class to compare. */
#define SMEKVM_CHECK_CLASS(rc)	(1U << (rc))
#define SMEKVM_CHECK_ALL	(~0U)

struct smekvm_check {
	/* Prefix of every report, e.g. the case name. */
	const char *prefix;
	/* Print at most this many differences per call (0: no limit). */
	unsigned int max_reports;
	/* Accept any errno smekvm_model_access_errs() allows. */
	bool any_error_order;
	/* Counted over all calls. */
	unsigned int mismatches;
	unsigned int accesses;
};

/*
 * Read every register of the classes in @classes from @vcpu, compare
 * errnos and values (the whole payload, padding included) with @m, print
 * a line per difference (through ksft_print_msg) and return how many
 * there were.  Z, P, V: all 32/16 registers; ZA: every row that exists
 * and the first one that does not; FFR, ZT0, SVCR, FPSR, FPMR, the VLS
 * registers: the register.  @when says when the check runs ("after step
 * 3: SVCR SM=1,ZA=0").
 */
unsigned int smekvm_check_vcpu(struct smekvm_check *c, struct kvm_vcpu *vcpu,
			       const struct smekvm_model *m,
			       unsigned int classes, const char *when);

/* Compare one register; same reporting. */
unsigned int smekvm_check_reg(struct smekvm_check *c, struct kvm_vcpu *vcpu,
			      const struct smekvm_model *m, __u64 id,
			      const char *when);

/*
 * Write @buf to register @id of @vcpu and of @m; an errno other than the
 * model's (any it allows with @c->any_error_order) is reported as
 * "<when>: <register> write: <errno>, expected <errno>".  Returns 1 for
 * a difference, else 0.
 */
unsigned int smekvm_check_write(struct smekvm_check *c, struct kvm_vcpu *vcpu,
				struct smekvm_model *m, __u64 id,
				const void *buf, const char *when);

/*
 * Compare @vcpu with the saved state @st: every saved register (but the
 * counters, which move on) reads back as saved, and @vcpu lists the same
 * registers in the same order.  Reports each difference, returns how
 * many there were.
 */
unsigned int smekvm_check_saved(struct smekvm_check *c, struct kvm_vcpu *vcpu,
				const struct smekvm_vmm_state *st,
				const char *when);

/*
 * Whether register @id of @vcpu reads as @want, all KVM_REG_SIZE(@id)
 * bytes of it; the first @valid bytes are the register at the current
 * VL, the rest padding.  If not, what differs is written to @msg:
 * "reading Z3: ENOENT", "Z3 byte 5 is 0x12, expected 0x34" (with
 * " (padding)" past @valid).
 */
bool smekvm_reg_matches(struct kvm_vcpu *vcpu, __u64 id, const void *want,
			size_t valid, char *msg, size_t size);

#endif /* SMEKVM_SME_CHECK_H */
