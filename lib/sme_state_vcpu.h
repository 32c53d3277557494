/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_state_vcpu.h - a vcpu that runs the state payloads of
 * guest_code/sme_state_loop.h, as the host sees it.
 *
 * What registers the vcpu has (from its configuration and ID registers),
 * its vector lengths, which SMEKVM_SL_* flags an SVCR state selects, and
 * the page its payload stores to in order to exit (running it:
 * sme_run.h).  Needs the KVM selftests library.
 */
#ifndef SMEKVM_SME_STATE_VCPU_H
#define SMEKVM_SME_STATE_VCPU_H

#include <stdbool.h>
#include <linux/types.h>

#include <kvm_util.h>

#include "sme_state_img.h"
#include "sme_vcpu.h"

struct smekvm_state_vcpu {
	struct kvm_vcpu *vcpu;
	bool sve, sme, sme2, fa64, fpmr;
	__u64 vl;		/* SVE maximum VL in bytes, 16 without SVE */
	__u64 svl;		/* SME maximum VL in bytes, 0 without SME */
	__u64 smcr;		/* SMCR_EL1 that enables what the VM has */
};

/*
 * Fill @s for @vcpu of configuration @cfg: call after finalising (or,
 * for a vcpu without SVE and SME, after creating it).
 */
void smekvm_state_vcpu_probe(struct smekvm_state_vcpu *s,
			     struct kvm_vcpu *vcpu,
			     const struct smekvm_vcpu_cfg *cfg);

/* The SMEKVM_SL_* flags of every register live with SVCR.SM @sm, .ZA @za. */
__u64 smekvm_state_flags(const struct smekvm_state_vcpu *s, bool sm, bool za);

/* The image geometry of those registers. */
struct smekvm_img_geom smekvm_state_geom(const struct smekvm_state_vcpu *s,
					 bool sm, bool za);

/*
 * Map one page of @vm that no memslot backs (away from the ucall page):
 * a guest store to the returned address exits with KVM_EXIT_MMIO at
 * *@gpa.  @index picks one of several such pages.
 */
gva_t smekvm_map_exit_page(struct kvm_vm *vm, unsigned int index, gpa_t *gpa);

#endif /* SMEKVM_SME_STATE_VCPU_H */
