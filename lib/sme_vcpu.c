// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_vcpu.c - host-side helpers for vcpus with SVE and SME.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <asm/hwcap.h>

#include <kvm_util.h>
#include <processor.h>
#include <test_util.h>

#include "sme_vcpu.h"

unsigned int smekvm_vls_max(const struct smekvm_vls *v)
{
	unsigned int vq;

	for (vq = SMEKVM_VLS_MAX_VQ; vq > 0; vq--)
		if (smekvm_vls_has(v, vq))
			return vq;
	return 0;
}

unsigned int smekvm_vls_min(const struct smekvm_vls *v)
{
	unsigned int vq;

	for (vq = 1; vq <= SMEKVM_VLS_MAX_VQ; vq++)
		if (smekvm_vls_has(v, vq))
			return vq;
	return 0;
}

unsigned int smekvm_vls_count(const struct smekvm_vls *v)
{
	unsigned int i, n = 0;

	for (i = 0; i < KVM_ARM64_SVE_VLS_WORDS; i++)
		n += __builtin_popcountll(v->w[i]);
	return n;
}

unsigned int smekvm_vls_prev(const struct smekvm_vls *v, unsigned int vq)
{
	if (vq > SMEKVM_VLS_MAX_VQ + 1)
		vq = SMEKVM_VLS_MAX_VQ + 1;
	while (vq-- > 1)
		if (smekvm_vls_has(v, vq))
			return vq;
	return 0;
}

void smekvm_vls_truncate(struct smekvm_vls *v, unsigned int max_vq)
{
	unsigned int vq;

	for (vq = max_vq + 1; vq <= SMEKVM_VLS_MAX_VQ; vq++)
		smekvm_vls_del(v, vq);
}

bool smekvm_vls_outside(const struct smekvm_vls *v, unsigned int min_vq,
			unsigned int max_vq)
{
	unsigned int vq;

	for (vq = 1; vq <= SMEKVM_VLS_MAX_VQ; vq++)
		if (smekvm_vls_has(v, vq) && (vq < min_vq || vq > max_vq))
			return true;
	return false;
}

const char *smekvm_vls_str(const struct smekvm_vls *v, char *buf,
			   size_t size)
{
	size_t len = 0;
	unsigned int vq;

	if (!size)
		return buf;
	buf[0] = '\0';
	for (vq = 1; vq <= SMEKVM_VLS_MAX_VQ && len < size; vq++) {
		if (!smekvm_vls_has(v, vq))
			continue;
		len += snprintf(buf + len, size - len, "%s%u", len ? " " : "",
				vq * 128);
	}
	if (!buf[0])
		snprintf(buf, size, "none");
	return buf;
}

__u32 smekvm_cfg_features(const struct smekvm_vcpu_cfg *cfg)
{
	__u32 features = cfg->features;

	if (cfg->sve)
		features |= 1U << KVM_ARM_VCPU_SVE;
	if (cfg->sme)
		features |= 1U << KVM_ARM_VCPU_SME;
	return features;
}

const char *smekvm_cfg_host_lacks(const struct smekvm_vcpu_cfg *cfg)
{
	unsigned long hwcap2 = getauxval(AT_HWCAP2);

	if (cfg->sve && !kvm_has_cap(KVM_CAP_ARM_SVE))
		return "host has no SVE (KVM_CAP_ARM_SVE)";
	if (cfg->hide_sme2 && !(hwcap2 & HWCAP2_SME2))
		return "host has no SME2 to hide";
	if (cfg->hide_fa64 && !(hwcap2 & HWCAP2_SME_FA64))
		return "host has no FA64 to hide";
	return NULL;
}

void smekvm_vcpu_init_prepare(struct kvm_vm *vm, __u32 features,
			      struct kvm_vcpu_init *init)
{
	memset(init, 0, sizeof(*init));
	vm_ioctl(vm, KVM_ARM_PREFERRED_TARGET, init);
	init->features[0] = features;
}

int __smekvm_vcpu_init(struct kvm_vcpu *vcpu, __u32 features)
{
	struct kvm_vcpu_init init;

	smekvm_vcpu_init_prepare(vcpu->vm, features, &init);
	if (__vcpu_ioctl(vcpu, KVM_ARM_VCPU_INIT, &init))
		return errno;
	vcpu->init = init;
	return 0;
}

int __smekvm_set_id_field(struct kvm_vcpu *vcpu, __u64 id, __u64 mask,
			  __u64 field)
{
	__u64 val;
	int err;

	err = __smekvm_get_reg64(vcpu, id, &val);
	if (err)
		return err;
	val = (val & ~mask) | ((field << (__builtin_ffsll(mask) - 1)) & mask);
	return __smekvm_set_reg64(vcpu, id, val);
}

int __smekvm_vcpu_apply_cfg(struct kvm_vcpu *vcpu,
			    const struct smekvm_vcpu_cfg *cfg)
{
	int err = 0;

	if (cfg->hide_sme2)
		err = __smekvm_set_id_field(vcpu, SMEKVM_ID_AA64PFR1_EL1,
					    ID_AA64PFR1_EL1_SME_MASK,
					    ID_AA64PFR1_EL1_SME_IMP);
	if (!err && cfg->hide_fa64)
		err = __smekvm_set_id_field(vcpu, SMEKVM_ID_AA64SMFR0_EL1,
					    ID_AA64SMFR0_EL1_FA64_MASK,
					    ID_AA64SMFR0_EL1_FA64_NI);
	return err;
}

