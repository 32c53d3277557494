// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_rule_tags.c - the rules of doc/abi.md behind the model's
 * predictions, and how often checks exercised them (see sme_rule_tags.h).
 */
#include <stdio.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/kvm.h>

#include "kselftest.h"
#include "sme_rule_tags.h"
#include "sme_uapi.h"

const char * const smekvm_tag_rule[SMEKVM_NR_TAGS] = {
	[SMEKVM_TAG_CAP_GATES_INIT] = "abi-cap-gates-init",
	[SMEKVM_TAG_CAP_VEC_ALIAS] = "abi-cap-vec-alias",
	[SMEKVM_TAG_INIT_UNKNOWN_BIT] = "abi-init-unknown-bit-enoent",
	[SMEKVM_TAG_INIT_SVE_OPTIONAL] = "abi-init-sve-optional",
	[SMEKVM_TAG_INIT_EL1_32BIT] = "abi-init-el1-32bit-einval",
	[SMEKVM_TAG_NV_EL2_INIT] = "abi-nv-el2-init-einval",
	[SMEKVM_TAG_RESET_SVCR] = "abi-reset-svcr-zero",
	[SMEKVM_TAG_RESET_VECTOR] = "abi-reset-vector-zero",
	[SMEKVM_TAG_RESET_SMCR] = "abi-reset-smcr-zero",
	[SMEKVM_TAG_VLS_FORMAT] = "abi-vls-format",
	[SMEKVM_TAG_VLS_RANGE] = "abi-vls-range",
	[SMEKVM_TAG_VLS_INIT_OFFERED] = "abi-vls-init-offered",
	[SMEKVM_TAG_VLS_TRUNCATE_OK] = "abi-vls-truncate-ok",
	[SMEKVM_TAG_VLS_EMPTY] = "abi-vls-empty-einval",
	[SMEKVM_TAG_VLS_ABOVE_MAX] = "abi-vls-above-max-einval",
	[SMEKVM_TAG_VLS_HOLE] = "abi-vls-hole-einval",
	[SMEKVM_TAG_VLS_UNOFFERED] = "abi-vls-unoffered-einval",
	[SMEKVM_TAG_VLS_REFUSED_UNCHANGED] = "abi-vls-refused-unchanged",
	[SMEKVM_TAG_VLS_FINAL_EPERM] = "abi-vls-final-eperm",
	[SMEKVM_TAG_VLS_INDEPENDENT] = "abi-vls-independent",
	[SMEKVM_TAG_VLS_DISJOINT_OK] = "abi-vls-disjoint-ok",
	[SMEKVM_TAG_FINAL_BOTH] = "abi-final-both",
	[SMEKVM_TAG_FINAL_NO_VEC_FAILS] = "abi-final-no-vec-fails",
	[SMEKVM_TAG_FINAL_NO_VEC_EINVAL] = "abi-final-no-vec-einval",
	[SMEKVM_TAG_FINAL_UNKNOWN] = "abi-final-unknown-einval",
	[SMEKVM_TAG_FINAL_TWICE] = "abi-final-twice-eperm",
	[SMEKVM_TAG_FINAL_REGLIST] = "abi-final-reglist-unavailable",
	[SMEKVM_TAG_FINAL_REGLIST_EPERM] = "abi-final-reglist-eperm",
	[SMEKVM_TAG_REGID_SME_GROUP] = "abi-regid-sme-group",
	[SMEKVM_TAG_REGID_ZA_ROW] = "abi-regid-za-row",
	[SMEKVM_TAG_REGID_ZT0] = "abi-regid-zt0",
	[SMEKVM_TAG_REGID_SME_VLS] = "abi-regid-sme-vls",
	[SMEKVM_TAG_REGID_SIZE_DECODED] = "abi-regid-size-decoded",
	[SMEKVM_TAG_REGID_STREAMING_ZP] = "abi-regid-streaming-zp",
	[SMEKVM_TAG_REGID_SYSREGS] = "abi-regid-sysregs",
	[SMEKVM_TAG_PAYLOAD_ZA_ROW] = "abi-payload-za-row",
	[SMEKVM_TAG_PAYLOAD_ZA_PAD] = "abi-payload-za-pad",
	[SMEKVM_TAG_PAYLOAD_ZA_TRUNCATE] = "abi-payload-za-truncate",
	[SMEKVM_TAG_PAYLOAD_ZP_PAD] = "abi-payload-zp-pad",
	[SMEKVM_TAG_PAYLOAD_ZT0] = "abi-payload-zt0",
	[SMEKVM_TAG_VIEW_LIVE_SVCR] = "abi-view-live-svcr",
	[SMEKVM_TAG_VIEW_ZP_VL] = "abi-view-zp-vl",
	[SMEKVM_TAG_VIEW_VREG_SVE] = "abi-view-vreg-sve",
	[SMEKVM_TAG_VIEW_VREG_STREAMING] = "abi-view-vreg-streaming",
	[SMEKVM_TAG_VIEW_VREG_SME_ONLY] = "abi-view-vreg-sme-only",
	[SMEKVM_TAG_VIEW_ZP_SME_ONLY] = "abi-view-zp-sme-only",
	[SMEKVM_TAG_VIEW_FFR_NONSTREAMING] = "abi-view-ffr-nonstreaming",
	[SMEKVM_TAG_VIEW_FFR_STREAMING] = "abi-view-ffr-streaming",
	[SMEKVM_TAG_VIEW_ZT0_SME2] = "abi-view-zt0-sme2",
	[SMEKVM_TAG_VIEW_ZA_NEEDS_ZA] = "abi-view-za-needs-za",
	[SMEKVM_TAG_VIEW_ZA_ROWS] = "abi-view-za-rows",
	[SMEKVM_TAG_ONEREG_REJECT] = "abi-onereg-reject",
	[SMEKVM_TAG_ENOENT_UNKNOWN] = "abi-onereg-enoent-unknown",
	[SMEKVM_TAG_ENOENT_SIZE] = "abi-onereg-enoent-size",
	[SMEKVM_TAG_ENOENT_SLICE] = "abi-onereg-enoent-slice",
	[SMEKVM_TAG_ENOENT_NO_SME] = "abi-onereg-enoent-no-sme",
	[SMEKVM_TAG_ENOENT_ZT0] = "abi-onereg-enoent-zt0",
	[SMEKVM_TAG_ENOENT_FFR] = "abi-onereg-enoent-ffr",
	[SMEKVM_TAG_ENOENT_ZP_SME_ONLY] = "abi-onereg-enoent-zp-sme-only",
	[SMEKVM_TAG_SVE_GROUP_SME] = "abi-onereg-sve-group-sme",
	[SMEKVM_TAG_SVE_GROUP_NOSME] = "abi-onereg-sve-group-nosme",
	[SMEKVM_TAG_EINVAL_ZA_ROW] = "abi-onereg-einval-za-row",
	[SMEKVM_TAG_EINVAL_VREG] = "abi-onereg-einval-vreg",
	[SMEKVM_TAG_EBUSY_ZA] = "abi-onereg-ebusy-za",
	[SMEKVM_TAG_EPERM_UNFINALIZED] = "abi-onereg-eperm-unfinalized",
	[SMEKVM_TAG_EFAULT] = "abi-onereg-efault",
	[SMEKVM_TAG_ONEREG_ORDER] = "abi-onereg-order",
	[SMEKVM_TAG_ONEREG_UNCHANGED] = "abi-onereg-unchanged",
	[SMEKVM_TAG_SVCR_RES0] = "abi-svcr-res0-einval",
	[SMEKVM_TAG_SVCR_RES0_UNCHANGED] = "abi-svcr-res0-unchanged",
	[SMEKVM_TAG_SVCR_BEFORE_FINAL] = "abi-svcr-before-final",
	[SMEKVM_TAG_SVCR_SM_ZEROES] = "abi-svcr-sm-zeroes",
	[SMEKVM_TAG_SVCR_SM_FPSR] = "abi-svcr-sm-fpsr",
	[SMEKVM_TAG_SVCR_SM_FPMR] = "abi-svcr-sm-fpmr",
	[SMEKVM_TAG_SVCR_SM_KEEPS_ZA] = "abi-svcr-sm-keeps-za",
	[SMEKVM_TAG_SVCR_ZA_ON_ZEROES] = "abi-svcr-za-on-zeroes",
	[SMEKVM_TAG_SVCR_ZA_KEEPS_VECTOR] = "abi-svcr-za-keeps-vector",
	[SMEKVM_TAG_SVCR_NOCHANGE] = "abi-svcr-nochange",
	[SMEKVM_TAG_REGLIST_ACCESSIBLE] = "abi-reglist-accessible-listed",
	[SMEKVM_TAG_REGLIST_LISTED] = "abi-reglist-listed-accessible",
	[SMEKVM_TAG_REGLIST_SVCR_FIRST] = "abi-reglist-svcr-first",
	[SMEKVM_TAG_REGLIST_ORDER] = "abi-reglist-order",
	[SMEKVM_TAG_SYSREG_SVCR] = "abi-sysreg-svcr-present",
	[SMEKVM_TAG_SYSREG_SMCR] = "abi-sysreg-smcr-present",
	[SMEKVM_TAG_SYSREG_TPIDR2] = "abi-sysreg-tpidr2-present",
	[SMEKVM_TAG_SYSREG_SMPRI] = "abi-sysreg-smpri-present",
	[SMEKVM_TAG_SYSREG_SMIDR] = "abi-sysreg-smidr-present",
	[SMEKVM_TAG_SYSREG_ABSENT] = "abi-sysreg-absent",
	[SMEKVM_TAG_SMCR_USER_MASK] = "abi-smcr-user-mask",
	[SMEKVM_TAG_SMCR_READ_MASK] = "abi-smcr-user-read-mask",
	[SMEKVM_TAG_SMPRI_ZERO] = "abi-smpri-user-zero",
	[SMEKVM_TAG_SMPRI_NONZERO] = "abi-smpri-user-nonzero-einval",
	[SMEKVM_TAG_SMIDR_VALUE] = "abi-smidr-value",
	[SMEKVM_TAG_SMIDR_WRITE] = "abi-smidr-user-write",
	[SMEKVM_TAG_IDREG_ABOVE_HOST] = "abi-idreg-above-host-refused",
	[SMEKVM_TAG_IDREG_SME2_TO_1] = "abi-idreg-pfr1-sme2-to-1",
	[SMEKVM_TAG_IDREG_SME_ZERO] = "abi-idreg-pfr1-sme-zero-refused",
	[SMEKVM_TAG_IDREG_SMFR0_VALUES] = "abi-idreg-smfr0-values",
	[SMEKVM_TAG_IDREG_REFUSED] = "abi-idreg-refused-einval",
	[SMEKVM_TAG_IDREG_FA64_CLEAR] = "abi-idreg-fa64-clear",
	[SMEKVM_TAG_IDREG_NOSME_ZERO] = "abi-idreg-nosme-zero",
	[SMEKVM_TAG_IDREG_WRITABLE_MASKS] = "abi-idreg-writable-masks",
	[SMEKVM_TAG_ISO_VCPUS] = "abi-iso-vcpus",
	[SMEKVM_TAG_FINAL_RUN_EPERM] = "abi-final-run-eperm",
	[SMEKVM_TAG_RT_ONEREG_LIVE] = "abi-rt-onereg-live",
	[SMEKVM_TAG_RT_PRESERVE] = "abi-rt-preserve",
	[SMEKVM_TAG_HOST_TPIDR2_KEPT] = "abi-host-tpidr2-kept",
	[SMEKVM_TAG_HOST_NO_GUEST_STATE] = "abi-host-no-guest-state",
};

