// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_state_vcpu.c - a vcpu that runs the state payloads, host side.
 */
#include <string.h>

#include <kvm_util.h>
#include <processor.h>

#include "sme_state_vcpu.h"

void smekvm_state_vcpu_probe(struct smekvm_state_vcpu *s,
			     struct kvm_vcpu *vcpu,
			     const struct smekvm_vcpu_cfg *cfg)
{
	struct smekvm_vls vls;
	__u64 pfr2 = 0;

	*s = (struct smekvm_state_vcpu){
		.vcpu = vcpu,
		.cfg = { .sve = cfg->sve, .sme = cfg->sme },
	};
	if (s->cfg.sve) {
		smekvm_get_vls(vcpu, KVM_REG_ARM64_SVE_VLS, &vls);
		s->cfg.sve_vq = smekvm_vls_max(&vls);
	}
	if (s->cfg.sme) {
		smekvm_get_vls(vcpu, KVM_REG_ARM64_SME_VLS, &vls);
		s->cfg.sme_vq = smekvm_vls_max(&vls);
		s->cfg.sme2 = smekvm_vcpu_pfr1_sme(vcpu) >= 2;
		s->cfg.fa64 = smekvm_vcpu_has_fa64(vcpu);
		s->smcr = SMCR_ELx_LEN | (s->cfg.fa64 ? SMCR_ELx_FA64 : 0) |
			  (s->cfg.sme2 ? SMCR_ELx_EZT0 : 0);
	}
	if (!__smekvm_get_reg64(vcpu, KVM_ARM64_SYS_REG(SYS_ID_AA64PFR2_EL1),
				&pfr2))
		s->cfg.fpmr = pfr2 & ID_AA64PFR2_EL1_FPMR_MASK;
}

struct smekvm_img_geom smekvm_state_geom(const struct smekvm_state_vcpu *s,
					 bool sm, bool za)
{
	struct smekvm_img_geom g;

	g = smekvm_img_geom(&s->cfg, smekvm_model_svcr(&s->cfg, sm, za));
	if (s->cfg.sme)
		g.flags |= SMEKVM_SL_SME;
	if (s->cfg.fpmr)
		g.flags |= SMEKVM_SL_FPMR;
	return g;
}

gva_t smekvm_map_exit_page(struct kvm_vm *vm, unsigned int index, gpa_t *gpa)
{
	gva_t gva;

	*gpa = (vm->max_gfn - 1 - index) << vm->page_shift;
	gva = vm_unused_gva_gap(vm, vm->page_size, KVM_UTIL_MIN_VADDR);
	virt_map(vm, gva, *gpa, 1);
	return gva;
}

/* Pages of guest memory per vcpu: its two images and its parameters. */
#define VCPU_PAGES	(2 * (sizeof(struct smekvm_gregs) / 4096 + 2) + 2)

struct kvm_vm *smekvm_state_vm_create(unsigned int nr)
{
	struct kvm_vm *vm = __vm_create(VM_SHAPE_DEFAULT, nr, nr * VCPU_PAGES);

	vm_init_descriptor_tables(vm);
	return vm;
}

struct kvm_vcpu *smekvm_state_vcpu_add(struct kvm_vm *vm, __u32 id,
				       const struct smekvm_vcpu_cfg *cfg,
				       void *guest)
{
	struct kvm_vcpu *vcpu = smekvm_vcpu_add(vm, id, cfg, guest);

	vcpu_init_descriptor_tables(vcpu);
	return vcpu;
}

gva_t smekvm_state_vm_finalize(struct kvm_vm *vm,
			       const struct smekvm_vcpu_cfg *cfg,
			       gpa_t *exit_gpa)
{
	struct kvm_vcpu *vcpu;

	if (cfg->sve || cfg->sme) {
		list_for_each_entry(vcpu, &vm->vcpus, list)
			smekvm_vcpu_finalize(vcpu);
	}
	kvm_arch_vm_finalize_vcpus(vm);
	return smekvm_map_exit_page(vm, 0, exit_gpa);
}

void *smekvm_state_vcpu_params(struct smekvm_state_vcpu *s,
			       struct kvm_vcpu *vcpu,
			       const struct smekvm_vcpu_cfg *cfg, size_t size,
			       gva_t exit_gva, gva_t *gva)
{
	gva_t at = vm_alloc(vcpu->vm, size, KVM_UTIL_MIN_VADDR);
	struct smekvm_state_params *p = addr_gva2hva(vcpu->vm, at);

	smekvm_state_vcpu_probe(s, vcpu, cfg);
	memset(p, 0, size);
	p->in = vm_alloc(vcpu->vm, sizeof(struct smekvm_gregs),
			 KVM_UTIL_MIN_VADDR);
	p->out = vm_alloc(vcpu->vm, sizeof(struct smekvm_gregs),
			  KVM_UTIL_MIN_VADDR);
	p->exit_addr = exit_gva;
	p->smcr = s->smcr;
	p->sve = s->cfg.sve;
	vcpu_args_set(vcpu, 1, at);
	if (gva)
		*gva = at;
	return p;
}
