/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_conf.h - the frame of the host-side conformance programs
 * (sme_abi_smoke, sme_vls_finalize, sme_bad_input, sme_id_hiding,
 * sme_migrate, sme_onereg_order).
 *
 * A program is a table of cases; each case runs on some vcpu flavours
 * (sme_flavour.h) and is reported as "<flavour>/<case>"
 * (SMEKVM_CASE=<flavour>/<case> runs one).  Every case gets a fresh
 * vcpu: in a VM shared by the flavour's cases, or in a VM of its own when
 * it changes VM-wide state (ID registers) or initialises the vcpu itself.
 * Cases about KVM itself rather than a vcpu (its capabilities, VM types)
 * run first, once, as "kvm/<case>", without a vcpu.  A case that the
 * flavour's later cases need (INIT itself) can stop them: when it does
 * not pass, they fail without running.
 * The frame probes what the host offers (SVE, SME2, FA64, the vector
 * lengths its tasks may use), skips the whole program with a reason when
 * KVM cannot give a vcpu SME, and skips flavours the host cannot offer
 * case by case.
 *
 * Also here: checks that report what differs under the current case's
 * name (errnos and registers named as sme_names.h does), and register
 * snapshots that tell whether a failed access changed any FP/SVE/SME
 * state.
 */
#ifndef SMEKVM_SME_CONF_H
#define SMEKVM_SME_CONF_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/bits.h>
#include <linux/compiler.h>
#include <linux/types.h>

#include <kvm_util.h>

#include "sme_flavour.h"
#include "sme_model.h"
#include "sme_vcpu.h"

/* What the host offers, probed once by smekvm_conf_main(). */
struct smekvm_host {
	bool sve;		/* KVM_CAP_ARM_SVE */
	bool sme2;		/* HWCAP2_SME2 */
	bool fa64;		/* HWCAP2_SME_FA64 */
	bool el1_32bit;		/* KVM_CAP_ARM_EL1_32BIT */
	bool el2;		/* KVM_CAP_ARM_EL2 */
	/* VLs a host task may use (prctl), VQ 1..16: SVE and SME. */
	struct smekvm_vls sve_vls;
	struct smekvm_vls sme_vls;
};

extern struct smekvm_host smekvm_host;

/* One case on one flavour. */
struct smekvm_conf_ctx {
	enum smekvm_flavour f;		/* SMEKVM_NR_FLAVOURS: "kvm" */
	const char *name;		/* "<flavour>/<case>" */
	unsigned long param;		/* of parameterised cases */
	struct smekvm_vcpu_cfg cfg;
	struct kvm_vm *vm;
	struct kvm_vcpu *vcpu;		/* initialised, not finalised */
	__u32 vcpu_id;			/* of @vcpu, or for a RAW case's own */
	struct smekvm_model_cfg m;	/* sve_vq/sme_vq: the maxima now */
	struct smekvm_vls sve_vls;	/* as read after INIT */
	struct smekvm_vls sme_vls;
	const char *skip;		/* why the case returned KSFT_SKIP */
	char skip_buf[160];
};

/* Case flags */
#define SMEKVM_CASE_OWN_VM	BIT(0)	/* a VM of its own */
#define SMEKVM_CASE_RAW		BIT(1)	/* no vcpu made for it */
/*
 * About KVM, not a vcpu: runs once, before every flavour, as "kvm/<case>"
 * (@flavours unused), in a VM of its own without a vcpu; its context has
 * no flavour, and a configuration without any feature.
 */
#define SMEKVM_CASE_KVM		BIT(2)
/*
 * The flavour's later cases need this one: when it does not pass, each
 * of them fails without running ("not run: <flavour>/<case> failed").
 */
#define SMEKVM_CASE_PREREQ	BIT(3)
/*
 * On a flavour the host cannot offer, one skipped case named "<flavour>"
 * stands for all the instances (whose names may depend on what the host
 * would offer).
 */
#define SMEKVM_CASE_FLAVOUR_SKIP	BIT(4)
/*
 * Named "<case>", without a flavour: run once, after every flavour, with
 * no VM and no vcpu made (@t->f is SMEKVM_NR_FLAVOURS, @t->cfg empty).
 */
#define SMEKVM_CASE_NO_FLAVOUR		BIT(5)

/*
 * The case makes the VMs it needs itself: its context has no VM and no
 * vcpu (@vm NULL), so that a case of barebones VMs pays for no other.
 */
#define SMEKVM_CASE_NO_VM		BIT(6)

/* Room for the values @gen gives. */
#define SMEKVM_CONF_MAX_VALS		256

