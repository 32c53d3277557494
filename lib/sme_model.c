// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_model.c - reference model of a vcpu's FP/SVE/SME register state
 * (doc/abi.md: abi-view-*, abi-payload-*, abi-onereg-*, abi-svcr-*,
 * abi-reglist-order).
 *
 * The views (smekvm_model_has_*()) decide which registers exist; the
 * error rows (access_rows()) decide every errno, and the enumerations,
 * sizes and the full model vcpu are built on those two, so that no rule
 * is written twice.
 */
#include <errno.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/kvm.h>

#include "sme_model.h"
#include "sme_uapi.h"

__u64 smekvm_model_svcr(const struct smekvm_model_cfg *cfg, bool sm, bool za)
{
	if (!cfg->sme)
		return 0;
	return (sm ? SMEKVM_SVCR_SM : 0) | (za ? SMEKVM_SVCR_ZA : 0);
}

bool smekvm_model_has_zp(const struct smekvm_model_cfg *cfg, __u64 svcr)
{
	if (svcr & SMEKVM_SVCR_SM)
		return cfg->sme;
	return cfg->sve;
}

bool smekvm_model_has_ffr(const struct smekvm_model_cfg *cfg, __u64 svcr)
{
	if (svcr & SMEKVM_SVCR_SM)
		return cfg->sme && cfg->fa64;
	return cfg->sve;
}

bool smekvm_model_has_core_vregs(const struct smekvm_model_cfg *cfg,
				 __u64 svcr)
{
	/* With SVE, V is only reachable through Z bits [127:0]. */
	if (cfg->sve)
		return false;
	/* SME-only: V registers exist outside streaming mode only. */
	return !(cfg->sme && (svcr & SMEKVM_SVCR_SM));
}

bool smekvm_model_has_za(const struct smekvm_model_cfg *cfg, __u64 svcr)
{
	return cfg->sme && (svcr & SMEKVM_SVCR_ZA);
}

bool smekvm_model_has_zt0(const struct smekvm_model_cfg *cfg, __u64 svcr)
{
	return smekvm_model_has_za(cfg, svcr) && cfg->sme2;
}

unsigned int smekvm_model_zp_vq(const struct smekvm_model_cfg *cfg,
				__u64 svcr)
{
	if (!smekvm_model_has_zp(cfg, svcr))
		return 0;
	return (svcr & SMEKVM_SVCR_SM) ? cfg->sme_vq : cfg->sve_vq;
}

static void put_id(__u64 *ids, size_t max, size_t *n, __u64 id)
{
	if (ids && *n < max)
		ids[*n] = id;
	(*n)++;
}

/* Z0-Z31, P0-P15 and FFR, those that exist. */
static void put_zp_ffr(const struct smekvm_model_cfg *cfg, __u64 svcr,
		       __u64 *ids, size_t max, size_t *n)
{
	unsigned int i;

	if (smekvm_model_has_zp(cfg, svcr)) {
		for (i = 0; i < 32; i++)
			put_id(ids, max, n, KVM_REG_ARM64_SVE_ZREG(i, 0));
		for (i = 0; i < 16; i++)
			put_id(ids, max, n, KVM_REG_ARM64_SVE_PREG(i, 0));
	}
	if (smekvm_model_has_ffr(cfg, svcr))
		put_id(ids, max, n, KVM_REG_ARM64_SVE_FFR(0));
}

/* The ZA rows and ZT0, those that exist. */
static void put_za_zt0(const struct smekvm_model_cfg *cfg, __u64 svcr,
		       __u64 *ids, size_t max, size_t *n)
{
	unsigned int i;

	if (smekvm_model_has_za(cfg, svcr))
		for (i = 0; i < SMEKVM_ZA_ROWS(cfg->sme_vq); i++)
			put_id(ids, max, n, KVM_REG_ARM64_SME_ZAHREG(i, 0));
	if (smekvm_model_has_zt0(cfg, svcr))
		put_id(ids, max, n, KVM_REG_ARM64_SME_ZT0);
}

