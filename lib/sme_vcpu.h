/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_vcpu.h - host-side helpers for vcpus with SVE and SME (doc/abi.md).
 *
 *  - vector length bitmaps in the SVE_VLS/SME_VLS layout (smekvm_vls_*);
 *  - creating a vcpu with an explicit feature set, independent of the NV
 *    environment variable, optionally with SME2 or FA64 hidden through the
 *    ID registers (smekvm_vcpu_add);
 *  - KVM_GET_ONE_REG/KVM_SET_ONE_REG of registers of any size, which the
 *    library's vcpu_get_reg()/vcpu_set_reg() (8 bytes at most) cannot do;
 *  - register IDs the uAPI headers have no macro for (the SME system
 *    registers; the core registers of their true size are in sme_model.h).
 *
 * Naming follows the KVM selftests library: __smekvm_x() returns 0 or a
 * positive errno and changes nothing else; smekvm_x() asserts success.
 * Needs the KVM selftests library.
 */
#ifndef SMEKVM_SME_VCPU_H
#define SMEKVM_SME_VCPU_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

#include <kvm_util.h>

#include "sme_model.h"
#include "sme_uapi.h"

/* Payload of the largest vector register (U2048). */
#define SMEKVM_REG_MAX_BYTES		256

/*
 * Register sizes at a VQ (SMEKVM_ZREG_BYTES() and the like), the IDs of
 * the V registers, FPSR and FPCR (SMEKVM_VREG() and the like) and the FPSR
 * an SM change leaves come from the model, sme_model.h.
 */

/* Register IDs of the SME system registers (abi-regid-sysregs). */
#define SMEKVM_SVCR		KVM_ARM64_SYS_REG(SYS_SVCR)
#define SMEKVM_SMCR_EL1		KVM_ARM64_SYS_REG(SYS_SMCR_EL1)
#define SMEKVM_SMPRI_EL1	KVM_ARM64_SYS_REG(SYS_SMPRI_EL1)
#define SMEKVM_TPIDR2_EL0	KVM_ARM64_SYS_REG(SYS_TPIDR2_EL0)
#define SMEKVM_SMIDR_EL1	KVM_ARM64_SYS_REG(SYS_SMIDR_EL1)
#define SMEKVM_ID_AA64PFR1_EL1	KVM_ARM64_SYS_REG(SYS_ID_AA64PFR1_EL1)
#define SMEKVM_ID_AA64SMFR0_EL1	KVM_ARM64_SYS_REG(SYS_ID_AA64SMFR0_EL1)

/* Whether @id is in the SVE group (Z, P, FFR, SVE_VLS) or the SME group. */
static inline bool smekvm_reg_is_sve(__u64 id)
{
	return (id & KVM_REG_ARCH_MASK) == KVM_REG_ARM64 &&
	       (id & KVM_REG_ARM_COPROC_MASK) == KVM_REG_ARM64_SVE;
}

static inline bool smekvm_reg_is_sme(__u64 id)
{
	return (id & KVM_REG_ARCH_MASK) == KVM_REG_ARM64 &&
	       (id & KVM_REG_ARM_COPROC_MASK) == KVM_REG_ARM64_SME;
}

/*
 * Vector length sets: bit (VQ - 1) of the little-endian 64-bit words,
 * the format of KVM_REG_ARM64_SVE_VLS and KVM_REG_ARM64_SME_VLS.
 */
#define SMEKVM_VLS_MAX_VQ	(KVM_ARM64_SVE_VLS_WORDS * 64)

struct smekvm_vls {
	__u64 w[KVM_ARM64_SVE_VLS_WORDS];
};

_Static_assert(sizeof(struct smekvm_vls) == 64, "VLS register is U512");

static inline bool smekvm_vls_has(const struct smekvm_vls *v, unsigned int vq)
{
	return vq >= 1 && vq <= SMEKVM_VLS_MAX_VQ &&
	       (v->w[(vq - 1) / 64] >> ((vq - 1) % 64)) & 1;
}

static inline void smekvm_vls_add(struct smekvm_vls *v, unsigned int vq)
{
	if (vq >= 1 && vq <= SMEKVM_VLS_MAX_VQ)
		v->w[(vq - 1) / 64] |= 1ULL << ((vq - 1) % 64);
}

static inline void smekvm_vls_del(struct smekvm_vls *v, unsigned int vq)
{
	if (vq >= 1 && vq <= SMEKVM_VLS_MAX_VQ)
		v->w[(vq - 1) / 64] &= ~(1ULL << ((vq - 1) % 64));
}

/* Largest and smallest VQ of @v, 0 when @v is empty. */
unsigned int smekvm_vls_max(const struct smekvm_vls *v);
unsigned int smekvm_vls_min(const struct smekvm_vls *v);
unsigned int smekvm_vls_count(const struct smekvm_vls *v);
/* The largest VQ of @v below @vq, 0 when there is none. */
unsigned int smekvm_vls_prev(const struct smekvm_vls *v, unsigned int vq);
/* Remove every VQ above @max_vq. */
void smekvm_vls_truncate(struct smekvm_vls *v, unsigned int max_vq);
/* Whether @v has a VQ outside [@min_vq, @max_vq]. */
bool smekvm_vls_outside(const struct smekvm_vls *v, unsigned int min_vq,
			unsigned int max_vq);
