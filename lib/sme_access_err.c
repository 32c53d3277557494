// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_access_err.c - the expected outcome of a ONE_REG access to a vector
 * or matrix register (abi-onereg-*, abi-vls-final-eperm).
 */
#include <errno.h>
#include <linux/kernel.h>
#include <linux/kvm.h>

#include "kselftest.h"
#include "sme_access_err.h"
#include "sme_model.h"
#include "sme_profile.h"
#include "sme_uapi.h"
#include "sme_vcpu.h"

#define INDEX_MASK	0xffffULL
#define SLICE_MASK	0x1fULL
#define ID_GROUP(id)	((id) & ~(KVM_REG_SIZE_MASK | INDEX_MASK))

/* Rows of the table in their order, and their errno. */
static const struct {
	unsigned int cond;
	int err;
} table[] = {
	{ SMEKVM_ACC_NOENT,	ENOENT },
	{ SMEKVM_ACC_MALFORMED,	EINVAL },
	{ SMEKVM_ACC_BUSY,	EBUSY },
	{ SMEKVM_ACC_UNFINAL,	EPERM },
	{ SMEKVM_ACC_FINAL,	EPERM },
	{ SMEKVM_ACC_FAULT,	EFAULT },
};

static bool is_vreg(__u64 id)
{
	unsigned int n;

	for (n = 0; n < 32; n++)
		if (id == SMEKVM_VREG(n))
			return true;
	return false;
}

bool smekvm_access_covers(__u64 id)
{
	return smekvm_reg_is_sve(id) || smekvm_reg_is_sme(id) ||
	       is_vreg(id);
}

/* SVE_VLS or SME_VLS: exists with the feature; writable until finalise. */
static unsigned int vls_conds(const struct smekvm_access *a, bool has)
{
	if (!has)
		return SMEKVM_ACC_NOENT;
	return a->set && a->finalized ? SMEKVM_ACC_FINAL : 0;
}

static unsigned int sve_group_conds(const struct smekvm_access *a, __u64 id)
{
	const struct smekvm_model_cfg *cfg = a->cfg;
	__u64 size = id & KVM_REG_SIZE_MASK, index = id & INDEX_MASK;
	unsigned int conds = 0;
	bool ffr;

	if (id == KVM_REG_ARM64_SVE_VLS)
		return vls_conds(a, cfg->sve);

	if (ID_GROUP(id) == (KVM_REG_ARM64 | KVM_REG_ARM64_SVE) &&
	    size == KVM_REG_SIZE_U2048 && index < 0x400) {
		ffr = false;		/* Z */
	} else if (ID_GROUP(id) == (KVM_REG_ARM64 | KVM_REG_ARM64_SVE) &&
		   size == KVM_REG_SIZE_U256 && index >= 0x400 &&
		   index < 0x620) {
		ffr = index >= 0x600;	/* P or FFR */
	} else {
		/*
		 * Not a register of the group: ENOENT on a vcpu with SME,
		 * the historical EINVAL otherwise.
		 */
		return cfg->sme ? SMEKVM_ACC_NOENT : SMEKVM_ACC_MALFORMED;
	}

	if ((index & SLICE_MASK) || !smekvm_model_has_zp(cfg, a->svcr) ||
	    (ffr && !smekvm_model_has_ffr(cfg, a->svcr)))
		conds |= SMEKVM_ACC_NOENT;
	if (!a->finalized && (cfg->sve || cfg->sme))
		conds |= SMEKVM_ACC_UNFINAL;
	return conds;
}