bool smekvm_tags_meet(const struct smekvm_tags *a, const struct smekvm_tags *b)
{
	unsigned int i;

	for (i = 0; i < SMEKVM_TAG_WORDS; i++)
		if (a->w[i] & b->w[i])
			return true;
	return false;
}

const char *smekvm_tags_str(const struct smekvm_tags *t, char *buf,
			    size_t size)
{
	unsigned int r;
	size_t len = 0;

	buf[0] = '\0';
	for (r = 0; r < SMEKVM_NR_TAGS && len < size; r++)
		if (smekvm_tags_has(t, r))
			len += snprintf(buf + len, size - len, " %s",
					smekvm_tag_rule[r]);
	if (!len)
		snprintf(buf, size, " none");
	return buf;
}

#define SLICE(id)	((unsigned int)(id) & 0x1f)
#define IDX(id)		((unsigned int)(id) & 0xffff)
#define SIZE_OF(id)	((id) & KVM_REG_SIZE_MASK)

/* An SME group ID whose index is a register's and whose size is not. */
static bool sme_size_wrong(__u64 id)
{
	unsigned int idx = IDX(id);

	if (idx <= 0x1fff)
		return SIZE_OF(id) != KVM_REG_SIZE_U2048;
	if (idx == 0x600 || idx == 0xfffe)
		return SIZE_OF(id) != KVM_REG_SIZE_U512;
	return false;
}