size_t smekvm_model_vec_reg_ids(const struct smekvm_model_cfg *cfg,
				__u64 svcr, __u64 *ids, size_t max)
{
	size_t n = 0;

	if (cfg->sve)
		put_id(ids, max, &n, KVM_REG_ARM64_SVE_VLS);
	put_zp_ffr(cfg, svcr, ids, max, &n);
	if (cfg->sme)
		put_id(ids, max, &n, KVM_REG_ARM64_SME_VLS);
	put_za_zt0(cfg, svcr, ids, max, &n);
	return n;
}

size_t smekvm_model_state_ids(const struct smekvm_model_cfg *cfg,
			      __u64 svcr, __u64 *ids, size_t max)
{
	unsigned int i;
	size_t n = 0;

	if (smekvm_model_has_core_vregs(cfg, svcr))
		for (i = 0; i < 32; i++)
			put_id(ids, max, &n, SMEKVM_VREG(i));
	put_zp_ffr(cfg, svcr, ids, max, &n);
	put_za_zt0(cfg, svcr, ids, max, &n);
	return n;
}

/* The full register state */

#define CORE_OFF(id)	((id) & ~(KVM_REG_ARCH_MASK | KVM_REG_SIZE_MASK | \
				  KVM_REG_ARM_CORE))
#define VREG_OFF(n)	(KVM_REG_ARM_CORE_REG(fp_regs.vregs[0]) + 4 * (n))
#define SVCR_ID		0x603000000013da12ULL
#define GROUP_MASK	(KVM_REG_ARCH_MASK | KVM_REG_ARM_COPROC_MASK)
#define SVE_GROUP	(KVM_REG_ARM64 | KVM_REG_ARM64_SVE)
#define SME_GROUP	(KVM_REG_ARM64 | KVM_REG_ARM64_SME)
#define SLICE(id)	((unsigned int)(id) & 0x1f)
#define NUM(id)		((unsigned int)((id) >> 5) & 0xff)
#define IDX_MASK	0xffffULL	/* index field of the SVE/SME groups */
#define ZA_IDX_MAX	0x1fffULL	/* row 255, slice 31 */
#define VLS_WORDS	8

enum smekvm_reg_class smekvm_model_reg_class(__u64 id, unsigned int *index)
{
	enum smekvm_reg_class rc = SMEKVM_RC_NONE;
	unsigned int idx = 0;
	__u64 off;

	if ((id & GROUP_MASK) == (KVM_REG_ARM64 | KVM_REG_ARM_CORE)) {
		off = CORE_OFF(id);
		if (off >= VREG_OFF(0) && off < VREG_OFF(32)) {
			rc = SMEKVM_RC_V;
			idx = (off - VREG_OFF(0)) / 4;
		} else if (id == SMEKVM_FPSR) {
			rc = SMEKVM_RC_FPSR;
		} else if (id == SMEKVM_FPCR) {
			rc = SMEKVM_RC_FPCR;
		}
	} else if ((id & GROUP_MASK) == SVE_GROUP) {
		if (id == KVM_REG_ARM64_SVE_VLS) {
			rc = SMEKVM_RC_SVE_VLS;
		} else if (id >= KVM_REG_ARM64_SVE_ZREG(0, 0) &&
			   id <= KVM_REG_ARM64_SVE_ZREG(31, 31)) {
			rc = SMEKVM_RC_Z;
			idx = NUM(id);
		} else if (id >= KVM_REG_ARM64_SVE_PREG(0, 0) &&
			   id <= KVM_REG_ARM64_SVE_FFR(31)) {
			/* P0-P15 then FFR, whose IDs follow P15's. */
			idx = (id - KVM_REG_ARM64_SVE_PREG(0, 0)) >> 5;
			rc = idx == 16 ? SMEKVM_RC_FFR : SMEKVM_RC_P;
			idx = idx == 16 ? 0 : idx;
		}
	} else if ((id & GROUP_MASK) == SME_GROUP &&
		   !(id & ~(GROUP_MASK | KVM_REG_SIZE_MASK | IDX_MASK))) {
		if (id == KVM_REG_ARM64_SME_VLS) {
			rc = SMEKVM_RC_SME_VLS;
		} else if ((id & KVM_REG_SIZE_MASK) == KVM_REG_SIZE_U2048 &&
			   (id & IDX_MASK) <= ZA_IDX_MAX) {
			rc = SMEKVM_RC_ZA;
			idx = NUM(id);
		} else if (id == KVM_REG_ARM64_SME_ZT0) {
			rc = SMEKVM_RC_ZT0;
		}
	} else if (id == SVCR_ID) {
		rc = SMEKVM_RC_SVCR;
	} else if (id == SMEKVM_FPMR_ID) {
		rc = SMEKVM_RC_FPMR;
	}

