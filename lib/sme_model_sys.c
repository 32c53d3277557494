// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_model_sys.c - the reference model of a vcpu's life, its VM's
 * configuration and the SME system registers (see sme_model_sys.h).
 */
#include <errno.h>
#include <string.h>
#include <linux/bits.h>
#include <linux/kvm.h>

#include "sme_model_sys.h"
#include "sme_uapi.h"

#define SYSREG(op0, op1, crn, crm, op2)					\
	((__u64)ARM64_SYS_REG(op0, op1, crn, crm, op2))
#define ID_PFR1		SYSREG(3, 0, 0, 4, 1)
#define ID_SMFR0	SYSREG(3, 0, 0, 4, 5)
#define SMCR_EL1	SYSREG(3, 0, 1, 2, 6)
#define SMPRI_EL1	SYSREG(3, 0, 1, 2, 4)
#define TPIDR2_EL0	SYSREG(3, 3, 13, 0, 5)
#define SMIDR_EL1	SYSREG(3, 1, 0, 0, 6)

#define PFR1_SME_MASK	GENMASK_ULL(27, 24)
#define SMFR0_FA64_MASK	BIT_ULL(63)
#define SMCR_LEN	GENMASK_ULL(3, 0)
#define SMCR_EZT0	BIT_ULL(30)
#define SMCR_FA64	BIT_ULL(31)

static bool has(__u32 features, unsigned int bit)
{
	return features & (1U << bit);
}

int smekvm_model_init_err(const struct smekvm_model_host *h,
			  const struct smekvm_model_vm *vm,
			  const struct smekvm_model_vcpu *v, __u32 features)
{
	bool sme = has(features, KVM_ARM_VCPU_SME);
	int err = ENOENT;

	if (features & ~SMEKVM_MODEL_VALID_FEATURES)
		return err;
	err = EINVAL;
	if ((has(features, KVM_ARM_VCPU_SVE) && !h->sve) || (sme && !h->sme))
		return err;
	if (sme && (has(features, KVM_ARM_VCPU_EL1_32BIT) ||
		    has(features, KVM_ARM_VCPU_HAS_EL2)))
		return err;
	/* A vcpu initialised before is of a configured VM. */
	if (vm->configured && features != vm->features)
		return err;
	return 0;
}

/* The largest VQ of a VLS set (0 for none). */
static unsigned int vls_max(const __u64 *vls)
{
	unsigned int vq;

	for (vq = 8 * 64; vq > 0; vq--)
		if (vls[(vq - 1) / 64] & BIT_ULL((vq - 1) % 64))
			return vq;
	return 0;
}

void smekvm_model_vm_apply(const struct smekvm_model_vm *vm,
			   struct smekvm_model *m)
{
	m->cfg.sme2 = m->cfg.sme && vm->pfr1_sme >= 2;
	m->cfg.fa64 = m->cfg.sme && vm->fa64;
}

void smekvm_model_vcpu_init(const struct smekvm_model_host *h,
			    struct smekvm_model_vm *vm,
			    struct smekvm_model_vcpu *v,
			    struct smekvm_model *m, __u32 features)
{
	struct smekvm_model_cfg cfg = {
		.sve = has(features, KVM_ARM_VCPU_SVE),
		.sme = has(features, KVM_ARM_VCPU_SME),
		.fpmr = h->fpmr,
	};
	bool finalized = v->inited && m->finalized;

	if (!vm->configured) {
		/* The ID registers take their values at the first INIT. */
		vm->configured = true;
		vm->features = features;
		vm->pfr1_sme = cfg.sme ? (h->sme2 ? 2 : 1) : 0;
		vm->fa64 = cfg.sme && h->fa64;
	}
	if (finalized) {
		/* The vector lengths stay as they were finalised. */
		cfg.sve_vq = m->cfg.sve_vq;
		cfg.sme_vq = m->cfg.sme_vq;
	} else {
		cfg.sve_vq = cfg.sve ? vls_max(h->sve_vls) : 0;
		cfg.sme_vq = cfg.sme ? vls_max(h->sme_vls) : 0;
	}
	smekvm_model_init(m, &cfg);
	smekvm_model_set_offered(m, h->sve_vls, h->sme_vls);
	m->finalized = finalized;
	smekvm_model_vm_apply(vm, m);

	v->inited = true;
	v->smcr = 0;
	v->tpidr2 = 0;
	v->tpidr2_known = false;
}

bool smekvm_model_sme_fields_writable(const struct smekvm_model_vm *vm)
{
	return vm->configured && has(vm->features, KVM_ARM_VCPU_SME);
}

