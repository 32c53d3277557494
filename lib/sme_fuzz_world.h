/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_fuzz_world.h - what one of sme_fuzz's sequences runs in and what
 * its checks found: its VMs and vcpus with their models, and the record
 * of its checks.
 *
 * The world has SMEKVM_FUZZ_NR_VMS VM slots of SMEKVM_FUZZ_NR_VCPUS vcpu
 * slots.  A VM and a vcpu are made when an operation first uses their
 * slot, so a sequence pays only for the VMs it uses (three at most: two
 * slots and one replacement), which are shared by the thousands of calls
 * of a sequence.  The first slot holds a VM whose vcpus run a guest
 * (sme_fuzz_run.h), the second a barebones VM.  Beside each VM and vcpu
 * is the model's view of it (sme_model.h: the register state;
 * sme_model_sys.h: the vcpu's life and the VM's ID registers), kept by
 * the operations (sme_fuzz_exec.h) and read by the generator
 * (sme_fuzz_gen.h).
 *
 * Every check of a call is made with SMEKVM_FUZZ_CHECK(): it names the
 * rules of doc/abi.md that decide it (sme_rule_tags.h, the one place of
 * those tags), is counted in the coverage of the rules, and when it
 * fails it records the sequence's first failure (which operation, which
 * rules: what shrinking keeps, sme_fuzz_shrink.h) and says what differed,
 * unless the world is quiet (a replay while shrinking).
 */
#ifndef SMEKVM_SME_FUZZ_WORLD_H
#define SMEKVM_SME_FUZZ_WORLD_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/compiler.h>
#include <linux/types.h>

#include <kvm_util.h>

#include "sme_fuzz_op.h"
#include "sme_model.h"
#include "sme_model_sys.h"
#include "sme_rule_tags.h"

/*
 * Where the guest of a vcpu that runs (sme_fuzz_run.h) is: not set up to
 * run (not initialised, or in a VM that never runs), at its entry point,
 * inside a step (a run that failed), or parked at the exit page.
 */
enum smekvm_fuzz_where {
	SMEKVM_FUZZ_IDLE,
	SMEKVM_FUZZ_FRESH,
	SMEKVM_FUZZ_STEPPING,
	SMEKVM_FUZZ_PARKED,
};

struct smekvm_fuzz_vcpu {
	struct kvm_vcpu *vcpu;		/* NULL: not created yet */
	struct smekvm_model_vcpu v;
	struct smekvm_model *m;
	enum smekvm_fuzz_where where;
	bool late;		/* made after its VM ran: never runs */
	__u64 park_smcr;	/* SMCR_EL1 the parked guest runs with */
};

struct smekvm_fuzz_vm {
	struct kvm_vm *vm;		/* NULL: not created yet */
	struct smekvm_model_vm mvm;
	__u32 next_id;
	bool runnable;		/* its vcpus run a guest (sme_fuzz_run.h) */
	gpa_t exit_gpa;		/* its exit page, when runnable */
	gva_t stack_top[SMEKVM_FUZZ_NR_VCPUS];
	struct smekvm_fuzz_vcpu c[SMEKVM_FUZZ_NR_VCPUS];
};

struct smekvm_fuzz_world {
	/* Set once by the caller, kept by smekvm_fuzz_world_init() */
	const struct smekvm_model_host *host;	/* what the host offers */
	unsigned long *cov;	/* SMEKVM_NR_TAGS counts of checks */

	struct smekvm_fuzz_vm vm[SMEKVM_FUZZ_NR_VMS];
	bool quiet;		/* a replay while shrinking: say nothing */
	bool count;		/* count the checks in @cov */
	unsigned long calls, vms;
	size_t cur;		/* index of the operation running */
	const struct smekvm_fuzz_op *cur_op;
	/* The first mismatch */
	bool failed;
	size_t fail_op;
	unsigned int said;	/* mismatches reported */
	struct smekvm_tags fail_tags;
};

/*
 * A world with every slot empty and nothing checked yet; @quiet: say
 * nothing and count nothing (@w->count may be set after).
 */
void smekvm_fuzz_world_init(struct smekvm_fuzz_world *w, bool quiet);

/* Free the world's VMs. */
void smekvm_fuzz_world_free(struct smekvm_fuzz_world *w);

/* Empty VM slot @v: its VM freed, its vcpu slots emptied. */
void smekvm_fuzz_vm_reset(struct smekvm_fuzz_vm *v);

/* Empty vcpu slot @c (its old vcpu stays in the VM, unused). */
void smekvm_fuzz_vcpu_reset(struct smekvm_fuzz_vcpu *c);

/* The vcpu slot of @op, its VM and vcpu made if they are not yet. */
struct smekvm_fuzz_vcpu *smekvm_fuzz_slot(struct smekvm_fuzz_world *w,
					  const struct smekvm_fuzz_op *op);

/* The model's view of a vcpu: SVE or SME. */
static inline bool smekvm_fuzz_has_vec(const struct smekvm_fuzz_vcpu *c)
{
	return c->m->cfg.sve || c->m->cfg.sme;
}

/* Its ZA rows (16 without SME, for IDs of the smallest ZA). */
static inline unsigned int
smekvm_fuzz_za_rows(const struct smekvm_fuzz_vcpu *c)
{
	return c->m->cfg.sme ? SMEKVM_ZA_ROWS(c->m->cfg.sme_vq) : 16;
}

/* A VQ set of the VLS register format as a mask: bit VQ - 1, VQ 1 to 32. */
static inline __u32 smekvm_fuzz_vls_mask(const __u64 *vls)
{
	return (__u32)vls[0];
}

/*
 * A check of the rules @t: counted, and recorded as the first failure
 * when @ok is false (and as the one smekvm_fuzz_fail() says); returns
 * @ok.
 */
bool smekvm_fuzz_counted(struct smekvm_fuzz_world *w,
			 const struct smekvm_tags *t, bool ok);

/*
 * Say what differed in the check that failed last, with its rules and
 * the operation running (the first four of a sequence: it stops after
 * its operation); returns false.
 */
bool smekvm_fuzz_fail(const char *fmt, ...) __printf(1, 2);

/*
 * One check exercising the rules @t: counted, and when @ok is false
 * recorded and said (the message is made only then).
 */
#define SMEKVM_FUZZ_CHECK(w, t, ok, fmt, ...)				\
	(smekvm_fuzz_counted(w, t, ok) || smekvm_fuzz_fail(fmt, ##__VA_ARGS__))

/* The errno of a call, "<what>: <got>, expected <want>". */
bool smekvm_fuzz_check_err(struct smekvm_fuzz_world *w,
			   const struct smekvm_tags *t, const char *what,
			   int got, int want);

#endif /* SMEKVM_SME_FUZZ_WORLD_H */
