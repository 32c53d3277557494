// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_guest_arch - the SME architecture as a guest at EL1 sees it, at
 * every streaming vector length (SVL) the VM offers.
 *
 * doc/abi.md says a guest with SME gets the architecture at its
 * configured SVL (abi-guest-svl-select, abi-guest-sm-change,
 * abi-guest-za-enable, abi-guest-svcr-nochange, abi-guest-tpidr2).  For
 * each flavour of vcpu and each SVL the host offers, the test limits the
 * VM's SME_VLS to that SVL and the guest checks, in this order:
 *
 *  - svl_<n>/rdsvl: with SMCR_EL1.LEN=15, RDSVL is the configured SVL;
 *  - svl_<n>/<state>/smcr_len_select: for every LEN 0..15, RDSVL is the
 *    largest offered VL not above (LEN+1)*128, else the smallest offered
 *    (abi-guest-svl-select; sparse sets such as {512, 1024, 2048}
 *    included), with the guest's FP registers in each FP-ownership state
 *    (lib/fp_own.h) when it writes SMCR_EL1: first (the write is the
 *    first FP-class access after an exit to userspace, before any lazy
 *    load), fp, sve (sve_sme), streaming, za, kernel_exit, reentry,
 *    host_fp, migrated; the FPCR and D15 the guest wrote before must
 *    survive (D15 but in streaming mode, where an SVL change leaves it
 *    UNKNOWN);
 *  - svl_<n>/<step>/<from>: from each SVCR state (off, sm, za, sm_za) with
 *    every live register holding a pattern, SMSTART, SMSTART SM/ZA,
 *    SMSTOP, SMSTOP SM/ZA and MSR SVCR to each value zero exactly what the
 *    Arm ARM's SetPSTATE_SM and SetPSTATE_ZA say: a change of PSTATE.SM
 *    zeroes Z, P and FFR (or V) of the new mode and sets FPSR to
 *    0x0800009f; PSTATE.ZA 0->1 zeroes ZA and ZT0; a write that changes
 *    nothing zeroes nothing.  The registers are loaded, the step taken and
 *    the new state stored in guest_code/sme_state_step.S, with no
 *    compiled code in streaming mode; the host compares the stored image.
 *
 * At the largest SVL, per flavour:
 *  - tpidr2_el0_across_exits: a TPIDR2_EL0 the guest wrote is what
 *    ONE_REG reads at the exit, a value the host writes is what the guest
 *    reads after it, and an untouched one survives an exit (the vcpu
 *    thread changes host CPU between rounds);
 *  - smpri_el1_raz_wi: SMPRI_EL1 reads 0 in the guest, before and after
 *    the guest writes 0xf to it, and through ONE_REG;
 *  - id_aa64pfr1_el1_sme, id_aa64smfr0_el1: the guest reads what
 *    userspace configured, including SME2 hidden (PFR1.SME=1) and FA64
 *    hidden (SMFR0.FA64=0).
 *
 * Flavours: sve_sme and sme_only at every SVL; sme2_hidden and
 * fa64_hidden at the largest.  In protected mode, where a VM takes
 * seconds to create under TCG, sve_sme and sme_only run at the smallest
 * and largest SVL only (at all of them in the full tier or with
 * SMEKVM_ALL_VLS=1).  Case names: el1/<flavour>/svl_<bits>/... and
 * el1/<flavour>/...; in runs that allow guest hypervisors, el2/sme
 * says whether nested SME is offered (it skips otherwise).  Skips the
 * program when KVM cannot offer SME, and the run-time cases when KVM_RUN
 * refuses vcpus with SME.  SMEKVM_CASE=<name> runs one case.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/bitfield.h>

#include <kvm_util.h>
#include <processor.h>
#include <test_util.h>
#include <ucall_common.h>

#include "case_filter.h"
#include "fp_own.h"
#include "guest_code/guest_nofp.h"
#include "sme_cpu.h"
#include "sme_el2.h"
#include "sme_flavour.h"
#include "sme_probe.h"
#include "sme_run.h"
#include "sme_settings.h"
#include "sme_step.h"
#include "sme_vcpu.h"

/* A case's result; RES_NONE: the guest never got to it (a failure). */
enum { RES_NONE, RES_PASS, RES_FAIL, RES_SKIP };