/* In the SVE or the SME register group (coproc 0x15, 0x17). */
static bool in_group(__u64 id, __u64 group)
{
	return (id & (KVM_REG_ARCH_MASK | KVM_REG_ARM_COPROC_MASK)) ==
	       (KVM_REG_ARM64 | group);
}

void smekvm_tags_access(struct smekvm_tags *t, const struct smekvm_model *m,
			__u64 id, bool set, unsigned int rows)
{
	const struct smekvm_model_cfg *cfg = &m->cfg;
	bool sm = m->svcr & SMEKVM_SVCR_SM;
	bool sme_grp = in_group(id, KVM_REG_ARM64_SME);
	bool sve_grp = in_group(id, KVM_REG_ARM64_SVE);
	unsigned int idx;
	enum smekvm_reg_class rc = smekvm_model_reg_class(id, &idx);

	if (sme_grp || rc == SMEKVM_RC_ZT0)
		smekvm_tags_add(t, SMEKVM_TAG_REGID_SME_GROUP);
	if (rc == SMEKVM_RC_ZT0 || (rc == SMEKVM_RC_ZA && idx == 48))
		smekvm_tags_add(t, SMEKVM_TAG_REGID_SIZE_DECODED);
	if (rows) {
		smekvm_tags_add(t, SMEKVM_TAG_ONEREG_REJECT);
		if (rows & (rows - 1))
			smekvm_tags_add(t, SMEKVM_TAG_ONEREG_ORDER);
	}
	if (rows & SMEKVM_ROW_FAULT)
		smekvm_tags_add(t, SMEKVM_TAG_EFAULT);
	if (rows & SMEKVM_ROW_UNFINAL)
		smekvm_tags_add(t, SMEKVM_TAG_EPERM_UNFINALIZED);
	if (rows & SMEKVM_ROW_FINAL)
		smekvm_tags_add(t, SMEKVM_TAG_VLS_FINAL_EPERM);
	if (rows & SMEKVM_ROW_BUSY) {
		smekvm_tags_add(t, SMEKVM_TAG_EBUSY_ZA);
		smekvm_tags_add(t, SMEKVM_TAG_VIEW_ZA_NEEDS_ZA);
	}
	if (rows & SMEKVM_ROW_INVAL) {
		if (rc == SMEKVM_RC_ZA)
			smekvm_tags_add(t, SMEKVM_TAG_EINVAL_ZA_ROW);
		if (rc == SMEKVM_RC_V && smekvm_model_id_canonical(id)) {
			smekvm_tags_add(t, SMEKVM_TAG_EINVAL_VREG);
			smekvm_tags_either(t, cfg->sve,
					   SMEKVM_TAG_VIEW_VREG_SVE,
					   SMEKVM_TAG_VIEW_VREG_STREAMING);
		}
		if (rc == SMEKVM_RC_NONE && sve_grp)
			smekvm_tags_add(t, SMEKVM_TAG_SVE_GROUP_NOSME);
	}
	if (rows & SMEKVM_ROW_NOENT) {
		if (sme_grp && !cfg->sme)
			smekvm_tags_add(t, SMEKVM_TAG_ENOENT_NO_SME);
		else if (rc == SMEKVM_RC_NONE && sme_grp)
			smekvm_tags_either(t, sme_size_wrong(id),
					   SMEKVM_TAG_ENOENT_SIZE,
					   SMEKVM_TAG_ENOENT_UNKNOWN);
		else if (rc == SMEKVM_RC_NONE && sve_grp)
			smekvm_tags_add(t, SMEKVM_TAG_SVE_GROUP_SME);
		else if (SLICE(id) && rc >= SMEKVM_RC_Z && rc <= SMEKVM_RC_ZA)
			smekvm_tags_add(t, SMEKVM_TAG_ENOENT_SLICE);
		else if (rc == SMEKVM_RC_ZT0)
			smekvm_tags_add(t, SMEKVM_TAG_ENOENT_ZT0);
		else if (rc == SMEKVM_RC_FFR && sm)
			smekvm_tags_add(t, SMEKVM_TAG_ENOENT_FFR);
		else if (rc == SMEKVM_RC_SVCR)
			smekvm_tags_add(t, SMEKVM_TAG_SYSREG_ABSENT);
		if (rc >= SMEKVM_RC_Z && rc <= SMEKVM_RC_FFR && !sm &&
		    cfg->sme && !cfg->sve) {
			smekvm_tags_add(t, SMEKVM_TAG_ENOENT_ZP_SME_ONLY);
			smekvm_tags_add(t, SMEKVM_TAG_VIEW_ZP_SME_ONLY);
		}
		if (rc == SMEKVM_RC_ZT0)
			smekvm_tags_add(t, SMEKVM_TAG_VIEW_ZT0_SME2);
		if (rc == SMEKVM_RC_FFR)
			smekvm_tags_either(t, sm,
					   SMEKVM_TAG_VIEW_FFR_STREAMING,
					   SMEKVM_TAG_VIEW_FFR_NONSTREAMING);
	}
	if (rows)
		return;

	switch (rc) {
	case SMEKVM_RC_Z:
	case SMEKVM_RC_P:
	case SMEKVM_RC_FFR:
		smekvm_tags_add(t, SMEKVM_TAG_VIEW_ZP_VL);
		smekvm_tags_add(t, SMEKVM_TAG_PAYLOAD_ZP_PAD);
		smekvm_tags_add(t, SMEKVM_TAG_VIEW_LIVE_SVCR);
		if (sm)
			smekvm_tags_add(t, SMEKVM_TAG_REGID_STREAMING_ZP);
		if (rc == SMEKVM_RC_FFR)
			smekvm_tags_either(t, sm,
					   SMEKVM_TAG_VIEW_FFR_STREAMING,
					   SMEKVM_TAG_VIEW_FFR_NONSTREAMING);
		break;
	case SMEKVM_RC_V:
		if (cfg->sme)
			smekvm_tags_add(t, SMEKVM_TAG_VIEW_VREG_SME_ONLY);
		break;
	case SMEKVM_RC_ZA:
		smekvm_tags_add(t, SMEKVM_TAG_VIEW_ZA_ROWS);
		smekvm_tags_add(t, SMEKVM_TAG_REGID_ZA_ROW);
		smekvm_tags_add(t, SMEKVM_TAG_PAYLOAD_ZA_ROW);
		smekvm_tags_either(t, set,
				   SMEKVM_TAG_PAYLOAD_ZA_TRUNCATE,
				   SMEKVM_TAG_PAYLOAD_ZA_PAD);
		smekvm_tags_add(t, SMEKVM_TAG_VIEW_LIVE_SVCR);
		break;
	case SMEKVM_RC_ZT0:
		smekvm_tags_add(t, SMEKVM_TAG_VIEW_ZT0_SME2);
		smekvm_tags_add(t, SMEKVM_TAG_REGID_ZT0);
		smekvm_tags_add(t, SMEKVM_TAG_PAYLOAD_ZT0);
		break;
	case SMEKVM_RC_SVCR:
		smekvm_tags_add(t, SMEKVM_TAG_SYSREG_SVCR);
		smekvm_tags_add(t, SMEKVM_TAG_REGID_SYSREGS);
		break;
	case SMEKVM_RC_SME_VLS:
		smekvm_tags_add(t, SMEKVM_TAG_REGID_SME_VLS);
		smekvm_tags_add(t, SMEKVM_TAG_VLS_FORMAT);
		break;
	default:
		break;
	}
}