struct kvm_vcpu *smekvm_vcpu_add(struct kvm_vm *vm, __u32 vcpu_id,
				 const struct smekvm_vcpu_cfg *cfg,
				 void *guest_code)
{
	struct kvm_vcpu_init init;
	struct kvm_vcpu *vcpu;
	int err;

	smekvm_vcpu_init_prepare(vm, smekvm_cfg_features(cfg), &init);
	vcpu = aarch64_vcpu_add(vm, vcpu_id, &init, guest_code);

	err = __smekvm_vcpu_apply_cfg(vcpu, cfg);
	TEST_ASSERT(!err, "hiding%s%s in the ID registers: %s",
		    cfg->hide_sme2 ? " SME2" : "",
		    cfg->hide_fa64 ? " FA64" : "", strerror(err));
	return vcpu;
}

int __smekvm_vcpu_finalize(struct kvm_vcpu *vcpu)
{
	int what = KVM_ARM_VCPU_VEC;

	return __vcpu_ioctl(vcpu, KVM_ARM_VCPU_FINALIZE, &what) ? errno : 0;
}

void smekvm_vcpu_finalize(struct kvm_vcpu *vcpu)
{
	int err = __smekvm_vcpu_finalize(vcpu);

	TEST_ASSERT(!err, "KVM_ARM_VCPU_FINALIZE(KVM_ARM_VCPU_VEC): %s",
		    strerror(err));
}

int __smekvm_get_reg(struct kvm_vcpu *vcpu, __u64 id, void *buf)
{
	struct kvm_one_reg reg = { .id = id, .addr = (__u64)buf };

	return __vcpu_ioctl(vcpu, KVM_GET_ONE_REG, &reg) ? errno : 0;
}

int __smekvm_set_reg(struct kvm_vcpu *vcpu, __u64 id, const void *buf)
{
	struct kvm_one_reg reg = { .id = id, .addr = (__u64)buf };

	return __vcpu_ioctl(vcpu, KVM_SET_ONE_REG, &reg) ? errno : 0;
}

void smekvm_get_reg(struct kvm_vcpu *vcpu, __u64 id, void *buf)
{
	int err = __smekvm_get_reg(vcpu, id, buf);

	TEST_ASSERT(!err, "KVM_GET_ONE_REG 0x%llx: %s", id, strerror(err));
}

void smekvm_set_reg(struct kvm_vcpu *vcpu, __u64 id, const void *buf)
{
	int err = __smekvm_set_reg(vcpu, id, buf);

	TEST_ASSERT(!err, "KVM_SET_ONE_REG 0x%llx: %s", id, strerror(err));
}

int __smekvm_get_reg64(struct kvm_vcpu *vcpu, __u64 id, __u64 *val)
{
	TEST_ASSERT(KVM_REG_SIZE(id) == sizeof(*val),
		    "register 0x%llx is not 64-bit", id);
	return __smekvm_get_reg(vcpu, id, val);
}

int __smekvm_set_reg64(struct kvm_vcpu *vcpu, __u64 id, __u64 val)
{
	TEST_ASSERT(KVM_REG_SIZE(id) == sizeof(val),
		    "register 0x%llx is not 64-bit", id);
	return __smekvm_set_reg(vcpu, id, &val);
}

int __smekvm_get_vls(struct kvm_vcpu *vcpu, __u64 id, struct smekvm_vls *v)
{
	TEST_ASSERT(KVM_REG_SIZE(id) == sizeof(*v),
		    "register 0x%llx is not a VLS register", id);
	return __smekvm_get_reg(vcpu, id, v);
}

int __smekvm_set_vls(struct kvm_vcpu *vcpu, __u64 id,
		     const struct smekvm_vls *v)
{
	TEST_ASSERT(KVM_REG_SIZE(id) == sizeof(*v),
		    "register 0x%llx is not a VLS register", id);
	return __smekvm_set_reg(vcpu, id, v);
}

void smekvm_get_vls(struct kvm_vcpu *vcpu, __u64 id, struct smekvm_vls *v)
{
	int err = __smekvm_get_vls(vcpu, id, v);

	TEST_ASSERT(!err, "reading VLS register 0x%llx: %s", id,
		    strerror(err));
}

void smekvm_set_vls(struct kvm_vcpu *vcpu, __u64 id,
		    const struct smekvm_vls *v)
{
	int err = __smekvm_set_vls(vcpu, id, v);

	TEST_ASSERT(!err, "writing VLS register 0x%llx: %s", id,
		    strerror(err));
}

__u64 smekvm_get_svcr(struct kvm_vcpu *vcpu)
{
	return vcpu_get_reg(vcpu, SMEKVM_SVCR);
}

void smekvm_set_svcr(struct kvm_vcpu *vcpu, __u64 svcr)
{
	vcpu_set_reg(vcpu, SMEKVM_SVCR, svcr);
}

unsigned int smekvm_vcpu_pfr1_sme(struct kvm_vcpu *vcpu)
{
	__u64 pfr1 = vcpu_get_reg(vcpu, SMEKVM_ID_AA64PFR1_EL1);

	return (pfr1 & ID_AA64PFR1_EL1_SME_MASK) >> ID_AA64PFR1_EL1_SME_SHIFT;
}

bool smekvm_vcpu_has_fa64(struct kvm_vcpu *vcpu)
{
	return vcpu_get_reg(vcpu, SMEKVM_ID_AA64SMFR0_EL1) &
	       ID_AA64SMFR0_EL1_FA64_MASK;
}

bool smekvm_reg_list_has(const struct kvm_reg_list *list, __u64 id)
{
	__u64 i;

	for (i = 0; i < list->n; i++)
		if (list->reg[i] == id)
			return true;
	return false;
}

bool smekvm_is_zero(const void *buf, size_t len)
{
	const unsigned char *p = buf;
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i])
			return false;
	return true;
}