#define NR_TPIDR2_ROUNDS	4

enum {
	STAGE_RDSVL = 1, STAGE_LEN, STAGE_STEP_PRE,
	STAGE_STEP_POST, STAGE_TPIDR2_SET,
	STAGE_TPIDR2_GOT, STAGE_SMPRI, STAGE_ID,
};

/* The SMEKVM_FL_SME_BASE ones run at every SVL, the others at the largest. */
static const enum smekvm_flavour flavours[] = {
	SMEKVM_FL_SVE_SME, SMEKVM_FL_SME_ONLY, SMEKVM_FL_SME2_HIDDEN,
	SMEKVM_FL_FA64_HIDDEN,
};

/* The steps: an instruction, and for MSR SVCR the value written. */
struct step {
	const char *name;
	unsigned int op;
	__u64 target;
};

static const struct step steps[] = {
	{ "smstart",		SMEKVM_OP_SMSTART },
	{ "smstart_sm",		SMEKVM_OP_SMSTART_SM },
	{ "smstart_za",		SMEKVM_OP_SMSTART_ZA },
	{ "smstop",		SMEKVM_OP_SMSTOP },
	{ "smstop_sm",		SMEKVM_OP_SMSTOP_SM },
	{ "smstop_za",		SMEKVM_OP_SMSTOP_ZA },
	{ "msr_svcr_0",		SMEKVM_OP_MSR_SVCR, 0 },
	{ "msr_svcr_sm",	SMEKVM_OP_MSR_SVCR, SVCR_SM },
	{ "msr_svcr_za",	SMEKVM_OP_MSR_SVCR, SVCR_ZA },
	{ "msr_svcr_sm_za",	SMEKVM_OP_MSR_SVCR, SVCR_SM | SVCR_ZA },
};

static const char * const from_names[4] = {
	"from_off", "from_sm", "from_za", "from_sm_za",
};

#define NR_STEP_CASES	(ARRAY_SIZE(steps) * 4)

/* Per-SVL cases, then the per-flavour ones (largest SVL only). */
enum {
	C_RDSVL, C_LEN0, C_STEP0 = C_LEN0 + SMEKVM_NR_OWN,
	C_TPIDR2 = C_STEP0 + NR_STEP_CASES, C_SMPRI, C_PFR1, C_SMFR0,
	NR_CASES
};

#define FIRST_FLAVOUR_CASE	C_TPIDR2

static const char * const extra_names[] = {
	"tpidr2_el0_across_exits", "smpri_el1_raz_wi", "id_aa64pfr1_el1_sme",
	"id_aa64smfr0_el1",
};

/* The architecture's effect of @s on SVCR @svcr. */
static __u64 step_after(const struct step *s, __u64 svcr)
{
	switch (s->op) {
	case SMEKVM_OP_SMSTART:		return SVCR_SM | SVCR_ZA;
	case SMEKVM_OP_SMSTART_SM:	return svcr | SVCR_SM;
	case SMEKVM_OP_SMSTART_ZA:	return svcr | SVCR_ZA;
	case SMEKVM_OP_SMSTOP:		return 0;
	case SMEKVM_OP_SMSTOP_SM:	return svcr & ~SVCR_SM;
	case SMEKVM_OP_SMSTOP_ZA:	return svcr & ~SVCR_ZA;
	default:			return s->target;
	}
}

/* Guest memory. */
static struct smekvm_gregs g_in, g_out;

static struct {
	__u64 smcr;		/* SMCR_EL1 without LEN */
	__u64 sve;		/* the vcpu has SVE: set ZCR_EL1.LEN */
	__u64 rows;		/* SVL in bytes */
	__u64 extras;		/* run the per-flavour checks */
	__u64 nsteps;
	__u64 flags[NR_STEP_CASES];
	__u64 nown;		/* FP-ownership states of the LEN cases */
	__u64 own[SMEKVM_NR_OWN];
	__u64 svl_by_len[16];	/* guest: RDSVL for each LEN */
} g_arch;