	if (index)
		*index = idx;
	return rc;
}

__u64 smekvm_model_reg_id(enum smekvm_reg_class rc, unsigned int index)
{
	switch (rc) {
	case SMEKVM_RC_V:
		return SMEKVM_VREG(index);
	case SMEKVM_RC_Z:
		return KVM_REG_ARM64_SVE_ZREG(index, 0);
	case SMEKVM_RC_P:
		return KVM_REG_ARM64_SVE_PREG(index, 0);
	case SMEKVM_RC_FFR:
		return KVM_REG_ARM64_SVE_FFR(0);
	case SMEKVM_RC_ZA:
		return KVM_REG_ARM64_SME_ZAHREG(index, 0);
	case SMEKVM_RC_ZT0:
		return KVM_REG_ARM64_SME_ZT0;
	case SMEKVM_RC_SVCR:
		return SVCR_ID;
	case SMEKVM_RC_FPSR:
		return SMEKVM_FPSR;
	case SMEKVM_RC_FPCR:
		return SMEKVM_FPCR;
	case SMEKVM_RC_FPMR:
		return SMEKVM_FPMR_ID;
	case SMEKVM_RC_SVE_VLS:
		return KVM_REG_ARM64_SVE_VLS;
	case SMEKVM_RC_SME_VLS:
		return KVM_REG_ARM64_SME_VLS;
	default:
		return 0;
	}
}

unsigned int smekvm_model_class_regs(const struct smekvm_model_cfg *cfg,
				     enum smekvm_reg_class rc)
{
	switch (rc) {
	case SMEKVM_RC_NONE:
		return 0;
	case SMEKVM_RC_V:
	case SMEKVM_RC_Z:
		return 32;
	case SMEKVM_RC_P:
		return 16;
	case SMEKVM_RC_ZA:
		return SMEKVM_ZA_ROWS(cfg->sme_vq);
	default:
		return 1;
	}
}

bool smekvm_model_id_canonical(__u64 id)
{
	unsigned int idx;

	switch (smekvm_model_reg_class(id, &idx)) {
	case SMEKVM_RC_V:
		return id == SMEKVM_VREG(idx);
	case SMEKVM_RC_Z:
	case SMEKVM_RC_P:
	case SMEKVM_RC_FFR:
	case SMEKVM_RC_ZA:
		return !SLICE(id);
	case SMEKVM_RC_NONE:
		return false;
	default:
		return true;
	}
}

bool smekvm_model_tracks(__u64 id)
{
	return smekvm_model_reg_class(id, NULL) != SMEKVM_RC_NONE ||
	       (id & GROUP_MASK) == SVE_GROUP ||
	       (id & GROUP_MASK) == SME_GROUP;
}

void smekvm_model_init(struct smekvm_model *m,
		       const struct smekvm_model_cfg *cfg)
{
	memset(m, 0, sizeof(*m));
	m->cfg = *cfg;
}

int smekvm_model_finalize(struct smekvm_model *m)
{
	int err = 0;

	if (!m->cfg.sve && !m->cfg.sme)
		err = EINVAL;
	else if (m->finalized)
		err = EPERM;
	else
		m->finalized = true;
	return err;
}

void smekvm_model_set_offered(struct smekvm_model *m, const __u64 *sve_vls,
			      const __u64 *sme_vls)
{
	if (sve_vls)
		memcpy(m->sve_offered, sve_vls, sizeof(m->sve_offered));
	if (sme_vls)
		memcpy(m->sme_offered, sme_vls, sizeof(m->sme_offered));
}