void smekvm_tags_sysreg(struct smekvm_tags *t, const struct smekvm_model *m,
			const struct smekvm_model_vcpu *v, __u64 id, bool set,
			__u64 val)
{
	if (!m->cfg.sme) {
		smekvm_tags_add(t, SMEKVM_TAG_SYSREG_ABSENT);
		return;
	}
	smekvm_tags_add(t, SMEKVM_TAG_REGID_SYSREGS);
	switch (smekvm_model_sysreg_of(id)) {
	case SMEKVM_SYSREG_SMCR_EL1:
		smekvm_tags_add(t, SMEKVM_TAG_SYSREG_SMCR);
		if (set)
			smekvm_tags_add(t, SMEKVM_TAG_SMCR_USER_MASK);
		else if (!v->smcr)
			smekvm_tags_add(t, SMEKVM_TAG_RESET_SMCR);
		/* A stored FA64 or EZT0 that the ID registers now hide */
		if (!set && (((v->smcr & BIT_ULL(31)) && !m->cfg.fa64) ||
			     ((v->smcr & BIT_ULL(30)) && !m->cfg.sme2)))
			smekvm_tags_add(t, SMEKVM_TAG_SMCR_READ_MASK);
		break;
	case SMEKVM_SYSREG_TPIDR2_EL0:
		smekvm_tags_add(t, SMEKVM_TAG_SYSREG_TPIDR2);
		break;
	case SMEKVM_SYSREG_SMPRI_EL1:
		smekvm_tags_add(t, SMEKVM_TAG_SYSREG_SMPRI);
		smekvm_tags_either(t, set && val,
				   SMEKVM_TAG_SMPRI_NONZERO,
				   SMEKVM_TAG_SMPRI_ZERO);
		break;
	case SMEKVM_SYSREG_SMIDR_EL1:
		smekvm_tags_add(t, SMEKVM_TAG_SYSREG_SMIDR);
		smekvm_tags_either(t, set,
				   SMEKVM_TAG_SMIDR_WRITE,
				   SMEKVM_TAG_SMIDR_VALUE);
		break;
	default:
		break;
	}
}

