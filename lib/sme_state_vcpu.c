// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_state_vcpu.c - a vcpu that runs the state payloads, host side.
 */
#include <kvm_util.h>
#include <processor.h>

#include "sme_state_vcpu.h"

void smekvm_state_vcpu_probe(struct smekvm_state_vcpu *s,
			     struct kvm_vcpu *vcpu,
			     const struct smekvm_vcpu_cfg *cfg)
{
	struct smekvm_vls vls;
	__u64 pfr2 = 0;

	*s = (struct smekvm_state_vcpu){ .vcpu = vcpu, .sve = cfg->sve,
					 .sme = cfg->sme, .vl = 16 };
	if (s->sve) {
		smekvm_get_vls(vcpu, KVM_REG_ARM64_SVE_VLS, &vls);
		s->vl = smekvm_vls_max(&vls) * 16;
	}
	if (s->sme) {
		smekvm_get_vls(vcpu, KVM_REG_ARM64_SME_VLS, &vls);
		s->svl = smekvm_vls_max(&vls) * 16;
		s->sme2 = smekvm_vcpu_pfr1_sme(vcpu) >= 2;
		s->fa64 = smekvm_vcpu_has_fa64(vcpu);
		s->smcr = SMCR_ELx_LEN | (s->fa64 ? SMCR_ELx_FA64 : 0) |
			  (s->sme2 ? SMCR_ELx_EZT0 : 0);
	}
	if (!__smekvm_get_reg64(vcpu, KVM_ARM64_SYS_REG(SYS_ID_AA64PFR2_EL1),
				&pfr2))
		s->fpmr = pfr2 & ID_AA64PFR2_EL1_FPMR_MASK;
}

__u64 smekvm_state_flags(const struct smekvm_state_vcpu *s, bool sm, bool za)
{
	__u64 f = 0;

	if (s->sme)
		f |= SMEKVM_SL_SME;
	if (s->fpmr)
		f |= SMEKVM_SL_FPMR;
	if (sm && s->sme) {
		f |= SMEKVM_SL_SM | SMEKVM_SL_ZP;
		if (s->fa64)
			f |= SMEKVM_SL_FFR;
	} else if (s->sve) {
		f |= SMEKVM_SL_ZP | SMEKVM_SL_FFR;
	} else {
		f |= SMEKVM_SL_V;
	}
	if (za && s->sme) {
		f |= SMEKVM_SL_ZA;
		if (s->sme2)
			f |= SMEKVM_SL_ZT0;
	}
	return f;
}

struct smekvm_img_geom smekvm_state_geom(const struct smekvm_state_vcpu *s,
					 bool sm, bool za)
{
	__u64 f = smekvm_state_flags(s, sm, za);

	return (struct smekvm_img_geom){
		.flags = f,
		.zbytes = f & SMEKVM_SL_SM ? s->svl : s->vl,
		.svl = s->svl,
	};
}

gva_t smekvm_map_exit_page(struct kvm_vm *vm, unsigned int index, gpa_t *gpa)
{
	gva_t gva;

	*gpa = (vm->max_gfn - 1 - index) << vm->page_shift;
	gva = vm_unused_gva_gap(vm, vm->page_size, KVM_UTIL_MIN_VADDR);
	virt_map(vm, gva, *gpa, 1);
	return gva;
}