static bool vls_has(const __u64 *v, unsigned int vq)
{
	return vq >= 1 && vq <= 64 * VLS_WORDS &&
	       (v[(vq - 1) / 64] >> ((vq - 1) % 64)) & 1;
}

static bool vls_known(const __u64 *v)
{
	unsigned int i;

	for (i = 0; i < VLS_WORDS; i++)
		if (v[i])
			return true;
	return false;
}

/*
 * The rows of abi-onereg-* that apply to @a's access of @id (see
 * smekvm_model_access_rows()); *@named is false when @id names no
 * register, so that its first row is all there is to say.
 */
static unsigned int access_rows(const struct smekvm_model_access *a,
				__u64 id, bool *named)
{
	const struct smekvm_model_cfg *cfg = a->cfg;
	enum smekvm_reg_class rc;
	unsigned int idx, rows = 0;
	bool vector = false;	/* EPERM before finalisation */
	bool vls = false;	/* EPERM when written after finalisation */

	*named = true;
	rc = smekvm_model_reg_class(id, &idx);
	switch (rc) {
	case SMEKVM_RC_V:
		/*
		 * Core registers keep Linux's core rules (doc/abi.md, after
		 * abi-onereg-order): an ID that runs past struct kvm_regs is
		 * ENOENT before anything else.  With Z registers (SVE, or SME
		 * in streaming mode), V registers are rejected; so is a V ID
		 * of the wrong size or offset.
		 */
		if (CORE_OFF(id) + KVM_REG_SIZE(id) / 4 >=
		    sizeof(struct kvm_regs) / 4)
			rows |= SMEKVM_ROW_NOENT;
		else if (smekvm_model_has_zp(cfg, a->svcr) ||
			 !smekvm_model_id_canonical(id))
			rows |= SMEKVM_ROW_INVAL;
		break;
	case SMEKVM_RC_Z:
	case SMEKVM_RC_P:
	case SMEKVM_RC_FFR:
		if (!smekvm_model_has_zp(cfg, a->svcr) || SLICE(id) ||
		    (rc == SMEKVM_RC_FFR &&
		     !smekvm_model_has_ffr(cfg, a->svcr)))
			rows |= SMEKVM_ROW_NOENT;
		/* Without SVE and SME there is nothing to finalise. */
		vector = cfg->sve || cfg->sme;
		break;
	case SMEKVM_RC_ZA:
		if (!cfg->sme) {
			rows |= SMEKVM_ROW_NOENT;
			break;
		}
		if (SLICE(id))
			rows |= SMEKVM_ROW_NOENT;
		if (idx >= SMEKVM_ZA_ROWS(cfg->sme_vq))
			rows |= SMEKVM_ROW_INVAL;
		if (!(a->svcr & SMEKVM_SVCR_ZA))
			rows |= SMEKVM_ROW_BUSY;
		vector = true;
		break;
	case SMEKVM_RC_ZT0:
		if (!cfg->sme) {
			rows |= SMEKVM_ROW_NOENT;
			break;
		}
		if (!cfg->sme2)
			rows |= SMEKVM_ROW_NOENT;
		if (!(a->svcr & SMEKVM_SVCR_ZA))
			rows |= SMEKVM_ROW_BUSY;
		vector = true;
		break;
	case SMEKVM_RC_SVE_VLS:
		if (!cfg->sve)
			rows |= SMEKVM_ROW_NOENT;
		vls = cfg->sve;
		break;
	case SMEKVM_RC_SME_VLS:
		if (!cfg->sme)
			rows |= SMEKVM_ROW_NOENT;
		vls = cfg->sme;
		break;
	case SMEKVM_RC_SVCR:
		if (!cfg->sme)
			rows |= SMEKVM_ROW_NOENT;
		break;
	case SMEKVM_RC_FPMR:
		if (!cfg->fpmr)
			rows |= SMEKVM_ROW_NOENT;
		break;
	case SMEKVM_RC_FPSR:
	case SMEKVM_RC_FPCR:
		break;
	case SMEKVM_RC_NONE:
	default:
		/*
		 * Unknown IDs of the SVE and SME groups, and IDs outside the
		 * model; in the SVE group, vcpus without SME keep the
		 * historical EINVAL (hyp_patches' choice,
		 * SMEKVM_RULE_SVE_GROUP_UNKNOWN_ENOENT).
		 */
		*named = false;
		if ((id & GROUP_MASK) == SVE_GROUP && !cfg->sme)
			rows |= SMEKVM_ROW_INVAL;
		else
			rows |= SMEKVM_ROW_NOENT;
		break;
	}

	if (vector && !a->finalized)
		rows |= SMEKVM_ROW_UNFINAL;
	if (vls && a->set && a->finalized)
		rows |= SMEKVM_ROW_FINAL;
	if (a->bad_ptr)
		rows |= SMEKVM_ROW_FAULT;
	return rows;
}