static SMEKVM_GUEST_NOFP void guest_main(void)
{
	__u64 i, v, len, bad, prep, pattern;

	write_sysreg(read_sysreg(cpacr_el1) | CPACR_EL1_FPEN |
		     CPACR_EL1_ZEN | CPACR_EL1_SMEN, cpacr_el1);
	isb();
	if (g_arch.sve) {
		write_sysreg_s(ZCR_ELx_LEN, SYS_ZCR_EL1);
		isb();
	}

	write_sysreg_s(g_arch.smcr | SMCR_ELx_LEN, SYS_SMCR_EL1);
	isb();
	GUEST_SYNC2(STAGE_RDSVL, smekvm_guest_rdsvl());

	/* Each LEN written in each FP-ownership state (lib/fp_own.h). */
	for (i = 0; i < g_arch.nown; i++) {
		for (len = 0, bad = 0; len < 16; len++) {
			pattern = smekvm_fp_own_pattern(len);
			prep = smekvm_fp_own_enter(g_arch.own[i], pattern);
			write_sysreg_s(g_arch.smcr | len, SYS_SMCR_EL1);
			isb();
			g_arch.svl_by_len[len] = smekvm_guest_rdsvl();
			bad |= smekvm_fp_own_leave(g_arch.own[i], pattern);
		}
		write_sysreg_s(g_arch.smcr | SMCR_ELx_LEN, SYS_SMCR_EL1);
		isb();
		GUEST_SYNC4(STAGE_LEN, g_arch.own[i], bad, prep);
	}

	for (i = 0; i < g_arch.nsteps; i++) {
		GUEST_SYNC2(STAGE_STEP_PRE, i);
		v = smekvm_state_step(&g_in, &g_out, NULL, g_arch.flags[i],
				      g_arch.rows);
		GUEST_SYNC3(STAGE_STEP_POST, i, v);
	}

	if (g_arch.extras) {
		for (i = 0; i < NR_TPIDR2_ROUNDS; i++) {
			v = 0x7e5700000000a000ULL | i << 32 | i;
			write_sysreg_s(v, SYS_TPIDR2_EL0);
			GUEST_SYNC3(STAGE_TPIDR2_SET, i, v);
			GUEST_SYNC3(STAGE_TPIDR2_GOT, i,
				    read_sysreg_s(SYS_TPIDR2_EL0));
		}

		v = read_sysreg_s(SYS_SMPRI_EL1);
		write_sysreg_s(0xf, SYS_SMPRI_EL1);
		isb();
		GUEST_SYNC3(STAGE_SMPRI, v, read_sysreg_s(SYS_SMPRI_EL1));

		GUEST_SYNC3(STAGE_ID, read_sysreg_s(SYS_ID_AA64PFR1_EL1),
			    read_sysreg_s(SYS_ID_AA64SMFR0_EL1));
	}
	GUEST_DONE();
}

/* The SVLs (in VQ) the host offers, read from a scratch vcpu. */
static struct smekvm_vls offered;

static void case_name(char *buf, size_t size,
		      const struct smekvm_flavour_info *f, unsigned int vq,
		      int c)
{
	if (c >= FIRST_FLAVOUR_CASE)
		snprintf(buf, size, "el1/%s/%s", f->name,
			 extra_names[c - FIRST_FLAVOUR_CASE]);
	else if (c == C_RDSVL)
		snprintf(buf, size, "el1/%s/svl_%u/rdsvl", f->name, vq * 128);
	else if (c < C_STEP0)
		snprintf(buf, size, "el1/%s/svl_%u/%s/smcr_len_select",
			 f->name, vq * 128, smekvm_fp_own[c - C_LEN0].name);
	else
		snprintf(buf, size, "el1/%s/svl_%u/%s/%s", f->name, vq * 128,
			 steps[(c - C_STEP0) / 4].name,
			 from_names[(c - C_STEP0) % 4]);
}

/* Cases of the VM of flavour @f at SVL @vq (the largest has them all). */
static int vm_cases(const struct smekvm_flavour_info *f, unsigned int vq)
{
	return vq == smekvm_vls_max(&offered) ? NR_CASES : FIRST_FLAVOUR_CASE;
}

/*
 * Whether the SMEKVM_FL_SME_BASE flavours run at every SVL
 * (lib/sme_settings.h).
 */
static bool all_vls = true;