struct smekvm_conf_case {
	const char *name;
	int (*run)(struct smekvm_conf_ctx *t);	/* KSFT_PASS/FAIL/SKIP */
	unsigned int flavours;
	unsigned int flags;
	/*
	 * Parameterised cases: the case runs once for each of the @nr_params
	 * values of @params, named "<name>_<value>" (@name may hold a "%lu"
	 * for the value instead).  With @param_names, the names of the
	 * values replace them in the case name (through a "%s" in @name).
	 */
	const unsigned long *params;
	unsigned int nr_params;
	const char * const *param_names;
	/*
	 * Values that depend on the host (the vector lengths KVM offers):
	 * instead of @params, @gen writes those of flavour @f to @vals
	 * (room for SMEKVM_CONF_MAX_VALS) and returns how many, and
	 * @val_name names each (in place of the "%s" in @name).  Both run
	 * after the host is probed, may create VMs, and are not called on
	 * flavours the host cannot offer (no instances there).
	 */
	unsigned int (*gen)(enum smekvm_flavour f, unsigned long *vals);
	void (*val_name)(unsigned long val, char *buf, size_t size);
	/*
	 * Vcpus the case adds to its VM besides its own: they may have the
	 * ids @t->vcpu_id + 1 to @t->vcpu_id + @extra_vcpus.
	 */
	unsigned int extra_vcpus;
};

/*
 * Run every case of @cases on its flavours and exit with the kselftest
 * status.  @what is a line for the log naming the program.
 */
void __noreturn
smekvm_conf_main(const struct smekvm_conf_case *cases, size_t nr_cases,
		 const char *what);

/* The context of the case now running (for the report macro). */
extern const char *smekvm_conf_cur;

#define smekvm_report(fmt, ...)						\
	ksft_print_msg("%s: " fmt "\n", smekvm_conf_cur, ##__VA_ARGS__)

/* Skip the case with a formatted reason; returns KSFT_SKIP. */
int smekvm_conf_skip(struct smekvm_conf_ctx *t, const char *fmt, ...)
	__printf(2, 3);

/* Checks: each reports what differs and returns whether it held. */
bool smekvm_expect_err(const char *what, int got, int want);
bool smekvm_expect_u64(const char *what, __u64 got, __u64 want);
bool smekvm_expect_vls(const char *what, const struct smekvm_vls *got,
		       const struct smekvm_vls *want);
/* Read  of  into ; false, said, when the read fails. */
bool smekvm_read_reg(struct kvm_vcpu *vcpu, const char *what, __u64 id,
		     void *buf);
/*  of  (64 bits at most) reads as . */
bool smekvm_expect_reg(struct kvm_vcpu *vcpu, const char *what, __u64 id,
		       __u64 want);
/*  of , of any size, reads as zero. */
bool smekvm_expect_zero(struct kvm_vcpu *vcpu, const char *what, __u64 id);

/*
 * A new vcpu in @t's VM with @t's configuration and vcpu id @id, read
 * back into @t (SVE_VLS, SME_VLS, model configuration).  Used by cases
 * that need a second vcpu.
 */
struct kvm_vcpu *smekvm_conf_vcpu(struct smekvm_conf_ctx *t, __u32 id);

/* Re-read the VLS registers of @t->vcpu into @t->m (after a write). */
void smekvm_conf_refresh_vq(struct smekvm_conf_ctx *t);

/*
 * Snapshots of a vcpu's FP, SVE and SME state: SVCR, SMCR_EL1, SMPRI_EL1,
 * TPIDR2_EL0, FPSR, FPCR, the VLS registers, the V, Z, P and FFR
 * registers, ZA rows and ZT0, each with the errno of its read, so that a
 * register that appears or disappears counts as a change.  "Full"
 * snapshots hold every register of those kinds (every ZA row); others
 * hold a sample (V0, V31, Z0, Z31, P0, P15, FFR, first and last ZA row,
 * ZT0) that is cheap enough to take after every failed access.
 */
struct smekvm_snap;

struct smekvm_snap *smekvm_snap_take(struct kvm_vcpu *vcpu, bool full);
/* Report the first registers that differ; whether none does. */
bool smekvm_snap_same(const struct smekvm_snap *before,
		      const struct smekvm_snap *after, const char *after_what);
void smekvm_snap_free(struct smekvm_snap *s);

/*
 * KVM_GET_REG_LIST of @vcpu into a new list (free() it), NULL with
 * *@err set when the ioctl fails.
 */
struct kvm_reg_list *smekvm_reg_list(struct kvm_vcpu *vcpu, int *err);

#endif /* SMEKVM_SME_CONF_H */