unsigned int smekvm_model_access_rows(const struct smekvm_model_access *a,
				      __u64 id)
{
	bool named;

	return access_rows(a, id, &named);
}

/* The errno of each row, in the order of the SMEKVM_ROW_* bits. */
static const int row_errno[] = {
	ENOENT, EINVAL, EBUSY, EPERM, EPERM, EFAULT,
};

int smekvm_model_rows_errno(unsigned int rows)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(row_errno); i++)
		if (rows & BIT(i))
			return row_errno[i];
	return 0;
}

__u64 smekvm_model_self_check(const struct smekvm_model_cfg *cfg, __u64 svcr)
{
	/* How many registers each class has (at the largest SVL). */
	static const unsigned int count[SMEKVM_NR_REG_CLASSES] = {
		[SMEKVM_RC_V] = 32, [SMEKVM_RC_Z] = 32, [SMEKVM_RC_P] = 16,
		[SMEKVM_RC_FFR] = 1, [SMEKVM_RC_ZA] = KVM_ARM64_SME_NUM_ZAHREGS,
		[SMEKVM_RC_ZT0] = 1, [SMEKVM_RC_SVE_VLS] = 1,
		[SMEKVM_RC_SME_VLS] = 1,
	};
	struct smekvm_model_access a = {
		.cfg = cfg, .svcr = svcr, .finalized = true,
	};
	bool listed[SMEKVM_NR_REG_CLASSES][KVM_ARM64_SME_NUM_ZAHREGS] = {};
	/* SVE_VLS and SME_VLS, and the state registers in each list */
	__u64 ids[2 + 2 * SMEKVM_MODEL_MAX_STATE_REGS], id;
	unsigned int rc, i, idx;
	size_t n;

	n = smekvm_model_vec_reg_ids(cfg, svcr, ids,
				     2 + SMEKVM_MODEL_MAX_STATE_REGS);
	n += smekvm_model_state_ids(cfg, svcr, ids + n,
				    SMEKVM_MODEL_MAX_STATE_REGS);
	for (i = 0; i < n; i++) {
		if (!smekvm_model_id_canonical(ids[i]))
			return ids[i];
		rc = smekvm_model_reg_class(ids[i], &idx);
		listed[rc][idx] = true;
	}
	for (rc = 0; rc < SMEKVM_NR_REG_CLASSES; rc++) {
		for (i = 0; i < count[rc]; i++) {
			id = smekvm_model_reg_id(rc, i);
			if (listed[rc][i] == !!smekvm_model_access_rows(&a, id))
				return id;
		}
	}
	return 0;
}

unsigned int smekvm_model_access_errs(const struct smekvm_model *m, __u64 id,
				      bool bad_ptr, int *errs)
{
	struct smekvm_model_access a = {
		.cfg = &m->cfg, .svcr = m->svcr, .finalized = m->finalized,
		.bad_ptr = bad_ptr,
	};
	unsigned int rows, i, n = 0;
	bool named;

	rows = access_rows(&a, id, &named);
	for (i = 0; i < ARRAY_SIZE(row_errno); i++) {
		if (!(rows & BIT(i)))
			continue;
		errs[n++] = row_errno[i];
		/* The register does not exist: nothing else matters. */
		if (!named || BIT(i) == SMEKVM_ROW_NOENT)
			break;
	}
	return n;
}