static bool vm_runs(const struct smekvm_flavour_info *f, unsigned int vq)
{
	if (vq == smekvm_vls_max(&offered))
		return true;
	return smekvm_flavour_in(f->id, SMEKVM_FL_SME_BASE) &&
	       (all_vls || vq == smekvm_vls_min(&offered));
}

/* The FP-ownership state of LEN case @c, or -1 for other cases. */
static int len_state(int c)
{
	return c >= C_LEN0 && c < C_STEP0 ? c - C_LEN0 : -1;
}

/* Whether case @c exists for @f and SMEKVM_CASE selects it. */
static bool selected(const struct smekvm_flavour_info *f, unsigned int vq,
		     int c)
{
	char name[96];

	if (len_state(c) >= 0 &&
	    !smekvm_fp_own_applies(len_state(c), f->cfg.sve, true))
		return false;

	case_name(name, sizeof(name), f, vq, c);
	return smekvm_case_selected(name);
}

/* One VM and its results per case. */
struct run {
	const struct smekvm_flavour_info *f;
	unsigned int vq;
	struct kvm_vm *vm;
	struct kvm_vcpu *vcpu;
	struct smekvm_step_vcpu sv;
	struct smekvm_vls vls;		/* the VM's SME_VLS */
	bool sme2, fa64;
	int result[NR_CASES];
};

static void set_result(struct run *r, int c, bool pass)
{
	if (r->result[c] != RES_FAIL)
		r->result[c] = pass ? RES_PASS : RES_FAIL;
}

static void run_setup(struct run *r)
{
	struct smekvm_vls sve;
	unsigned int i, n = 0;
	__u64 from;

	r->vm = vm_create(1);
	r->vcpu = smekvm_vcpu_add(r->vm, 0, &r->f->cfg, guest_main);
	vm_init_descriptor_tables(r->vm);
	vcpu_init_descriptor_tables(r->vcpu);

	smekvm_get_vls(r->vcpu, KVM_REG_ARM64_SME_VLS, &r->vls);
	smekvm_vls_truncate(&r->vls, r->vq);
	smekvm_set_vls(r->vcpu, KVM_REG_ARM64_SME_VLS, &r->vls);
	smekvm_vcpu_finalize(r->vcpu);
	kvm_arch_vm_finalize_vcpus(r->vm);
	smekvm_get_vls(r->vcpu, KVM_REG_ARM64_SME_VLS, &r->vls);

	r->sme2 = smekvm_vcpu_pfr1_sme(r->vcpu) >= 2;
	r->fa64 = smekvm_vcpu_has_fa64(r->vcpu);
	/* The guest sets FA64 and EZT0 whenever the VM has them. */
	r->sv = (struct smekvm_step_vcpu){
		.cfg = {
			.sve = r->f->cfg.sve, .sme = true, .sme2 = r->sme2,
			.fa64 = r->fa64, .sme_vq = r->vq,
		},
	};
	if (r->f->cfg.sve) {
		smekvm_get_vls(r->vcpu, KVM_REG_ARM64_SVE_VLS, &sve);
		r->sv.cfg.sve_vq = smekvm_vls_max(&sve);
	}

	g_arch.smcr = (r->fa64 ? SMCR_ELx_FA64 : 0) |
		      (r->sme2 ? SMCR_ELx_EZT0 : 0);
	g_arch.rows = SMEKVM_ZA_ROWS(r->sv.cfg.sme_vq);
	g_arch.sve = r->f->cfg.sve;
	g_arch.extras = vm_cases(r->f, r->vq) == NR_CASES;
	for (i = 0; i < ARRAY_SIZE(steps); i++)
		for (from = 0; from < 4; from++)
			g_arch.flags[n++] = smekvm_step_flags(&r->sv, from,
							      steps[i].op,
							      steps[i].target);
	g_arch.nsteps = n;
	g_arch.nown = 0;
	for (i = 0; i < SMEKVM_NR_OWN; i++)
		if (selected(r->f, r->vq, C_LEN0 + i) &&
		    !smekvm_fp_own_host_lacks(i))
			g_arch.own[g_arch.nown++] = i;
	sync_global_to_guest(r->vm, g_arch);
}

