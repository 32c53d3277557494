/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_gframe.h - the frame of the programs that run guests
 * (sme_guest_arch, sme_guest_hidden_features, sme_guest_coherence,
 * sme_hidden, sme_guest_state, sme_host_task, sme_fp_exit_stats,
 * sme_isolation, sme_switch_stress).
 *
 * Such a program runs a few VMs of one vcpu each, of a flavour
 * (sme_flavour.h) and for some at one vector length; the guest of a VM
 * goes through many cases in one run and the host judges each case as
 * the guest reports it.  The program describes, as data:
 *
 *  - its kinds of VM (struct smekvm_gf_kind): a flavour, a suffix that
 *    tells variants of one flavour apart, the vector lengths it runs at,
 *    and its cases;
 *  - the cases of a VM as groups (struct smekvm_gf_group), each the
 *    product of an outer and an inner list of name parts; the outer list
 *    may be the FP-ownership states of fp_own.h;
 *
 * and writes run(), the host side of one VM: it gives the guest the
 * cases that run (smekvm_gf_runs()), runs the vcpu (smekvm_gf_loop(), or
 * a loop of its own) and judges each case (smekvm_gf_check(), or
 * smekvm_gf_fail() or smekvm_gf_expect() saying why, or smekvm_gf_skip()
 * with a reason).  The frame does the rest:
 *
 *  - names each case "<prefix><flavour><suffix>/[svl_<bits>/]<outer>/<inner>"
 *    ("vl_<bits>/" for a VM with SVE and without SME; the kind's name
 *    instead of the flavour where it has one);
 *  - selects with SMEKVM_CASE (case_filter.h) and sets the KTAP plan;
 *  - creates each VM that has a case to run (one vcpu, its VL limited
 *    to the VM's, finalised, exception vectors set up, its registers
 *    read back: smekvm_gf_vm.sv) and frees it after;
 *  - skips with a reason what the host lacks: the flavour's features
 *    (smekvm_cfg_host_lacks()), SME in KVM, an FP-ownership state
 *    (smekvm_fp_own_host_lacks()), what the program's own check says,
 *    and the VMs with SME once KVM_RUN has refused one;
 *  - reports every case as "ok N <name>", "not ok N <name>" or
 *    "ok N <name> # SKIP <reason>" (smekvm_gf_report(), the one place
 *    of that format: a named skip, as KTAP parsers want it), and fails a
 *    case the guest never got to, saying so right before its result
 *    line (as it does smekvm_gf_fail()'s reason);
 *  - reports el2/sme (sme_el2.h), <prefix>sme_flavours and
 *    host_sme_threads when asked to, and says how long the VMs took (the
 *    counts are kselftest's).
 *
 * A program whose cases need more than one vcpu makes the VMs of a kind
 * itself (SMEKVM_GF_OWN_VMS): several VMs, several vcpus each, and for a
 * kind with a mix flavour some VMs of that flavour.  The frame then
 * calls run() once for the kind, with its flavours and cases, and does
 * all but creating VMs.
 *
 * Cases outside VMs (lone cases) are named in smekvm_gf_prog.lone, for
 * the plan, and reported by the program's finish() with
 * smekvm_gf_report(); host_sme_threads, host threads that use SME on
 * every CPU while the VMs run (host_sme_load.h), is the frame's
 * (SMEKVM_GF_HOST_LOAD).
 *
 * Not sme_conf.h, the frame of the host-side programs: that one gives
 * each case a fresh vcpu and takes its verdict from a function; here one
 * guest runs all the cases of a VM.
 */
#ifndef SMEKVM_SME_GFRAME_H
#define SMEKVM_SME_GFRAME_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/bits.h>
#include <linux/compiler.h>
#include <linux/types.h>

#include <kvm_util.h>
#include <ucall_common.h>

#include "sme_flavour.h"
#include "sme_run.h"
#include "sme_state_vcpu.h"
#include "sme_vcpu.h"

/*
 * The vector lengths a kind of VM runs at, one VM each: SVL_EACH runs at
 * the smallest and the largest SVL only unless smekvm_sweep_all_vls().
 */
enum smekvm_gf_vl {
	SMEKVM_GF_ONE,		/* one VM at the flavour's maximum VLs */
	SMEKVM_GF_SVL_EACH,	/* every SVL KVM offers */
	SMEKVM_GF_SVL_MAX,	/* the largest SVL */
	SMEKVM_GF_VL_ENDS,	/* the smallest and the largest SVE VL */
};

/*
 * Group flags.  OWN: the outer part is the FP-ownership state (fp_own.h),
 * for the states the vcpu can be in.  LARGEST: the group is only in the
 * VM at the largest VL, and its names have no VL.
 */
#define SMEKVM_GF_OWN		BIT(0)
#define SMEKVM_GF_LARGEST	BIT(1)

struct smekvm_gf_vm;

struct smekvm_gf_group {
	unsigned int flags;
	const char * const *outer;	/* NULL: no outer part */
	unsigned int nr_outer;
	const char * const *inner;
	unsigned int nr_inner;
	/*
	 * Instead of @inner: write the inner part of case (@o, @i), or
	 * return false where @vm has no such case.
	 */
	bool (*name)(const struct smekvm_gf_vm *vm, unsigned int o,
		     unsigned int i, char *buf, size_t size);
};

struct smekvm_gf_kind {
	enum smekvm_flavour f;
	/*
	 * Optional, for a VM named after what its guest does rather than
	 * its vcpu: the name and the vcpu configuration instead of @f's.
	 */
	const char *name;
	const struct smekvm_vcpu_cfg *cfg;
	const char *suffix;		/* of the name, or NULL */
	enum smekvm_gf_vl vl;
	/* no_vec: the library's default vcpu (vm_create_with_one_vcpu()). */
	bool lib_vcpu;
	const struct smekvm_gf_group *groups;
	unsigned int nr_groups;
	const void *data;		/* the program's */
	/*
	 * With SMEKVM_GF_OWN_VMS: the flavour of some of the VMs (which ones
	 * is the program's), which the host must give as well; no_vec (the
	 * default) where all are of @f.
	 */
	enum smekvm_flavour mix;
};

struct smekvm_gf_case {
	char name[128];
	unsigned int g, o, i;	/* group, outer and inner index */
	bool sel;		/* exists in the VM, SMEKVM_CASE selects it */
	bool ran, failed;	/* smekvm_gf_check() */
	const char *skip;	/* why it skips, or NULL */
	char why[160];		/* smekvm_gf_fail()'s first message */
};

struct smekvm_gf_vm {
	const struct smekvm_gf_kind *kind;
	struct smekvm_vcpu_cfg cfg;	/* the flavour's, or the kind's */
	struct smekvm_vcpu_cfg mix;	/* the mix flavour's */
	char name[32];			/* flavour (or kind) and suffix */
	char label[48];			/* for messages: "sve_sme svl_512" */
	/* Its SVL, or SVE VL without SME; 0 for SMEKVM_GF_ONE. */
	unsigned int vq;
	bool largest;			/* the largest VL, or the only VM */
	unsigned int nr;		/* cases, selected or not */
	struct smekvm_gf_case *cases;
	/* Set up by the frame before smekvm_gf_prog.run(), unless OWN_VMS: */
	struct kvm_vm *vm;
	struct kvm_vcpu *vcpu;
	struct smekvm_state_vcpu sv;	/* its registers, VLs, SMCR_EL1 */
	struct smekvm_vls vls;		/* its SME_VLS, or SVE_VLS */
	struct smekvm_run run;		/* for smekvm_run_next() */
	bool done;			/* smekvm_gf_loop() saw GUEST_DONE */
};

/* Program flags */
#define SMEKVM_GF_NEED_SME	BIT(0)	/* skip unless KVM offers SME */
#define SMEKVM_GF_EXC		BIT(1)	/* guest_exc.h's recorder in the VMs */
#define SMEKVM_GF_EL2		BIT(2)	/* case el2/sme (sme_el2.h) */
#define SMEKVM_GF_SME_FLAVOURS	BIT(3)	/* case <prefix>sme_flavours */
/*
 * run() makes and frees the VMs of each kind (several, or with several
 * vcpus): the frame sets up none of them.
 */
#define SMEKVM_GF_OWN_VMS	BIT(4)
/*
 * Case host_sme_threads: host threads use SME while the VMs run, from
 * after start() to after finish(); it skips where the task may not use
 * SME (smekvm_host_task_sme()).  Selected alone, it still runs every VM
 * (their cases unreported).
 */
#define SMEKVM_GF_HOST_LOAD	BIT(5)

struct smekvm_gf_prog {
	const char *prefix;		/* of every case name: "el1/", "" */
	const struct smekvm_gf_kind *kinds;
	unsigned int nr_kinds;
	unsigned int flags;
	void *guest;			/* the guest code of every VM */
	const char * const *lone;	/* cases outside the VMs */
	unsigned int nr_lone;
	/* Optional: why the host cannot run @vm besides the frame's checks. */
	const char *(*lacks)(const struct smekvm_gf_vm *vm);
	/* Run @vm's guest, judge its cases; NULL, or why KVM_RUN refused. */
	const char *(*run)(struct smekvm_gf_vm *vm);
	void (*start)(void);		/* optional: before the first VM */
	void (*finish)(void);		/* optional: after the last VM */
};

/* Run the program and exit with the kselftest status. */
void __noreturn smekvm_gf_main(const struct smekvm_gf_prog *p);

/* Case (@o, @i) of group @g of @vm, whether it exists or not. */
struct smekvm_gf_case *smekvm_gf_case(struct smekvm_gf_vm *vm, unsigned int g,
				      unsigned int o, unsigned int i);

/* Whether @c is selected and not skipped: the guest must run it. */
static inline bool smekvm_gf_runs(const struct smekvm_gf_case *c)
{
	return c->sel && !c->skip;
}

/* Judge @c: it fails if any check of it did not hold. */
static inline void smekvm_gf_check(struct smekvm_gf_case *c, bool ok)
{
	c->ran = true;
	c->failed |= !ok;
}

/*
 * Fail @c and say why: its first message is printed as "<name>: <message>"
 * right before its result line, so that the failure and what differed
 * stand together (later messages are dropped: the first difference is
 * the one to read).
 */
void smekvm_gf_fail(struct smekvm_gf_case *c, const char *fmt, ...)
	__printf(2, 3);

/* Judge @c by @ok and, where it does not hold, say why as smekvm_gf_fail(). */
void smekvm_gf_expect(struct smekvm_gf_case *c, bool ok, const char *fmt, ...)
	__printf(3, 4);

/* Skip @c (while its VM runs) because of @why. */
static inline void smekvm_gf_skip(struct smekvm_gf_case *c, const char *why)
{
	c->skip = why;
}

/* Report a case as KTAP: KSFT_PASS, KSFT_FAIL, or KSFT_SKIP with @why. */
void smekvm_gf_report(const char *name, int result, const char *why);

/*
 * Run @vm until its guest is done, giving @on every store to the exit
 * page and every GUEST_SYNC but those of fp_own.h (whose host actions
 * it takes).  Returns NULL, or SMEKVM_RUN_REFUSED.
 */
const char *smekvm_gf_loop(struct smekvm_gf_vm *vm,
			   void (*on)(struct smekvm_gf_vm *vm,
				      enum smekvm_run_event ev,
				      struct ucall *uc));

/* Seconds on the monotonic clock, for how long things take. */
double smekvm_gf_now(void);

/*
 * Guest, from SMEKVM_GUEST_NOFP code: let FP, SVE and SME instructions
 * reach KVM rather than trap to the guest's own EL1 (CPACR_EL1), then
 * write @smcr to SMCR_EL1 (unless 0) and LEN 15 to ZCR_EL1 (if @sve).
 */
void smekvm_gf_guest_start(__u64 smcr, bool sve);

#endif /* SMEKVM_SME_GFRAME_H */