int smekvm_model_access_err(const struct smekvm_model *m, __u64 id,
			    bool bad_ptr)
{
	int errs[SMEKVM_MODEL_MAX_ERRS];

	return smekvm_model_access_errs(m, id, bad_ptr, errs) ? errs[0] : 0;
}

size_t smekvm_model_state_bytes(const struct smekvm_model_cfg *cfg,
				__u64 svcr, __u64 id)
{
	struct smekvm_model_access a = {
		.cfg = cfg, .svcr = svcr, .finalized = true,
	};
	unsigned int vq = smekvm_model_zp_vq(cfg, svcr);

	if (smekvm_model_access_rows(&a, id))
		return 0;
	switch (smekvm_model_reg_class(id, NULL)) {
	case SMEKVM_RC_Z:
		return SMEKVM_ZREG_BYTES(vq);
	case SMEKVM_RC_P:
	case SMEKVM_RC_FFR:
		return SMEKVM_PREG_BYTES(vq);
	case SMEKVM_RC_ZA:
		return SMEKVM_ZA_ROW_BYTES(cfg->sme_vq);
	case SMEKVM_RC_ZT0:
		return SMEKVM_ZT0_BYTES;
	default:
		return KVM_REG_SIZE(id);
	}
}

size_t smekvm_model_reg_bytes(const struct smekvm_model *m, __u64 id)
{
	if (smekvm_model_access_err(m, id, false))
		return 0;
	return smekvm_model_state_bytes(&m->cfg, m->svcr, id);
}

/* The storage of a Z/P/FFR/V/ZA/ZT0 register, NULL for the others. */
static __u8 *reg_store(struct smekvm_model *m, __u64 id)
{
	unsigned int idx;

	switch (smekvm_model_reg_class(id, &idx)) {
	case SMEKVM_RC_V:
	case SMEKVM_RC_Z:
		return m->z[idx];
	case SMEKVM_RC_P:
		return m->p[idx];
	case SMEKVM_RC_FFR:
		return m->ffr;
	case SMEKVM_RC_ZA:
		return m->za[idx];
	case SMEKVM_RC_ZT0:
		return m->zt0;
	default:
		return NULL;
	}
}

/* The VLS register value: the offered set up to the maximum VQ. */
static void vls_value(const __u64 *offered, unsigned int max_vq, __u64 *out)
{
	unsigned int vq;

	memset(out, 0, VLS_WORDS * sizeof(*out));
	for (vq = 1; vq <= max_vq; vq++)
		if (!vls_known(offered) ? vq == max_vq : vls_has(offered, vq))
			out[(vq - 1) / 64] |= 1ULL << ((vq - 1) % 64);
}

int smekvm_model_get(const struct smekvm_model *m, __u64 id, void *buf)
{
	size_t size = KVM_REG_SIZE(id), len;
	int err = smekvm_model_access_err(m, id, false);
	__u64 val;
	__u32 val32;

	if (err)
		return err;

	memset(buf, 0, size);
	switch (smekvm_model_reg_class(id, NULL)) {
	case SMEKVM_RC_SVCR:
		val = m->svcr;
		memcpy(buf, &val, sizeof(val));
		break;
	case SMEKVM_RC_FPMR:
		val = m->fpmr;
		memcpy(buf, &val, sizeof(val));
		break;
	case SMEKVM_RC_FPSR:
	case SMEKVM_RC_FPCR:
		val32 = id == SMEKVM_FPSR ? m->fpsr : m->fpcr;
		memcpy(buf, &val32, sizeof(val32));
		break;
	case SMEKVM_RC_SVE_VLS:
		vls_value(m->sve_offered, m->cfg.sve_vq, buf);
		break;
	case SMEKVM_RC_SME_VLS:
		vls_value(m->sme_offered, m->cfg.sme_vq, buf);
		break;
	default:
		len = smekvm_model_reg_bytes(m, id);
		memcpy(buf, reg_store((struct smekvm_model *)m, id), len);
		break;
	}
	return 0;
}