/* RDSVL for each LEN in @got follows abi-guest-svl-select. */
static void check_len(struct run *r, int c, const __u64 *got)
{
	unsigned int len, want;
	bool ok = true;
	char buf[64];

	for (len = 0; len < 16; len++) {
		want = smekvm_vls_prev(&r->vls, len + 2);
		if (!want)
			want = smekvm_vls_min(&r->vls);
		if (got[len] == want * 16)
			continue;
		ksft_print_msg("svl_%u (offered %s) %s: LEN=%u gives SVL %llu bits, expected %u\n",
			       r->vq * 128,
			       smekvm_vls_str(&r->vls, buf, sizeof(buf)),
			       smekvm_fp_own[len_state(c)].name, len,
			       got[len] * 8, want * 128);
		ok = false;
	}
	set_result(r, c, ok);
}

/*
 * What the LEN case of state @s left: the guest's FP registers, the host.
 * A change of the SVL in streaming mode leaves the Z registers (D15)
 * UNKNOWN.
 */
static void check_len_own(struct run *r, unsigned int s, __u64 bad,
			  __u64 prep)
{
	char name[96];

	case_name(name, sizeof(name), r->f, r->vq, C_LEN0 + s);
	set_result(r, C_LEN0 + s,
		   smekvm_fp_own_check(name, s, bad, prep,
				       s == SMEKVM_OWN_STREAMING));
}

static void step_pre(struct run *r, unsigned int i)
{
	struct smekvm_gregs *in = addr_gva2hva(r->vm, (gva_t)&g_in);
	struct smekvm_gregs *out = addr_gva2hva(r->vm, (gva_t)&g_out);

	smekvm_step_fill(&r->sv, in, i % 4, i);
	smekvm_step_poison(out);
}

static void step_post(struct run *r, unsigned int i, __u64 fpsr)
{
	struct smekvm_gregs *out = addr_gva2hva(r->vm, (gva_t)&g_out);
	const struct step *s = &steps[i / 4];
	__u64 from = i % 4, to = step_after(s, from), want_fpsr;
	unsigned int zeroes = smekvm_model_svcr_zeroes(from, to);
	char what[96];
	bool ok;

	want_fpsr = zeroes & SMEKVM_ZERO_VEC ?
		    SMEKVM_FPSR_AFTER_SM_CHANGE : SMEKVM_STEP_FPSR_IN;

	case_name(what, sizeof(what), r->f, r->vq, C_STEP0 + i);
	ok = out->svcr == to;
	if (!ok) {
		ksft_print_msg("%s: SVCR 0x%llx afterwards, expected 0x%llx\n",
			       what, out->svcr, to);
	} else {
		ok = smekvm_step_compare(&r->sv, out, to, i,
					 zeroes & SMEKVM_ZERO_VEC,
					 zeroes & SMEKVM_ZERO_ZA, what);
		if (ok && fpsr != want_fpsr) {
			ksft_print_msg("%s: FPSR 0x%llx afterwards, expected 0x%llx\n",
				       what, fpsr, want_fpsr);
			ok = false;
		}
	}
	set_result(r, C_STEP0 + i, ok);
}

static __u64 tpidr2_want;

static void check_tpidr2(struct run *r, int stage, unsigned int round,
			 __u64 val)
{
	__u64 got = 0;
	int err;

	if (stage == STAGE_TPIDR2_SET) {
		err = __smekvm_get_reg64(r->vcpu, SMEKVM_TPIDR2_EL0, &got);
		if (err || got != val) {
			ksft_print_msg("round %u: ONE_REG TPIDR2 0x%llx (%s), wrote 0x%llx\n",
				       round, got, strerror(err), val);
			set_result(r, C_TPIDR2, false);
		}
		tpidr2_want = val;
		if (round % 2) {	/* odd rounds: userspace changes it */
			tpidr2_want = ~val;
			vcpu_set_reg(r->vcpu, SMEKVM_TPIDR2_EL0, tpidr2_want);
		}
		smekvm_move_to_cpu(round + 1);
		return;
	}
	set_result(r, C_TPIDR2, val == tpidr2_want);
	if (val != tpidr2_want)
		ksft_print_msg("round %u: guest reads TPIDR2_EL0 0x%llx, expected 0x%llx\n",
			       round, val, tpidr2_want);
}

