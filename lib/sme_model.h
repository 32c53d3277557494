/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_model.h - reference model of a vcpu's FP/SVE/SME register state as
 * shared/ABI.md sections 3-7 define it.
 *
 * This is the single place that encodes which vector and matrix registers
 * exist for a vcpu configuration in each SVCR state, and in which order
 * KVM_GET_REG_LIST names them.  The host-side conformance tests and the
 * get-reg-list generator both derive their expectations from it.
 *
 * The functions here depend only on the configuration and SVCR; they need
 * no vcpu and no KVM.
 */
#ifndef SMEKVM_SME_MODEL_H
#define SMEKVM_SME_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

/* What decides the vector and matrix registers of a finalised vcpu. */
struct smekvm_model_cfg {
	bool sve;		/* KVM_ARM_VCPU_SVE */
	bool sme;		/* KVM_ARM_VCPU_SME */
	bool sme2;		/* ID_AA64PFR1_EL1.SME >= 2 (ZT0 exists) */
	bool fa64;		/* ID_AA64SMFR0_EL1.FA64 (streaming FFR) */
	unsigned int sve_vq;	/* maximum SVE VQ, when sve */
	unsigned int sme_vq;	/* maximum SME VQ (SVL / 128), when sme */
};

#define SMEKVM_SVCR_SM		(1ULL << 0)
#define SMEKVM_SVCR_ZA		(1ULL << 1)
#define SMEKVM_SVCR_VALID	(SMEKVM_SVCR_SM | SMEKVM_SVCR_ZA)

/* ABI.md section 4: which registers exist in SVCR state @svcr. */
bool smekvm_model_has_zp(const struct smekvm_model_cfg *cfg, __u64 svcr);
bool smekvm_model_has_ffr(const struct smekvm_model_cfg *cfg, __u64 svcr);
/* FPSIMD V registers as core registers (KVM_REG_ARM_CORE, U128). */
bool smekvm_model_has_core_vregs(const struct smekvm_model_cfg *cfg,
				 __u64 svcr);
bool smekvm_model_has_za(const struct smekvm_model_cfg *cfg, __u64 svcr);
bool smekvm_model_has_zt0(const struct smekvm_model_cfg *cfg, __u64 svcr);

/* The VQ of Z/P/FFR in SVCR state @svcr: the SVL in streaming mode. */
unsigned int smekvm_model_zp_vq(const struct smekvm_model_cfg *cfg,
				__u64 svcr);

/*
 * The IDs of the SVE block followed by the SME block of KVM_GET_REG_LIST
 * (ABI.md section 6): SVE_VLS (with SVE), Z0-Z31, P0-P15, FFR when they
 * exist, then SME_VLS (with SME), the ZA rows and ZT0 when they exist.
 * Writes at most @max IDs to @ids (which may be NULL) and returns how many
 * there are in all.
 */
size_t smekvm_model_vec_reg_ids(const struct smekvm_model_cfg *cfg,
				__u64 svcr, __u64 *ids, size_t max);

#endif /* SMEKVM_SME_MODEL_H */
