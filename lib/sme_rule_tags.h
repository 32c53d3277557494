/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_rule_tags.h - the rules of doc/abi.md behind a prediction of the
 * reference model, so that a check can name the rules it exercises and a
 * program can count how often its checks exercised each.
 *
 * The model (sme_model.h, sme_model_sys.h) predicts what a call gives;
 * this file says which rules decide that prediction: the error rows of a
 * ONE_REG access (abi-onereg-*), the view that lets it through
 * (abi-view-*, abi-payload-*), an SVCR write's effects (abi-svcr-*), a
 * VLS set (abi-vls-*), the SME system registers (abi-sysreg-*,
 * abi-smcr-*, abi-smpri-*, abi-smidr-*).  A failing check then names its
 * rules, and a run can say how many rules it exercised ("N of M rules
 * exercised"; M counts the rules of the table, not all of doc/abi.md).
 *
 * smekvm_tag_rule[] is the one table of the tags: a rule ID of
 * doc/abi.md for each enumerator, added to (never renumbered) as checks
 * need more.  rules.list names the cases that use it on these rules.
 */
#ifndef SMEKVM_SME_RULE_TAGS_H
#define SMEKVM_SME_RULE_TAGS_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

#include "sme_model.h"
#include "sme_model_sys.h"

enum smekvm_rule_tag {
	SMEKVM_TAG_CAP_GATES_INIT,
	SMEKVM_TAG_CAP_VEC_ALIAS,
	SMEKVM_TAG_INIT_UNKNOWN_BIT,
	SMEKVM_TAG_INIT_SVE_OPTIONAL,
	SMEKVM_TAG_INIT_EL1_32BIT,
	SMEKVM_TAG_NV_EL2_INIT,
	SMEKVM_TAG_RESET_SVCR,
	SMEKVM_TAG_RESET_VECTOR,
	SMEKVM_TAG_RESET_SMCR,
	SMEKVM_TAG_VLS_FORMAT,
	SMEKVM_TAG_VLS_RANGE,
	SMEKVM_TAG_VLS_INIT_OFFERED,
	SMEKVM_TAG_VLS_TRUNCATE_OK,
	SMEKVM_TAG_VLS_EMPTY,
	SMEKVM_TAG_VLS_ABOVE_MAX,
	SMEKVM_TAG_VLS_HOLE,
	SMEKVM_TAG_VLS_UNOFFERED,
	SMEKVM_TAG_VLS_REFUSED_UNCHANGED,
	SMEKVM_TAG_VLS_FINAL_EPERM,
	SMEKVM_TAG_VLS_INDEPENDENT,
	SMEKVM_TAG_VLS_DISJOINT_OK,
	SMEKVM_TAG_FINAL_BOTH,
	SMEKVM_TAG_FINAL_NO_VEC_FAILS,
	SMEKVM_TAG_FINAL_NO_VEC_EINVAL,
	SMEKVM_TAG_FINAL_UNKNOWN,
	SMEKVM_TAG_FINAL_TWICE,
	SMEKVM_TAG_FINAL_REGLIST,
	SMEKVM_TAG_FINAL_REGLIST_EPERM,
	SMEKVM_TAG_REGID_SME_GROUP,
	SMEKVM_TAG_REGID_ZA_ROW,
	SMEKVM_TAG_REGID_ZT0,
	SMEKVM_TAG_REGID_SME_VLS,
	SMEKVM_TAG_REGID_SIZE_DECODED,
	SMEKVM_TAG_REGID_STREAMING_ZP,
	SMEKVM_TAG_REGID_SYSREGS,
	SMEKVM_TAG_PAYLOAD_ZA_ROW,
	SMEKVM_TAG_PAYLOAD_ZA_PAD,
	SMEKVM_TAG_PAYLOAD_ZA_TRUNCATE,
	SMEKVM_TAG_PAYLOAD_ZP_PAD,
	SMEKVM_TAG_PAYLOAD_ZT0,
	SMEKVM_TAG_VIEW_LIVE_SVCR,
	SMEKVM_TAG_VIEW_ZP_VL,
	SMEKVM_TAG_VIEW_VREG_SVE,
	SMEKVM_TAG_VIEW_VREG_STREAMING,
	SMEKVM_TAG_VIEW_VREG_SME_ONLY,
	SMEKVM_TAG_VIEW_ZP_SME_ONLY,
	SMEKVM_TAG_VIEW_FFR_NONSTREAMING,
	SMEKVM_TAG_VIEW_FFR_STREAMING,
	SMEKVM_TAG_VIEW_ZT0_SME2,
	SMEKVM_TAG_VIEW_ZA_NEEDS_ZA,
	SMEKVM_TAG_VIEW_ZA_ROWS,
	SMEKVM_TAG_ONEREG_REJECT,
	SMEKVM_TAG_ENOENT_UNKNOWN,
	SMEKVM_TAG_ENOENT_SIZE,
	SMEKVM_TAG_ENOENT_SLICE,
	SMEKVM_TAG_ENOENT_NO_SME,
	SMEKVM_TAG_ENOENT_ZT0,
	SMEKVM_TAG_ENOENT_FFR,
	SMEKVM_TAG_ENOENT_ZP_SME_ONLY,
	SMEKVM_TAG_SVE_GROUP_SME,
	SMEKVM_TAG_SVE_GROUP_NOSME,
	SMEKVM_TAG_EINVAL_ZA_ROW,
	SMEKVM_TAG_EINVAL_VREG,
	SMEKVM_TAG_EBUSY_ZA,
	SMEKVM_TAG_EPERM_UNFINALIZED,
	SMEKVM_TAG_EFAULT,
	SMEKVM_TAG_ONEREG_ORDER,
	SMEKVM_TAG_ONEREG_UNCHANGED,
	SMEKVM_TAG_SVCR_RES0,
	SMEKVM_TAG_SVCR_RES0_UNCHANGED,
	SMEKVM_TAG_SVCR_BEFORE_FINAL,
	SMEKVM_TAG_SVCR_SM_ZEROES,
	SMEKVM_TAG_SVCR_SM_FPSR,
	SMEKVM_TAG_SVCR_SM_FPMR,
	SMEKVM_TAG_SVCR_SM_KEEPS_ZA,
	SMEKVM_TAG_SVCR_ZA_ON_ZEROES,
	SMEKVM_TAG_SVCR_ZA_KEEPS_VECTOR,
	SMEKVM_TAG_SVCR_NOCHANGE,
	SMEKVM_TAG_REGLIST_ACCESSIBLE,
	SMEKVM_TAG_REGLIST_LISTED,
	SMEKVM_TAG_REGLIST_SVCR_FIRST,
	SMEKVM_TAG_REGLIST_ORDER,
	SMEKVM_TAG_SYSREG_SVCR,
	SMEKVM_TAG_SYSREG_SMCR,
	SMEKVM_TAG_SYSREG_TPIDR2,
	SMEKVM_TAG_SYSREG_SMPRI,
	SMEKVM_TAG_SYSREG_SMIDR,
	SMEKVM_TAG_SYSREG_ABSENT,
	SMEKVM_TAG_SMCR_USER_MASK,
	SMEKVM_TAG_SMCR_READ_MASK,
	SMEKVM_TAG_SMPRI_ZERO,
	SMEKVM_TAG_SMPRI_NONZERO,
	SMEKVM_TAG_SMIDR_VALUE,
	SMEKVM_TAG_SMIDR_WRITE,
	SMEKVM_TAG_IDREG_ABOVE_HOST,
	SMEKVM_TAG_IDREG_SME2_TO_1,
	SMEKVM_TAG_IDREG_SME_ZERO,
	SMEKVM_TAG_IDREG_SMFR0_VALUES,
	SMEKVM_TAG_IDREG_REFUSED,
	SMEKVM_TAG_IDREG_FA64_CLEAR,
	SMEKVM_TAG_IDREG_NOSME_ZERO,
	SMEKVM_TAG_IDREG_WRITABLE_MASKS,
	SMEKVM_TAG_ISO_VCPUS,
	SMEKVM_TAG_FINAL_RUN_EPERM,
	SMEKVM_TAG_RT_ONEREG_LIVE,
	SMEKVM_TAG_RT_PRESERVE,
	SMEKVM_TAG_HOST_TPIDR2_KEPT,
	SMEKVM_TAG_HOST_NO_GUEST_STATE,
	SMEKVM_NR_TAGS
};

/* The rule ID of each tag, "abi-..." */
extern const char * const smekvm_tag_rule[SMEKVM_NR_TAGS];

#define SMEKVM_TAG_WORDS	((SMEKVM_NR_TAGS + 63) / 64)

/* A set of rules */
struct smekvm_tags {
	__u64 w[SMEKVM_TAG_WORDS];
};

static inline void smekvm_tags_add(struct smekvm_tags *t,
				   enum smekvm_rule_tag r)
{
	t->w[r / 64] |= 1ULL << (r % 64);
}

static inline bool smekvm_tags_has(const struct smekvm_tags *t,
				   enum smekvm_rule_tag r)
{
	return t->w[r / 64] & (1ULL << (r % 64));
}

/* Add @yes when @cond holds, else @no. */
static inline void smekvm_tags_either(struct smekvm_tags *t, bool cond,
				      enum smekvm_rule_tag yes,
				      enum smekvm_rule_tag no)
{
	smekvm_tags_add(t, cond ? yes : no);
}

/* Whether @a and @b share a rule. */
bool smekvm_tags_meet(const struct smekvm_tags *a, const struct smekvm_tags *b);

/* The rule IDs of @t, " abi-x abi-y" (" none" for none), into @buf. */
const char *smekvm_tags_str(const struct smekvm_tags *t, char *buf,
			    size_t size);

/*
 * The rules that decide a ONE_REG access of @id (@set: a write) of a
 * vcpu in the state of @m, to which the model's error rows @rows
 * (SMEKVM_ROW_*, smekvm_model_access_rows()) apply; for IDs of the state
 * model (sme_model.h).
 */
void smekvm_tags_access(struct smekvm_tags *t, const struct smekvm_model *m,
			__u64 id, bool set, unsigned int rows);

/*
 * The rules of an access of an SME system register (smekvm_model_sysreg_is())
 * of a vcpu (@m, @v); @val: the value written.
 */
void smekvm_tags_sysreg(struct smekvm_tags *t, const struct smekvm_model *m,
			const struct smekvm_model_vcpu *v, __u64 id, bool set,
			__u64 val);

/* The rules of an SVCR write from @from to @to, refused or not. */
void smekvm_tags_svcr(struct smekvm_tags *t, const struct smekvm_model *m,
		      __u64 from, __u64 to);

/*
 * The rules of writing the VQ set @set (bit VQ - 1) to a VLS register
 * whose host offers @offered; @sme: SME_VLS.
 */
void smekvm_tags_vls(struct smekvm_tags *t, __u32 offered, __u32 set,
		     bool sme);

/* Coverage: @counts (SMEKVM_NR_TAGS of them) counts a check of @t. */
void smekvm_tags_count(unsigned long *counts, const struct smekvm_tags *t);

/*
 * "<what>: N of M rules exercised", and with @list the rules exercised
 * (with their counts) and those not, as KTAP diagnostic lines.
 */
void smekvm_tags_print_coverage(const char *what, const unsigned long *counts,
				bool list);

#endif /* SMEKVM_SME_RULE_TAGS_H */
