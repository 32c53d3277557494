/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_state_vcpu.h - a vcpu that runs the state payloads of
 * guest_code/sme_state_loop.h, as the host sees it.
 *
 * What registers the vcpu has (from its configuration and ID registers)
 * and its vector lengths, as the reference model's configuration
 * (lib/sme_model.h); the image geometry an SVCR state selects, which the
 * model decides (smekvm_img_geom()); the page its payload stores to in
 * order to exit (running it: sme_run.h); and VMs of several such vcpus,
 * each with its parameters in guest memory.  Needs the KVM selftests
 * library.
 */
#ifndef SMEKVM_SME_STATE_VCPU_H
#define SMEKVM_SME_STATE_VCPU_H

#include <stdbool.h>
#include <linux/types.h>

#include <kvm_util.h>

#include "sme_model.h"
#include "sme_state_img.h"
#include "sme_vcpu.h"

struct smekvm_state_vcpu {
	struct kvm_vcpu *vcpu;
	struct smekvm_model_cfg cfg;	/* its registers, maximum VLs */
	__u64 smcr;		/* SMCR_EL1 that enables what the VM has */
};

/*
 * Fill @s for @vcpu of configuration @cfg: call after finalising (or,
 * for a vcpu without SVE and SME, after creating it).
 */
void smekvm_state_vcpu_probe(struct smekvm_state_vcpu *s,
			     struct kvm_vcpu *vcpu,
			     const struct smekvm_vcpu_cfg *cfg);

/*
 * The image geometry of every register live with SVCR.SM @sm and .ZA @za
 * (both ignored without SME), with SMEKVM_SL_SME and SMEKVM_SL_FPMR when
 * the vcpu has SME and FPMR.
 */
struct smekvm_img_geom smekvm_state_geom(const struct smekvm_state_vcpu *s,
					 bool sm, bool za);

/*
 * Map one page of @vm that no memslot backs (away from the ucall page):
 * a guest store to the returned address exits with KVM_EXIT_MMIO at
 * *@gpa.  @index picks one of several such pages.
 */
gva_t smekvm_map_exit_page(struct kvm_vm *vm, unsigned int index, gpa_t *gpa);

/*
 * VMs of several such vcpus (sme_isolation, sme_switch_stress).  Each
 * vcpu's guest gets, as its argument, a block of parameters in guest
 * memory that begins with these:
 */
struct smekvm_state_params {
	gva_t in, out;		/* struct smekvm_gregs, for the payload */
	gva_t exit_addr;	/* the VM's exit page */
	__u64 smcr;		/* SMCR_EL1 that enables what the vcpu has */
	__u64 sve;		/* whether it has SVE */
};

/*
 * A VM for @nr such vcpus (room for their images and parameters), its
 * exception vectors set up.
 */
struct kvm_vm *smekvm_state_vm_create(unsigned int nr);

/* Vcpu @id of @vm, of @cfg, to run @guest; not finalised. */
struct kvm_vcpu *smekvm_state_vcpu_add(struct kvm_vm *vm, __u32 id,
				       const struct smekvm_vcpu_cfg *cfg,
				       void *guest);

/*
 * Finalise the vcpus of @vm, all of @cfg, and @vm; map the exit page
 * (smekvm_map_exit_page(@vm, 0, @exit_gpa)) and return its address.
 */
gva_t smekvm_state_vm_finalize(struct kvm_vm *vm,
			       const struct smekvm_vcpu_cfg *cfg,
			       gpa_t *exit_gpa);

/*
 * After finalising: probe @s for @vcpu of @cfg and give @vcpu's guest,
 * as its argument, @size bytes of zeroed guest memory beginning with its
 * struct smekvm_state_params (@exit_gva its exit page).  Returns them
 * (the host's view); their guest address in *@gva unless @gva is NULL.
 */
void *smekvm_state_vcpu_params(struct smekvm_state_vcpu *s,
			       struct kvm_vcpu *vcpu,
			       const struct smekvm_vcpu_cfg *cfg, size_t size,
			       gva_t exit_gva, gva_t *gva);

#endif /* SMEKVM_SME_STATE_VCPU_H */
