/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_flavour.h - the vcpu flavours: one name for each set of vcpu
 * features, used by every program in its case names and by every
 * document.
 *
 * A flavour is what a vcpu is created with (struct smekvm_vcpu_cfg):
 * neither SVE nor SME, SVE, SME, both, and SME without SVE with SME2 or
 * FA64 hidden through the ID registers.  Programs choose which flavours
 * they run (a mask of SMEKVM_FL() bits or a list of the enum, with what
 * else they vary), create the vcpus from smekvm_flavour()->cfg and name
 * their cases after smekvm_flavour_name(): "<flavour>/<case>", or
 * "el1/<flavour>/..." where the exception level is part of the name.  No
 * program names a flavour itself, so that a vcpu is called the same in
 * every program, in expected/ and in doc/ (the list of names is in
 * doc/conformance.md).  Variations that are not vcpu features (host
 * state around KVM_RUN, a mix of VMs) are the programs' own and are
 * spelled from these names.
 */
#ifndef SMEKVM_SME_FLAVOUR_H
#define SMEKVM_SME_FLAVOUR_H

#include "sme_vcpu.h"

enum smekvm_flavour {
	SMEKVM_FL_NO_VEC,	/* no_vec: neither SVE nor SME (FP/SIMD) */
	SMEKVM_FL_SVE_ONLY,	/* sve_only: SVE without SME */
	SMEKVM_FL_SME_ONLY,	/* sme_only: SME without SVE */
	SMEKVM_FL_SVE_SME,	/* sve_sme: SVE and SME */
	SMEKVM_FL_SME2_HIDDEN,	/* sme2_hidden: SME only, PFR1.SME 2 -> 1 */
	SMEKVM_FL_FA64_HIDDEN,	/* fa64_hidden: SME only, SMFR0.FA64 -> 0 */
	SMEKVM_NR_FLAVOURS
};

/* Sets of flavours. */
#define SMEKVM_FL(f)		(1U << SMEKVM_FL_##f)
#define SMEKVM_FL_SME_NO_SVE						\
	(SMEKVM_FL(SME_ONLY) | SMEKVM_FL(SME2_HIDDEN) | SMEKVM_FL(FA64_HIDDEN))
#define SMEKVM_FL_SME		(SMEKVM_FL_SME_NO_SVE | SMEKVM_FL(SVE_SME))
/* SME, nothing hidden: the ones the guest programs run at every SVL. */
#define SMEKVM_FL_SME_BASE	(SMEKVM_FL(SME_ONLY) | SMEKVM_FL(SVE_SME))
#define SMEKVM_FL_SVE		(SMEKVM_FL(SVE_ONLY) | SMEKVM_FL(SVE_SME))
#define SMEKVM_FL_NO_SME	(SMEKVM_FL(NO_VEC) | SMEKVM_FL(SVE_ONLY))
#define SMEKVM_FL_ALL		((1U << SMEKVM_NR_FLAVOURS) - 1)

struct smekvm_flavour_info {
	enum smekvm_flavour id;
	const char *name;		/* in case names: "no_vec", ... */
	const char *what;		/* in a few words, for logs */
	struct smekvm_vcpu_cfg cfg;	/* what its vcpus are made with */
};

const struct smekvm_flavour_info *smekvm_flavour(enum smekvm_flavour f);

static inline const char *smekvm_flavour_name(enum smekvm_flavour f)
{
	return smekvm_flavour(f)->name;
}

/* Whether @f is one of @mask (SMEKVM_FL() bits). */
static inline bool smekvm_flavour_in(enum smekvm_flavour f, unsigned int mask)
{
	return mask & (1U << f);
}

#endif /* SMEKVM_SME_FLAVOUR_H */