static void check_smpri(struct run *r, __u64 before, __u64 after)
{
	__u64 host = ~0ULL;
	int err = __smekvm_get_reg64(r->vcpu, SMEKVM_SMPRI_EL1, &host);

	if (before || after || err || host)
		ksft_print_msg("SMPRI_EL1: 0x%llx, 0x%llx after 0xf; ONE_REG 0x%llx (%s)\n",
			       before, after, host, strerror(err));
	set_result(r, C_SMPRI, !before && !after && !err && !host);
}

static void check_id(struct run *r, __u64 pfr1, __u64 smfr0)
{
	__u64 host_pfr1 = vcpu_get_reg(r->vcpu, SMEKVM_ID_AA64PFR1_EL1);
	__u64 host_smfr0 = vcpu_get_reg(r->vcpu, SMEKVM_ID_AA64SMFR0_EL1);
	__u64 sme = FIELD_GET(ID_AA64PFR1_EL1_SME_MASK, pfr1);
	__u64 want = FIELD_GET(ID_AA64PFR1_EL1_SME_MASK, host_pfr1);
	bool ok;

	if (r->f->cfg.hide_sme2)
		want = ID_AA64PFR1_EL1_SME_IMP;
	ok = sme == want;
	if (!ok)
		ksft_print_msg("guest ID_AA64PFR1_EL1.SME %llu, configured %llu\n",
			       sme, want);
	set_result(r, C_PFR1, ok);

	ok = smfr0 == host_smfr0 &&
	     !(r->f->cfg.hide_fa64 && (smfr0 & ID_AA64SMFR0_EL1_FA64_MASK));
	if (!ok)
		ksft_print_msg("guest ID_AA64SMFR0_EL1 0x%llx, configured 0x%llx%s\n",
			       smfr0, host_smfr0,
			       r->f->cfg.hide_fa64 ? " (FA64 hidden)" : "");
	set_result(r, C_SMFR0, ok);
}

/* Why the VMs cannot run: KVM_RUN refused the first one. */
static const char *run_refused;

/* Run one VM; false if KVM_RUN refused it on the first entry. */
static bool run_vm(struct run *r)
{
	struct smekvm_run run = { .may_refuse = true };
	struct ucall uc;
	char who[48];

	run_setup(r);
	snprintf(who, sizeof(who), "%s svl_%u", r->f->name, r->vq * 128);
	run.vcpu = r->vcpu;
	run.who = who;
	for (;;) {
		switch (smekvm_run_next(&run, &uc)) {
		case SMEKVM_EV_REFUSED:
			run_refused = SMEKVM_RUN_REFUSED;
			return false;
		case SMEKVM_EV_SYNC:
			if (smekvm_fp_own_exit(&uc))
				break;
			switch (uc.args[0]) {
			case STAGE_RDSVL:
				/* RDSVL: SVL / 8, a streaming Z in bytes. */
				set_result(r, C_RDSVL, uc.args[1] ==
					   SMEKVM_ZREG_BYTES(r->vq));
				if (uc.args[1] != SMEKVM_ZREG_BYTES(r->vq))
					ksft_print_msg("svl_%u: RDSVL %lu bytes with LEN=15\n",
						       r->vq * 128, uc.args[1]);
				break;
			case STAGE_LEN:
				sync_global_from_guest(r->vm, g_arch);
				check_len(r, C_LEN0 + uc.args[1], g_arch.svl_by_len);
				check_len_own(r, uc.args[1], uc.args[2], uc.args[3]);
				break;
			case STAGE_STEP_PRE:
				step_pre(r, uc.args[1]);
				break;
			case STAGE_STEP_POST:
				step_post(r, uc.args[1], uc.args[2]);
				break;
			case STAGE_TPIDR2_SET:
			case STAGE_TPIDR2_GOT:
				check_tpidr2(r, uc.args[0], uc.args[1],
					     uc.args[2]);
				break;
			case STAGE_SMPRI:
				check_smpri(r, uc.args[1], uc.args[2]);
				break;
			case STAGE_ID:
				check_id(r, uc.args[1], uc.args[2]);
				break;
			default:
				TEST_FAIL("unknown stage %lu", uc.args[0]);
			}
			break;
		default:	/* done, or a guest exception (printed) */
			return true;
		}
	}
}