/* The VLs of @v in bits, "128 512 2048" or "none"; returns @buf. */
const char *smekvm_vls_str(const struct smekvm_vls *v, char *buf,
			   size_t size);

/*
 * A vcpu configuration.  SME2 and FA64 are hidden through the VM's ID
 * registers (ID_AA64PFR1_EL1.SME 2 -> 1, ID_AA64SMFR0_EL1.FA64 -> 0),
 * which KVM accepts until the VM first runs.
 */
struct smekvm_vcpu_cfg {
	bool sve;		/* KVM_ARM_VCPU_SVE */
	bool sme;		/* KVM_ARM_VCPU_SME */
	bool hide_sme2;
	bool hide_fa64;
	__u32 features;		/* further features[0] bits, e.g. HAS_EL2 */
};

/* The features[0] bits of @cfg. */
__u32 smekvm_cfg_features(const struct smekvm_vcpu_cfg *cfg);

/*
 * Why this host cannot give a vcpu what @cfg asks for (SVE, or an SME2 or
 * FA64 to hide), as a skip reason; NULL when it can. SME itself is the
 * caller's to check (smekvm_skip_unless_kvm_sme()).  Every program skips
 * a configuration the host lacks with this reason, and no other.
 */
const char *smekvm_cfg_host_lacks(const struct smekvm_vcpu_cfg *cfg);

/*
 * The VM's preferred target with exactly @features in features[0]: unlike
 * the library's default, never KVM_ARM_VCPU_HAS_EL2 unless asked for.
 */
void smekvm_vcpu_init_prepare(struct kvm_vm *vm, __u32 features,
			      struct kvm_vcpu_init *init);

/* KVM_ARM_VCPU_INIT of @vcpu with smekvm_vcpu_init_prepare(@features). */
int __smekvm_vcpu_init(struct kvm_vcpu *vcpu, __u32 features);

/* Apply hide_sme2 and hide_fa64 of @cfg; the first failing write's errno. */
int __smekvm_vcpu_apply_cfg(struct kvm_vcpu *vcpu,
			    const struct smekvm_vcpu_cfg *cfg);

/*
 * A vcpu of @vm (created with vm_create()) configured as @cfg, set up by
 * the library's aarch64_vcpu_add() so that it can run @guest_code (may be
 * NULL) once the VM is complete.  Not finalised.
 */
struct kvm_vcpu *smekvm_vcpu_add(struct kvm_vm *vm, __u32 vcpu_id,
				 const struct smekvm_vcpu_cfg *cfg,
				 void *guest_code);

/* KVM_ARM_VCPU_FINALIZE(KVM_ARM_VCPU_VEC). */
int __smekvm_vcpu_finalize(struct kvm_vcpu *vcpu);
void smekvm_vcpu_finalize(struct kvm_vcpu *vcpu);

/* ONE_REG of any size: @buf holds KVM_REG_SIZE(@id) bytes. */
int __smekvm_get_reg(struct kvm_vcpu *vcpu, __u64 id, void *buf);
int __smekvm_set_reg(struct kvm_vcpu *vcpu, __u64 id, const void *buf);
void smekvm_get_reg(struct kvm_vcpu *vcpu, __u64 id, void *buf);
void smekvm_set_reg(struct kvm_vcpu *vcpu, __u64 id, const void *buf);

/* 64-bit registers (system registers, SVCR). */
int __smekvm_set_reg64(struct kvm_vcpu *vcpu, __u64 id, __u64 val);
int __smekvm_get_reg64(struct kvm_vcpu *vcpu, __u64 id, __u64 *val);

/* @id is KVM_REG_ARM64_SVE_VLS or KVM_REG_ARM64_SME_VLS. */
int __smekvm_get_vls(struct kvm_vcpu *vcpu, __u64 id, struct smekvm_vls *v);
int __smekvm_set_vls(struct kvm_vcpu *vcpu, __u64 id,
		     const struct smekvm_vls *v);
void smekvm_get_vls(struct kvm_vcpu *vcpu, __u64 id, struct smekvm_vls *v);
void smekvm_set_vls(struct kvm_vcpu *vcpu, __u64 id,
		    const struct smekvm_vls *v);

/* SVCR: its write has side effects (abi-svcr-*). */
__u64 smekvm_get_svcr(struct kvm_vcpu *vcpu);
void smekvm_set_svcr(struct kvm_vcpu *vcpu, __u64 svcr);

/* The ID register fields that decide SME2 and FA64 for the VM. */
unsigned int smekvm_vcpu_pfr1_sme(struct kvm_vcpu *vcpu);
bool smekvm_vcpu_has_fa64(struct kvm_vcpu *vcpu);

/*
 * Replace the field @mask of ID register @id by @field (unshifted);
 * returns the errno of the write.
 */
int __smekvm_set_id_field(struct kvm_vcpu *vcpu, __u64 id, __u64 mask,
			  __u64 field);

/* Whether the KVM_GET_REG_LIST result @list has @id. */
bool smekvm_reg_list_has(const struct kvm_reg_list *list, __u64 id);

/* Whether the @len bytes at @buf are all zero. */
bool smekvm_is_zero(const void *buf, size_t len);

#endif /* SMEKVM_SME_VCPU_H */
