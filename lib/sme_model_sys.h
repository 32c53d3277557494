/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_model_sys.h - the reference model beyond a vcpu's vector state: the
 * life of a vcpu (KVM_ARM_VCPU_INIT, again, FINALIZE), the VM-wide
 * configuration that decides its registers (its vcpus' features, the ID
 * register fields that hide SME2 and FA64) and the SME system registers
 * SMCR_EL1, SMPRI_EL1, TPIDR2_EL0 and SMIDR_EL1.
 *
 * sme_model.h predicts every access to the FP/SVE/SME register state of
 * one vcpu whose configuration is given; this file predicts how that
 * configuration comes about and changes, for tests that drive whole
 * sequences of calls (sme_fuzz): which INIT succeeds, what a second INIT
 * resets, which ID register write is accepted and what it hides, and
 * what the system registers the state model leaves out read and accept.
 * Like sme_model.h it needs no vcpu and no KVM: the host's offer is an
 * input (struct smekvm_model_host).
 *
 * Rules: abi-init-*, abi-reset-*, abi-vls-init-offered, abi-final-*,
 * abi-idreg-*, abi-smcr-user-mask, abi-smcr-user-read-mask,
 * abi-smpri-user-*, abi-smidr-*, abi-sysreg-*.  Where doc/abi.md is
 * silent the prediction is Linux's documented or long-standing behaviour,
 * said at the function: api.rst's "same features on every INIT", ENOEXEC
 * before INIT, EINVAL for a feature the host lacks.
 */
#ifndef SMEKVM_SME_MODEL_SYS_H
#define SMEKVM_SME_MODEL_SYS_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

#include "sme_model.h"

/* What the host offers to vcpus. */
struct smekvm_model_host {
	bool sve;			/* KVM_ARM_VCPU_SVE can be given */
	bool sme;			/* KVM_ARM_VCPU_SME can be given */
	bool sme2;			/* PFR1.SME 2 for SME vcpus */
	bool fa64;			/* SMFR0.FA64 for SME vcpus */
	bool fpmr;			/* FEAT_FPMR: FPMR exists */
	__u64 sve_vls[8];		/* offered VQs, VLS register format */
	__u64 sme_vls[8];
	bool smidr_known;		/* @smidr holds abi-smidr-value */
	__u64 smidr;
};

/* The VM-wide state that decides its vcpus' registers. */
struct smekvm_model_vm {
	bool configured;	/* a vcpu of it was INITialised */
	__u32 features;		/* of its vcpus (features[0]), once set */
	unsigned int pfr1_sme;	/* ID_AA64PFR1_EL1.SME */
	bool fa64;		/* ID_AA64SMFR0_EL1.FA64 */
	bool ran;		/* a vcpu of it entered the guest (KVM_RUN) */
};

/* What of a vcpu the state model (struct smekvm_model) does not hold. */
struct smekvm_model_vcpu {
	bool inited;		/* KVM_ARM_VCPU_INIT succeeded once */
	__u64 smcr;		/* SMCR_EL1 as stored (masked on writes) */
	__u64 tpidr2;
	bool tpidr2_known;	/* written since the last INIT */
};

/* The feature bits INIT knows: 0 to KVM_ARM_VCPU_SME. */
#define SMEKVM_MODEL_VALID_FEATURES	((1U << (KVM_ARM_VCPU_SME + 1)) - 1)

/*
 * The errno of KVM_ARM_VCPU_INIT with @features of a vcpu of @vm (@v:
 * its state): ENOENT for a feature bit above 9 (abi-init-unknown-bit-
 * enoent); EINVAL for SVE or SME the host lacks (abi-init-sme-
 * unavailable-einval; Linux does the same for SVE), for SME with
 * KVM_ARM_VCPU_EL1_32BIT (abi-init-el1-32bit-einval) or with
 * KVM_ARM_VCPU_HAS_EL2 (abi-nv-el2-init-einval), and for features
 * other than the VM's once one of its vcpus was initialised (api.rst:
 * every INIT of a vcpu uses the same features; Linux keeps one set per
 * VM); else 0 (abi-init-sve-optional, abi-cap-gates-init).  Only SVE, SME,
 * and EL1_32BIT and HAS_EL2 with SME, among the known bits are predicted.
 */
int smekvm_model_init_err(const struct smekvm_model_host *h,
			  const struct smekvm_model_vm *vm,
			  const struct smekvm_model_vcpu *v, __u32 features);

/*
 * A successful INIT with @features: the first of the vcpu (state model
 * @m made afresh with the host's VL sets and the VM's ID registers, @vm
 * configured) or another one (abi-reset-*: the register state reads its
 * reset values again; a finalised vcpu stays finalised with its vector
 * lengths, abi-final-both, while one that is not gets the offered sets
 * back, abi-vls-init-offered).
 */
void smekvm_model_vcpu_init(const struct smekvm_model_host *h,
			    struct smekvm_model_vm *vm,
			    struct smekvm_model_vcpu *v,
			    struct smekvm_model *m, __u32 features);

/*
 * Bring @m's configuration up to date with the ID registers of @vm (after
 * an ID register write by any of its vcpus).
 */
void smekvm_model_vm_apply(const struct smekvm_model_vm *vm,
			   struct smekvm_model *m);

/*
 * Whether KVM_ARM_GET_REG_WRITABLE_MASKS of @vm reports the SME fields
 * (ID_AA64PFR1_EL1.SME, ID_AA64SMFR0_EL1) writable: only once its vcpus
 * were initialised with SME (abi-idreg-writable-masks).
 */