void smekvm_tags_vls(struct smekvm_tags *t, __u32 offered, __u32 set,
		     bool sme)
{
	unsigned int max = set ? 32 - __builtin_clz(set) : 0;
	__u32 below = max ? (__u32)GENMASK(max - 1, 0) : 0;

	if (!set)
		smekvm_tags_add(t, SMEKVM_TAG_VLS_EMPTY);
	else if (sme && max > KVM_ARM64_SME_VQ_MAX)
		smekvm_tags_add(t, SMEKVM_TAG_VLS_RANGE);
	else if (set > offered && max > 32 - __builtin_clz(offered))
		smekvm_tags_add(t, SMEKVM_TAG_VLS_ABOVE_MAX);
	else if (set & ~offered)
		smekvm_tags_add(t, SMEKVM_TAG_VLS_UNOFFERED);
	else if ((offered & below) != set)
		smekvm_tags_add(t, SMEKVM_TAG_VLS_HOLE);
	else
		smekvm_tags_add(t, SMEKVM_TAG_VLS_TRUNCATE_OK);
}

void smekvm_tags_svcr(struct smekvm_tags *t, const struct smekvm_model *m,
		      __u64 from, __u64 to)
{
	unsigned int zeroes = smekvm_model_svcr_zeroes(from, to);

	if (to & ~SMEKVM_SVCR_VALID) {
		smekvm_tags_add(t, SMEKVM_TAG_SVCR_RES0);
		smekvm_tags_add(t, SMEKVM_TAG_SVCR_RES0_UNCHANGED);
		return;
	}
	if (!m->finalized)
		smekvm_tags_add(t, SMEKVM_TAG_SVCR_BEFORE_FINAL);
	if (from == to)
		smekvm_tags_add(t, SMEKVM_TAG_SVCR_NOCHANGE);
	if (zeroes & SMEKVM_ZERO_VEC) {
		smekvm_tags_add(t, SMEKVM_TAG_SVCR_SM_ZEROES);
		smekvm_tags_add(t, SMEKVM_TAG_SVCR_SM_FPSR);
		if (m->cfg.fpmr)
			smekvm_tags_add(t, SMEKVM_TAG_SVCR_SM_FPMR);
		if (!((from ^ to) & SMEKVM_SVCR_ZA) && (to & SMEKVM_SVCR_ZA))
			smekvm_tags_add(t, SMEKVM_TAG_SVCR_SM_KEEPS_ZA);
	} else if ((from ^ to) & SMEKVM_SVCR_ZA) {
		smekvm_tags_add(t, SMEKVM_TAG_SVCR_ZA_KEEPS_VECTOR);
	}
	if (zeroes & SMEKVM_ZERO_ZA)
		smekvm_tags_add(t, SMEKVM_TAG_SVCR_ZA_ON_ZEROES);
}