static unsigned int sme_group_conds(const struct smekvm_access *a, __u64 id)
{
	const struct smekvm_model_cfg *cfg = a->cfg;
	__u64 size = id & KVM_REG_SIZE_MASK, index = id & INDEX_MASK;
	unsigned int conds = 0;

	if (ID_GROUP(id) != (KVM_REG_ARM64 | KVM_REG_ARM64_SME) || !cfg->sme)
		return SMEKVM_ACC_NOENT;
	if (id == KVM_REG_ARM64_SME_VLS)
		return vls_conds(a, true);

	/*
	 * Every row whose condition holds is noted, so that the order of
	 * the table decides between them.
	 */
	if (size == KVM_REG_SIZE_U2048 && index < 0x2000) {
		/* ZA row (index >> 5), slice (index & 31) */
		if (index & SLICE_MASK)
			conds |= SMEKVM_ACC_NOENT;
		if ((index >> 5) >= SMEKVM_ZA_ROWS(cfg->sme_vq))
			conds |= SMEKVM_ACC_MALFORMED;
	} else if (id == KVM_REG_ARM64_SME_ZT0) {
		if (!cfg->sme2)
			conds |= SMEKVM_ACC_NOENT;
	} else {
		return SMEKVM_ACC_NOENT;
	}

	if (!(a->svcr & SMEKVM_SVCR_ZA))
		conds |= SMEKVM_ACC_BUSY;
	if (!a->finalized)
		conds |= SMEKVM_ACC_UNFINAL;
	return conds;
}

static unsigned int table_conds(const struct smekvm_access *a, __u64 id)
{
	unsigned int conds;

	if (smekvm_reg_is_sve(id))
		conds = sve_group_conds(a, id);
	else if (smekvm_reg_is_sme(id))
		conds = sme_group_conds(a, id);
	else if (is_vreg(id))
		conds = smekvm_model_has_core_vregs(a->cfg, a->svcr) ?
			0 : SMEKVM_ACC_MALFORMED;
	else
		conds = SMEKVM_ACC_NOENT;

	if (a->bad_ptr)
		conds |= SMEKVM_ACC_FAULT;
	return conds;
}

/* The rows the reference model (lib/sme_model.h) says apply. */
static unsigned int model_conds(const struct smekvm_access *a, __u64 id)
{
	int errs[SMEKVM_MODEL_MAX_ERRS];
	struct smekvm_model m;
	unsigned int n, i, j, conds = 0;

	smekvm_model_init(&m, a->cfg);
	m.svcr = a->svcr;
	m.finalized = a->finalized;
	n = smekvm_model_access_errs(&m, id, a->bad_ptr, errs);
	for (i = 0; i < n; i++)
		for (j = 0; j < ARRAY_SIZE(table); j++)
			if (errs[i] == table[j].err &&
			    table[j].cond != SMEKVM_ACC_FINAL)
				conds |= table[j].cond;
	/* The model leaves VLS writes after finalise to its set function. */
	if (a->set && a->finalized &&
	    ((id == KVM_REG_ARM64_SVE_VLS && a->cfg->sve) ||
	     (id == KVM_REG_ARM64_SME_VLS && a->cfg->sme)))
		conds |= SMEKVM_ACC_FINAL;
	return conds;
}

/*
 * The model decides; the table above is kept as a second opinion, and an
 * access on which the two disagree is reported and fails, since one of
 * them is then wrong.
 */
unsigned int smekvm_access_conds(const struct smekvm_access *a, __u64 id)
{
	unsigned int table = table_conds(a, id), model;

	if (!smekvm_model_tracks(id))
		return table;
	model = model_conds(a, id);
	if (smekvm_access_errno(model) == smekvm_access_errno(table))
		return model | table;
	ksft_print_msg("0x%llx (SVCR %llu, %sfinalised%s): model %d, table %d\n",
		       id, a->svcr, a->finalized ? "" : "not ",
		       a->bad_ptr ? ", bad pointer" : "",
		       smekvm_access_errno(model), smekvm_access_errno(table));
	return model | SMEKVM_ACC_DISAGREE;
}

int smekvm_access_errno(unsigned int conds)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(table); i++)
		if (conds & table[i].cond)
			return table[i].err;
	return 0;
}

bool smekvm_access_err_ok(unsigned int conds, int err)
{
	unsigned int i;

	if (conds & SMEKVM_ACC_DISAGREE)
		return false;
	if (err == smekvm_access_errno(conds))
		return true;
	if (!conds || smekvm_profile_has(SMEKVM_RULE_ERROR_ORDER))
		return false;
	for (i = 0; i < ARRAY_SIZE(table); i++)
		if ((conds & table[i].cond) && err == table[i].err)
			return true;
	return false;
}
