/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_run.h - running a vcpu until its guest has something to say.
 *
 * Every program that runs guests handles KVM_RUN the same way: enter
 * again after EINTR; a first KVM_RUN that fails with EINVAL on a vcpu
 * with SME is a kernel without SME guest support (the cases skip with
 * SMEKVM_RUN_REFUSED), any other failure fails the test; then the exit is
 * a store to the program's exit page (smekvm_map_exit_page()), a
 * GUEST_SYNC or GUEST_DONE, a guest assertion (reported: the test fails),
 * an exception no guest handler took, or an exit nobody expects (the
 * test fails).  smekvm_run_next() does all of that and returns what is
 * left to the program, so that its loop is one switch:
 *
 *	for (;;) {
 *		switch (smekvm_run_next(&run, &uc)) {
 *		case SMEKVM_EV_SYNC: ...
 *		case SMEKVM_EV_DONE: ...
 *		...
 *		}
 *	}
 *
 * Programs that issue KVM_RUN themselves (with a chosen host state, from
 * assembly) pass its errno to smekvm_run_exit() instead.  Needs the KVM
 * selftests library.
 */
#ifndef SMEKVM_SME_RUN_H
#define SMEKVM_SME_RUN_H

#include <stdbool.h>

#include <kvm_util.h>
#include <ucall_common.h>

/* The skip reason of cases whose vcpu KVM_RUN refused. */
#define SMEKVM_RUN_REFUSED						\
	"KVM_RUN refuses vcpus with SME (EINVAL): kernel without SME guest support"

enum smekvm_run_event {
	SMEKVM_EV_REFUSED,	/* the first KVM_RUN failed with EINVAL */
	SMEKVM_EV_EXIT,		/* a store to the exit page */
	SMEKVM_EV_SYNC,		/* GUEST_SYNC: the ucall is in *uc */
	SMEKVM_EV_DONE,		/* GUEST_DONE */
	SMEKVM_EV_UNHANDLED,	/* a guest exception nobody handled (printed) */
};

struct smekvm_run {
	struct kvm_vcpu *vcpu;
	const char *who;	/* prefix of messages, e.g. the flavour */
	bool may_refuse;	/* SMEKVM_EV_REFUSED is possible (SME vcpu) */
	bool has_exit_page;
	gpa_t exit_gpa;		/* the exit page, when has_exit_page */
	unsigned long *eintr;	/* counts KVM_RUNs a signal cut short */
	bool started;		/* a KVM_RUN succeeded */
};

/* KVM_RUN of r->vcpu, again after EINTR, then smekvm_run_exit(). */
enum smekvm_run_event smekvm_run_next(struct smekvm_run *r, struct ucall *uc);

/* What a KVM_RUN that failed with @err (0: it succeeded) leaves to do. */
enum smekvm_run_event smekvm_run_exit(struct smekvm_run *r, int err,
				      struct ucall *uc);

/* KVM_RUN until it does not fail with EINTR; 0 or errno.  Counts EINTR. */
int smekvm_run_eintr(struct kvm_vcpu *vcpu, unsigned long *eintr);

/*
 * Whether KVM_RUN refuses @vcpu, without running its guest: KVM_RUN with
 * immediate_exit set.  Returns 0 when KVM_RUN would enter the guest
 * (EINTR), else its errno (EINVAL: a kernel that cannot run vcpus with
 * SME).
 */
int smekvm_run_refused(struct kvm_vcpu *vcpu);

#endif /* SMEKVM_SME_RUN_H */