bool smekvm_model_sme_fields_writable(const struct smekvm_model_vm *vm);

/* The ID register fields the model predicts writes of. */
enum smekvm_model_idfield {
	SMEKVM_IDF_PFR1_SME,	/* ID_AA64PFR1_EL1.SME */
	SMEKVM_IDF_SMFR0_FA64,	/* ID_AA64SMFR0_EL1.FA64 */
	SMEKVM_NR_IDFIELDS
};

/* The register and the mask of @f. */
__u64 smekvm_model_idfield_reg(enum smekvm_model_idfield f);
__u64 smekvm_model_idfield_mask(enum smekvm_model_idfield f);

/* The value @f reads for the vcpus of @vm (abi-idreg-nosme-zero). */
unsigned int smekvm_model_idfield_get(const struct smekvm_model_vm *vm,
				      enum smekvm_model_idfield f);

/*
 * Writing @val to field @f of a configured VM, the rest of the register
 * unchanged: its errno, and on success its effect on @vm.  Once a vcpu
 * of the VM has run, the ID registers are fixed: a write of the value
 * they hold succeeds and changes nothing, any other is EBUSY (Linux:
 * set_id_reg(); a value refused before the run may get that EINVAL
 * instead, the order of the two checks being unspecified: callers accept
 * either).  Before that, on a VM of vcpus with SME, PFR1.SME
 * takes 1 up to the host's value (abi-idreg-pfr1-sme2-to-1) and refuses
 * 0 (abi-idreg-pfr1-sme-zero-refused) and more (abi-idreg-above-host-
 * refused); FA64 takes 0 (abi-idreg-fa64-clear) and the host's value
 * (vcpu-features.rst: any value up to the host's).  Without SME both
 * fields are 0 and take only 0.
 * Refusals are EINVAL and change nothing (abi-idreg-refused-einval).
 */
int smekvm_model_idfield_set(const struct smekvm_model_host *h,
			     struct smekvm_model_vm *vm,
			     enum smekvm_model_idfield f, unsigned int val);

/* The SME system registers the state model leaves out. */
enum smekvm_model_sysreg {
	SMEKVM_SYSREG_NONE,
	SMEKVM_SYSREG_SMCR_EL1,
	SMEKVM_SYSREG_SMPRI_EL1,
	SMEKVM_SYSREG_TPIDR2_EL0,
	SMEKVM_SYSREG_SMIDR_EL1,
};

/* Which of them @id is (SMEKVM_SYSREG_NONE: another register). */
enum smekvm_model_sysreg smekvm_model_sysreg_of(__u64 id);

static inline bool smekvm_model_sysreg_is(__u64 id)
{
	return smekvm_model_sysreg_of(id) != SMEKVM_SYSREG_NONE;
}

/*
 * KVM_GET_ONE_REG of such an @id from a vcpu initialised with the
 * configuration of @m: its errno (ENOENT without SME, abi-sysreg-absent)
 * and the value in *@val, with *@known false where no rule says what it
 * reads (TPIDR2_EL0 before a write, SMIDR_EL1 when the host's value is
 * unknown).  SMCR_EL1 reads what was stored, masked by the VM's ID
 * registers now (abi-smcr-user-read-mask, abi-reset-smcr-zero), SMPRI_EL1
 * 0 (abi-smpri-user-zero), SMIDR_EL1 the host's value (abi-smidr-value).
 */
int smekvm_model_sysreg_get(const struct smekvm_model_host *h,
			    const struct smekvm_model *m,
			    const struct smekvm_model_vcpu *v, __u64 id,
			    __u64 *val, bool *known);

/*
 * KVM_SET_ONE_REG of @val to such an @id: its errno and its effect.
 * SMCR_EL1 stores @val masked (abi-smcr-user-mask), SMPRI_EL1 takes only
 * 0 (abi-smpri-user-nonzero-einval), SMIDR_EL1 only its own value
 * (abi-smidr-user-write; unpredictable, and -1 returned, while that value
 * is unknown).
 */
int smekvm_model_sysreg_set(const struct smekvm_model_host *h,
			    const struct smekvm_model *m,
			    struct smekvm_model_vcpu *v, __u64 id, __u64 val);

/*
 * Whether a KVM_SET_ONE_REG of @id with a buffer that faults may give
 * EFAULT even where the model's first row is another errno: Linux reads
 * the value of a system register (any ARM64_SYS_REG ID, SVCR and FPMR
 * included) before it looks the register up, and abi-onereg-order,
 * whose conditions are those of the vector and matrix registers, does not
 * order that case.
 */
bool smekvm_model_set_efault_first(__u64 id);

/*
 * How many bytes of its buffer a KVM_SET_ONE_REG of @id reads when the
 * access is allowed: Z, P, FFR and ZA rows their payload at the current
 * VL, whose rest is ignored (abi-payload-zp-pad, abi-payload-za-truncate)
 * and not read, so a buffer that faults only beyond it is no bad buffer;
 * every other register its size.  (abi-onereg-efault: "cannot be read in
 * full" is read as the bytes the access uses.)  A read writes the whole
 * size, the padding included.
 */
size_t smekvm_model_set_reads(const struct smekvm_model *m, __u64 id);

/* KVM_ARM_VCPU_INIT: no ONE_REG, FINALIZE or REG_LIST before it (Linux). */
#define SMEKVM_MODEL_UNINIT_ERRNO	ENOEXEC

#endif /* SMEKVM_SME_MODEL_SYS_H */