__u64 smekvm_model_idfield_reg(enum smekvm_model_idfield f)
{
	return f == SMEKVM_IDF_PFR1_SME ? ID_PFR1 : ID_SMFR0;
}

__u64 smekvm_model_idfield_mask(enum smekvm_model_idfield f)
{
	return f == SMEKVM_IDF_PFR1_SME ? PFR1_SME_MASK : SMFR0_FA64_MASK;
}

unsigned int smekvm_model_idfield_get(const struct smekvm_model_vm *vm,
				      enum smekvm_model_idfield f)
{
	return f == SMEKVM_IDF_PFR1_SME ? vm->pfr1_sme : vm->fa64;
}

int smekvm_model_idfield_set(const struct smekvm_model_host *h,
			     struct smekvm_model_vm *vm,
			     enum smekvm_model_idfield f, unsigned int val)
{
	bool sme = has(vm->features, KVM_ARM_VCPU_SME);
	int err = EINVAL;

	if (vm->ran)
		return val == smekvm_model_idfield_get(vm, f) ? 0 : EBUSY;
	if (f == SMEKVM_IDF_PFR1_SME) {
		if (!sme ? val : !val || val > (h->sme2 ? 2U : 1U))
			return err;
		vm->pfr1_sme = val;
		return 0;
	}
	if (val > (sme && h->fa64))
		return err;
	vm->fa64 = val;
	return 0;
}

enum smekvm_model_sysreg smekvm_model_sysreg_of(__u64 id)
{
	switch (id) {
	case SMCR_EL1:
		return SMEKVM_SYSREG_SMCR_EL1;
	case SMPRI_EL1:
		return SMEKVM_SYSREG_SMPRI_EL1;
	case TPIDR2_EL0:
		return SMEKVM_SYSREG_TPIDR2_EL0;
	case SMIDR_EL1:
		return SMEKVM_SYSREG_SMIDR_EL1;
	default:
		return SMEKVM_SYSREG_NONE;
	}
}

/* The SMCR_EL1 bits the VM's ID registers let userspace see and set. */
static __u64 smcr_mask(const struct smekvm_model *m)
{
	return SMCR_LEN | (m->cfg.fa64 ? SMCR_FA64 : 0) |
	       (m->cfg.sme2 ? SMCR_EZT0 : 0);
}

int smekvm_model_sysreg_get(const struct smekvm_model_host *h,
			    const struct smekvm_model *m,
			    const struct smekvm_model_vcpu *v, __u64 id,
			    __u64 *val, bool *known)
{
	int err = ENOENT;

	*val = 0;
	*known = true;
	if (!m->cfg.sme)
		return err;
	if (id == SMCR_EL1) {
		*val = v->smcr & smcr_mask(m);
	} else if (id == TPIDR2_EL0) {
		*val = v->tpidr2;
		*known = v->tpidr2_known;
	} else if (id == SMIDR_EL1) {
		*val = h->smidr;
		*known = h->smidr_known;
	}
	return 0;
}

int smekvm_model_sysreg_set(const struct smekvm_model_host *h,
			    const struct smekvm_model *m,
			    struct smekvm_model_vcpu *v, __u64 id, __u64 val)
{
	int err = ENOENT;

	if (!m->cfg.sme)
		return err;
	err = 0;
	if (id == SMCR_EL1) {
		v->smcr = val & smcr_mask(m);
	} else if (id == TPIDR2_EL0) {
		v->tpidr2 = val;
		v->tpidr2_known = true;
	} else if (id == SMPRI_EL1) {
		err = val ? EINVAL : 0;
	} else if (id == SMIDR_EL1) {
		err = !h->smidr_known ? -1 : val == h->smidr ? 0 : EINVAL;
	}
	return err;
}

bool smekvm_model_set_efault_first(__u64 id)
{
	return (id & (KVM_REG_ARCH_MASK | KVM_REG_ARM_COPROC_MASK)) ==
	       (KVM_REG_ARM64 | KVM_REG_ARM64_SYSREG);
}

size_t smekvm_model_set_reads(const struct smekvm_model *m, __u64 id)
{
	size_t bytes;

	switch (smekvm_model_reg_class(id, NULL)) {
	case SMEKVM_RC_Z:
	case SMEKVM_RC_P:
	case SMEKVM_RC_FFR:
	case SMEKVM_RC_ZA:
		bytes = smekvm_model_reg_bytes(m, id);
		if (bytes)
			return bytes;
		break;
	default:
		break;
	}
	return KVM_REG_SIZE(id);
}