unsigned int smekvm_model_svcr_zeroes(__u64 from, __u64 to)
{
	unsigned int zeroes = 0;

	if ((from ^ to) & SMEKVM_SVCR_SM)
		zeroes |= SMEKVM_ZERO_VEC;
	if (!(from & SMEKVM_SVCR_ZA) && (to & SMEKVM_SVCR_ZA))
		zeroes |= SMEKVM_ZERO_ZA;
	return zeroes;
}

/* Userspace write of SVCR (abi-svcr-*). */
static int set_svcr(struct smekvm_model *m, __u64 val)
{
	unsigned int zeroes = smekvm_model_svcr_zeroes(m->svcr, val);
	int err = EINVAL;

	if (val & ~SMEKVM_SVCR_VALID)
		return err;

	if (zeroes & SMEKVM_ZERO_VEC) {
		memset(m->z, 0, sizeof(m->z));
		memset(m->p, 0, sizeof(m->p));
		memset(m->ffr, 0, sizeof(m->ffr));
		m->fpsr = SMEKVM_FPSR_AFTER_SM_CHANGE;
		m->fpmr = 0;
	}
	if (zeroes & SMEKVM_ZERO_ZA) {
		memset(m->za, 0, sizeof(m->za));
		memset(m->zt0, 0, sizeof(m->zt0));
	}
	m->svcr = val;
	return 0;
}

/* VLS write (abi-vls-*): returns errno, sets *@max_vq. */
static int set_vls(struct smekvm_model *m, const __u64 *offered,
		   unsigned int limit_vq, const __u64 *vls,
		   unsigned int *max_vq)
{
	unsigned int vq, max = 0;
	int err = EPERM;

	if (m->finalized)
		return err;
	err = EINVAL;
	for (vq = 1; vq <= 64 * VLS_WORDS; vq++)
		if (vls_has(vls, vq))
			max = vq;
	if (!max || max > limit_vq)
		return err;
	if (vls_known(offered)) {
		for (vq = 1; vq <= max; vq++)
			if (vls_has(vls, vq) != vls_has(offered, vq))
				return err;
	}
	*max_vq = max;
	return 0;
}

static unsigned int vls_max(const __u64 *v, unsigned int limit)
{
	unsigned int vq;

	for (vq = limit; vq > 0; vq--)
		if (vls_has(v, vq))
			return vq;
	return limit;
}

int smekvm_model_set(struct smekvm_model *m, __u64 id, const void *buf)
{
	int err = smekvm_model_access_err(m, id, false);
	__u64 val = 0, vls[VLS_WORDS];
	__u32 val32;

	if (err)
		return err;

	switch (smekvm_model_reg_class(id, NULL)) {
	case SMEKVM_RC_SVCR:
		memcpy(&val, buf, sizeof(val));
		return set_svcr(m, val);
	case SMEKVM_RC_FPMR:
		memcpy(&m->fpmr, buf, sizeof(m->fpmr));
		return 0;
	case SMEKVM_RC_FPSR:
	case SMEKVM_RC_FPCR:
		memcpy(&val32, buf, sizeof(val32));
		*(id == SMEKVM_FPSR ? &m->fpsr : &m->fpcr) = val32;
		return 0;
	case SMEKVM_RC_SVE_VLS:
		memcpy(vls, buf, sizeof(vls));
		return set_vls(m, m->sve_offered,
			       vls_known(m->sve_offered) ?
			       vls_max(m->sve_offered, 512) : 512,
			       vls, &m->cfg.sve_vq);
	case SMEKVM_RC_SME_VLS:
		memcpy(vls, buf, sizeof(vls));
		return set_vls(m, m->sme_offered,
			       vls_known(m->sme_offered) ?
			       vls_max(m->sme_offered, 16) : 16,
			       vls, &m->cfg.sme_vq);
	default:
		memcpy(reg_store(m, id), buf, smekvm_model_reg_bytes(m, id));
		return 0;
	}
}