static unsigned int counts[3];	/* pass, fail, skip */

static void report(const struct smekvm_flavour_info *f, unsigned int vq, int c,
		   int result, const char *why)
{
	char name[96];

	case_name(name, sizeof(name), f, vq, c);
	if (result == RES_SKIP) {
		ksft_test_result_skip("%s: %s\n", name, why ? why : "");
		counts[2]++;
	} else {
		ksft_test_result(result == RES_PASS, "%s\n", name);
		counts[result != RES_PASS]++;
	}
}

static void test_vm(const struct smekvm_flavour_info *f, unsigned int vq)
{
	struct run r = { .f = f, .vq = vq };
	const char *why = smekvm_cfg_host_lacks(&f->cfg);
	int c, n = vm_cases(f, vq);
	bool any = false;

	for (c = 0; c < n; c++)
		any |= selected(f, vq, c);
	if (!any)
		return;

	if (!why && !run_refused && !run_vm(&r))
		ksft_print_msg("%s svl_%u: %s\n", f->name, vq * 128,
			       run_refused);
	if (!why)
		why = run_refused;
	if (r.vm)
		kvm_vm_free(r.vm);

	for (c = 0; c < n; c++) {
		if (!selected(f, vq, c))
			continue;
		if (why)
			report(f, vq, c, RES_SKIP, why);
		else if (len_state(c) >= 0 &&
			 smekvm_fp_own_host_lacks(len_state(c)))
			report(f, vq, c, RES_SKIP,
			       smekvm_fp_own_host_lacks(len_state(c)));
		else if (!r.result[c])
			report(f, vq, c, RES_FAIL, NULL);
		else
			report(f, vq, c, r.result[c], NULL);
	}
}

static void read_offered(void)
{
	struct smekvm_vcpu_cfg cfg = { .sme = true };
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;

	vm = vm_create(1);
	vcpu = smekvm_vcpu_add(vm, 0, &cfg, NULL);
	smekvm_get_vls(vcpu, KVM_REG_ARM64_SME_VLS, &offered);
	kvm_vm_free(vm);
}

int main(void)
{
	unsigned int i, vq, plan = 0;
	const struct smekvm_flavour_info *f;
	const char *el2_why;
	bool el2, el2_sel;
	struct timespec t0, t1;
	char buf[96];
	int c;

	smekvm_skip_unless_kvm_sme();
	read_offered();
	all_vls = smekvm_sweep_all_vls();
	el2 = smekvm_el2_sme_wanted(&el2_why);
	el2_sel = el2 && smekvm_case_selected("el2/sme");

	for (i = 0; i < ARRAY_SIZE(flavours); i++) {
		f = smekvm_flavour(flavours[i]);
		for (vq = 1; vq <= SMEKVM_VLS_MAX_VQ; vq++)
			if (smekvm_vls_has(&offered, vq) && vm_runs(f, vq))
				for (c = 0; c < vm_cases(f, vq); c++)
					plan += selected(f, vq, c);
	}
	plan += el2_sel;
	if (!plan)
		ksft_exit_skip("SMEKVM_CASE=%s: no such case\n",
			       smekvm_case_filter());

	ksft_print_header();
	ksft_set_plan(plan);
	ksft_print_msg("offered SVLs: %s (run at %s)\n",
		       smekvm_vls_str(&offered, buf, sizeof(buf)),
		       all_vls ? "all" : "the smallest and largest");
	clock_gettime(CLOCK_MONOTONIC, &t0);

	for (i = 0; i < ARRAY_SIZE(flavours); i++) {
		f = smekvm_flavour(flavours[i]);
		for (vq = 1; vq <= SMEKVM_VLS_MAX_VQ; vq++)
			if (smekvm_vls_has(&offered, vq) && vm_runs(f, vq))
				test_vm(f, vq);
	}
	if (el2_sel) {
		ksft_test_result_skip("el2/sme: %s\n", el2_why);
		counts[2]++;
	}

	clock_gettime(CLOCK_MONOTONIC, &t1);
	ksft_print_msg("%u passed, %u failed, %u skipped in %.1f s\n",
		       counts[0], counts[1], counts[2],
		       (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
	ksft_finished();
}