void smekvm_tags_count(unsigned long *counts, const struct smekvm_tags *t)
{
	unsigned int i;
	__u64 bits;

	for (i = 0; i < SMEKVM_TAG_WORDS; i++)
		for (bits = t->w[i]; bits; bits &= bits - 1)
			counts[i * 64 + __builtin_ctzll(bits)]++;
}

void smekvm_tags_print_coverage(const char *what, const unsigned long *counts,
				bool list)
{
	unsigned int r, n = 0, len, pass;
	char line[200];

	for (r = 0; r < SMEKVM_NR_TAGS; r++)
		n += !!counts[r];
	ksft_print_msg("%s: %u of %u rules exercised\n", what, n,
		       SMEKVM_NR_TAGS);
	/* Those exercised (with their counts), then those not. */
	for (pass = 0; list && pass < 2; pass++) {
		len = 0;
		for (r = 0; r < SMEKVM_NR_TAGS; r++) {
			if (!counts[r] == !pass)
				continue;
			if (len + strlen(smekvm_tag_rule[r]) + 12 >
			    sizeof(line)) {
				ksft_print_msg("  %s:%s\n",
					       pass ? "not" : "yes", line);
				len = 0;
			}
			len += snprintf(line + len, sizeof(line) - len,
					pass ? " %s" : " %s %lu",
					smekvm_tag_rule[r], counts[r]);
		}
		if (len)
			ksft_print_msg("  %s:%s\n", pass ? "not" : "yes", line);
	}
}
