// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_model.c - reference model of a vcpu's FP/SVE/SME register state
 * (shared/ABI.md sections 3-7).
 */
#include <linux/kvm.h>

#include "sme_model.h"
#include "sme_uapi.h"

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

size_t smekvm_model_vec_reg_ids(const struct smekvm_model_cfg *cfg,
				__u64 svcr, __u64 *ids, size_t max)
{
	unsigned int i, rows;
	size_t n = 0;

	if (cfg->sve)
		put_id(ids, max, &n, KVM_REG_ARM64_SVE_VLS);
	if (smekvm_model_has_zp(cfg, svcr)) {
		for (i = 0; i < 32; i++)
			put_id(ids, max, &n, KVM_REG_ARM64_SVE_ZREG(i, 0));
		for (i = 0; i < 16; i++)
			put_id(ids, max, &n, KVM_REG_ARM64_SVE_PREG(i, 0));
	}
	if (smekvm_model_has_ffr(cfg, svcr))
		put_id(ids, max, &n, KVM_REG_ARM64_SVE_FFR(0));

	if (cfg->sme)
		put_id(ids, max, &n, KVM_REG_ARM64_SME_VLS);
	if (smekvm_model_has_za(cfg, svcr)) {
		/* ABI.md section 3: SVL / 8 horizontal rows. */
		rows = cfg->sme_vq * 16;
		for (i = 0; i < rows; i++)
			put_id(ids, max, &n, KVM_REG_ARM64_SME_ZAHREG(i, 0));
	}
	if (smekvm_model_has_zt0(cfg, svcr))
		put_id(ids, max, &n, KVM_REG_ARM64_SME_ZT0);

	return n;
}
