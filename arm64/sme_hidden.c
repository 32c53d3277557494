// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_hidden - a vcpu created without SME can neither use nor see SME, in
 * every FP-ownership state; with SME the same instructions execute.
 *
 * A vcpu initialised without KVM_ARM_VCPU_SME must behave as a CPU without
 * FEAT_SME, whether or not the host has SME (doc/abi.md: abi-guest-nosme-*,
 * abi-idreg-nosme-zero, abi-guest-nosve-undef):
 *
 *  - SMSTART, SMSTOP, RDSVL, ZERO {ZA}, ZERO {ZT0}, and MRS and MSR of
 *    SVCR, SMCR_EL1, TPIDR2_EL0 and SMPRI_EL1 UNDEF (EC 0x00);
 *  - MRS of SMIDR_EL1 traps as an ID-space access (EC 0x18) when the guest
 *    has FEAT_IDST (ID_AA64MMFR2_EL1.IDS != 0 in the guest's view), else
 *    UNDEFs;
 *  - ID_AA64PFR1_EL1.SME and all of ID_AA64SMFR0_EL1 read as 0;
 *  - likewise RDVL (SVE) UNDEFs without SVE and SME, and FMOV (FP)
 *    executes.
 *
 * KVM decides these traps in more than one place: when the guest's FP
 * registers are not loaded and once they are (lib/fp_own.h).  So every
 * check runs in every FP-ownership state the vcpu can be in (first, fp,
 * sve, streaming, za, kernel_exit, reentry, host_fp, migrated), and on
 * three vcpus: no_vec, the library's default vcpu (no SVE, no SME, at EL2
 * when the host offers nested virtualisation unless NV=0), sve_only (EL1)
 * and, as the control that catches a trap set too eagerly, sme_only (SME
 * without SVE, EL1), where the SME checks must execute (ZERO {ZT0} with
 * SME2) and the ID fields read non-zero, and RDVL executes in streaming
 * mode and traps outside it: the SME exception with SMTC 2 as on a CPU
 * with SME and without SVE, or UNDEF where the host has SVE
 * (doc/known-issues.md).
 * Case names: <flavour>/<state>/<check>_<expected>, e.g.
 * no_vec/first/smstart_undef or sme_only/fp/rdsvl_executes.
 * Besides the instruction's outcome each case checks that the guest's D15
 * and FPCR written before it survived (lib/fp_own.h) and that the vcpu
 * goes on running.
 *
 * The guest first sets CPACR_EL1.FPEN, ZEN and SMEN, as a guest ignoring
 * the ID registers could: with SMEN clear, the architecture traps SME to
 * the guest's own EL1 (EC 0x1D) before KVM is involved, which would test
 * nothing.  On hosts with SME, TPIDR2_EL0 and SMPRI_EL1 can only be hidden
 * through fine-grained traps (FEAT_FGT).  The exception level of the
 * default vcpu is reported as a diagnostic; case names do not depend on
 * it.
 *
 * Each instruction sits at a label of guest_code/sme_hidden_insns.S; the
 * guest's handler (lib/guest_exc.c) records the exception taken at that
 * address and skips the instruction.  SMEKVM_CASE=<name> runs one case.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <linux/bitfield.h>

#include <kvm_util.h>
#include <processor.h>
#include <test_util.h>
#include <ucall_common.h>

#include "case_filter.h"
#include "fp_own.h"
#include "guest_exc.h"
#include "sme_flavour.h"
#include "sme_probe.h"
#include "sme_run.h"
#include "sme_vcpu.h"
#include "guest_code/guest_nofp.h"
#include "guest_code/sme_hidden_insns.h"

/* What a check expects, by what the vcpu has. */
enum kind {
	K_SME,		/* UNDEF without SME, executes with it */
	K_ZT0,		/* UNDEF without SME, executes with SME2 */
	K_SMIDR,	/* ID space without SME (IDST), executes with it */
	K_ID,		/* field 0 without SME, non-zero with it */
	K_SVE,		/* UNDEF without SVE, executes with SVE or streaming */
	K_FP,		/* executes */
};

enum expect { X_UNDEF, X_IDST, X_ZERO, X_NONZERO, X_EXEC, X_TRAP };

static const char * const expect_names[] = {
	"undef", "idst", "zero", "nonzero", "executes", "traps",
};

#define SMTC_NOT_STREAMING	2	/* ESR_ELx.ISS.SMTC */

struct check {
	const char *name;
	u64 (*run)(u64 arg);
	const void *insn;
	enum kind kind;
	u64 mask;		/* K_ID: the field */
	bool zeroes;		/* executed, it may change PSTATE.SM */
};

#define CHECK(_what, _kind, _mask, _zeroes) {				\
	.name	= #_what,						\
	.run	= sme_hidden_##_what,					\
	.insn	= sme_hidden_##_what##_insn,				\
	.kind	= _kind,						\
	.mask	= _mask,						\
	.zeroes	= _zeroes,						\
}

static const struct check checks[] = {
	CHECK(smstart, K_SME, 0, true),
	CHECK(smstop, K_SME, 0, true),
	CHECK(rdsvl, K_SME, 0, false),
	CHECK(zero_za, K_SME, 0, false),
	CHECK(zero_zt0, K_ZT0, 0, false),
	CHECK(svcr_read, K_SME, 0, false),
	CHECK(svcr_write, K_SME, 0, true),
	CHECK(smcr_el1_read, K_SME, 0, false),
	CHECK(smcr_el1_write, K_SME, 0, false),
	CHECK(tpidr2_el0_read, K_SME, 0, false),
	CHECK(tpidr2_el0_write, K_SME, 0, false),
	CHECK(smpri_el1_read, K_SME, 0, false),
	CHECK(smpri_el1_write, K_SME, 0, false),
	CHECK(smidr_el1_read, K_SMIDR, 0, false),
	{ "id_aa64pfr1_el1_sme", sme_hidden_id_aa64pfr1_el1_read,
	  sme_hidden_id_aa64pfr1_el1_read_insn, K_ID,
	  ID_AA64PFR1_EL1_SME_MASK },
	{ "id_aa64smfr0_el1", sme_hidden_id_aa64smfr0_el1_read,
	  sme_hidden_id_aa64smfr0_el1_read_insn, K_ID, ~0UL },
	CHECK(fp_fmov, K_FP, 0, false),
	CHECK(sve_rdvl, K_SVE, 0, false),
};

#define NR_CHECKS	ARRAY_SIZE(checks)

/*
 * The vcpus, one of each flavour (lib/sme_flavour.h): no_vec is the
 * library's default vcpu (at EL2 when the host offers nested
 * virtualisation, unless NV=0), the others are made at EL1.
 */
static const enum smekvm_flavour vms[] = {
	SMEKVM_FL_NO_VEC, SMEKVM_FL_SVE_ONLY, SMEKVM_FL_SME_ONLY,
};

static bool dflt_vcpu(const struct smekvm_flavour_info *v)
{
	return v->id == SMEKVM_FL_NO_VEC;
}

static enum expect expect(const struct smekvm_flavour_info *v, unsigned int s,
			  const struct check *c)
{
	switch (c->kind) {
	case K_FP:
		return X_EXEC;
	case K_SVE:
		if (v->cfg.sve || (v->cfg.sme && s == SMEKVM_OWN_STREAMING))
			return X_EXEC;
		return v->cfg.sme ? X_TRAP : X_UNDEF;
	case K_SMIDR:
		return v->cfg.sme ? X_EXEC : X_IDST;
	case K_ID:
		return v->cfg.sme ? X_NONZERO : X_ZERO;
	default:
		return v->cfg.sme ? X_EXEC : X_UNDEF;
	}
}

static void case_name(char *buf, size_t size,
		      const struct smekvm_flavour_info *v, unsigned int s,
		      const struct check *c)
{
	snprintf(buf, size, "%s/%s/%s_%s", v->name, smekvm_fp_own[s].name,
		 c->name, expect_names[expect(v, s, c)]);
}

/* Guest memory: the cases of one VM, set by the host. */
#define MAX_CASES	(SMEKVM_NR_OWN * NR_CHECKS)

static struct {
	u64 n;
	u64 sme;		/* write smcr to SMCR_EL1 first */
	u64 smcr;
	u64 state[MAX_CASES];
	u64 check[MAX_CASES];
	u64 arg[MAX_CASES];
} g;

/* What the guest saw in the case it reports. */
static struct {
	u64 hit, ec, esr, count, val, prep, bad;
} g_res;

/* Report case @i: what the handler recorded (READ_ONCE: default target). */
static void guest_report(u64 i)
{
	g_res.hit = READ_ONCE(guest_exc.hit);
	g_res.ec = READ_ONCE(guest_exc.ec);
	g_res.esr = READ_ONCE(guest_exc.esr);
	g_res.count = READ_ONCE(guest_exc.count);
	GUEST_SYNC1(i);
}

static SMEKVM_GUEST_NOFP void guest_main(void)
{
	const struct check *c;
	u64 i, pattern;
	int pass;

	/* Let FP, SVE and SME instructions reach KVM, not our own EL1. */
	write_sysreg(read_sysreg(cpacr_el1) | CPACR_EL1_FPEN |
		     CPACR_EL1_ZEN | CPACR_EL1_SMEN, cpacr_el1);
	isb();
	if (g.sme) {
		write_sysreg_s(g.smcr, SYS_SMCR_EL1);
		isb();
	}

	/* Pass 0 maps every page the cases touch (lib/fp_own.h). */
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < g.n; i++) {
			c = &checks[g.check[i]];
			pattern = smekvm_fp_own_pattern(i);
			guest_exc_arm(c->insn);
			g_res.prep = smekvm_fp_own_enter(g.state[i], pattern);
			g_res.val = c->run(g.arg[i]);
			g_res.bad = smekvm_fp_own_leave(g.state[i], pattern);
			if (pass)
				guest_report(i);
		}
		if (!pass)
			smekvm_fp_own_warmed();
	}
	GUEST_DONE();
}

/* Whether what the guest saw is what @x says; prints what differs. */
static bool judge(const char *name, enum expect x, const struct check *c,
		  bool idst)
{
	u64 want_ec = x == X_IDST && idst ? ESR_ELx_EC_SYS64 :
		      ESR_ELx_EC_UNKNOWN;
	bool want_zero = x == X_ZERO;

	switch (x) {
	case X_UNDEF:
	case X_IDST:
		if (g_res.hit && g_res.ec == want_ec)
			return true;
		if (!g_res.hit)
			ksft_print_msg("%s: no exception, expected EC 0x%02lx\n",
				       name, want_ec);
		else
			ksft_print_msg("%s: EC 0x%02lx (ESR 0x%lx), expected EC 0x%02lx\n",
				       name, g_res.ec, g_res.esr, want_ec);
		return false;
	case X_TRAP:
		if (g_res.hit && g_res.ec == ESR_ELx_EC_UNKNOWN) {
			ksft_print_msg("%s: UNDEF, not SMTC 2 as without SVE (known-issues.md)\n",
				       name);
			return true;
		}
		if (g_res.hit && g_res.ec == ESR_ELx_EC_SME &&
		    (g_res.esr & 0x7) == SMTC_NOT_STREAMING)
			return true;
		if (!g_res.hit)
			ksft_print_msg("%s: no exception, expected EC 0x1d SMTC 2\n",
				       name);
		else
			ksft_print_msg("%s: EC 0x%02lx (ESR 0x%lx), expected EC 0x1d SMTC 2\n",
				       name, g_res.ec, g_res.esr);
		return false;
	case X_EXEC:
		if (!g_res.hit && !g_res.count)
			return true;
		ksft_print_msg("%s: EC 0x%02lx (ESR 0x%lx, %lu taken%s), expected none\n",
			       name, g_res.ec, g_res.esr, g_res.count,
			       g_res.hit ? "" : ", none at the instruction");
		return false;
	default:
		if (!g_res.hit && !(g_res.val & c->mask) == want_zero)
			return true;
		if (g_res.hit)
			ksft_print_msg("%s: EC 0x%02lx (ESR 0x%lx), expected a read\n",
				       name, g_res.ec, g_res.esr);
		else
			ksft_print_msg("%s: read 0x%lx, expected %s in 0x%lx\n",
				       name, g_res.val, expect_names[x],
				       c->mask);
		return false;
	}
}

/* Why this host cannot run a vcpu of kind @v, or NULL. */
static const char *vm_lacks(const struct smekvm_flavour_info *v)
{
	int fd, ret;

	if (dflt_vcpu(v))
		return NULL;
	if (smekvm_cfg_host_lacks(&v->cfg))
		return smekvm_cfg_host_lacks(&v->cfg);
	if (!v->cfg.sme)
		return NULL;
	fd = open_kvm_dev_path_or_exit();
	ret = smekvm_probe_vcpu_init(fd, 1U << KVM_ARM_VCPU_SME, NULL);
	close(fd);
	return ret ? "KVM cannot give a vcpu SME (KVM_ARM_VCPU_INIT with KVM_ARM_VCPU_SME fails)" :
		     NULL;
}

enum { RES_NONE, RES_PASS, RES_FAIL, RES_SKIP };

/* The selected cases of one VM, in the order of their names. */
static struct hcase {
	unsigned int s, c;
	int result;
	const char *why;	/* of a skip */
} cases[MAX_CASES];

static unsigned int guest_case[MAX_CASES];	/* guest index -> cases[] */

struct run {
	const struct smekvm_flavour_info *v;
	bool idst, sme2;
};

static void run_case(struct run *r, struct hcase *h)
{
	const struct check *c = &checks[h->c];
	enum expect x = expect(r->v, h->s, c);
	char name[96];
	bool ok;

	case_name(name, sizeof(name), r->v, h->s, c);
	ok = judge(name, x, c, r->idst);
	ok &= smekvm_fp_own_check(name, h->s, g_res.bad, g_res.prep,
				  c->zeroes && x == X_EXEC);
	h->result = ok ? RES_PASS : RES_FAIL;
}

static void vm_setup(struct run *r, struct kvm_vm *vm, struct kvm_vcpu *vcpu)
{
	unsigned int i;
	u64 mmfr2;

	mmfr2 = vcpu_get_reg(vcpu, KVM_ARM64_SYS_REG(SYS_ID_AA64MMFR2_EL1));
	r->idst = FIELD_GET(ID_AA64MMFR2_EL1_IDS, mmfr2);
	if (dflt_vcpu(r->v)) {
		ksft_print_msg("vcpu at EL%d\n", vcpu_has_el2(vcpu) ? 2 : 1);
		ksft_print_msg("guest FEAT_IDST: %s, SMIDR_EL1 read expects EC 0x%02lx\n",
			       r->idst ? "yes" : "no",
			       r->idst ? ESR_ELx_EC_SYS64 : ESR_ELx_EC_UNKNOWN);
	}
	g.sme = r->v->cfg.sme;
	if (g.sme) {
		r->sme2 = smekvm_vcpu_pfr1_sme(vcpu) >= 2;
		g.smcr = SMCR_ELx_LEN |
			 (smekvm_vcpu_has_fa64(vcpu) ? SMCR_ELx_FA64 : 0) |
			 (r->sme2 ? SMCR_ELx_EZT0 : 0);
	}
	for (i = 0; i < g.n; i++) {
		struct hcase *h = &cases[guest_case[i]];

		if (checks[h->c].run == sme_hidden_smcr_el1_write)
			g.arg[i] = g.smcr;
		if (g.sme && checks[h->c].kind == K_ZT0 && !r->sme2) {
			h->result = RES_SKIP;
			h->why = "the VM has no SME2";
		}
	}
	sync_global_to_guest(vm, g);
}

static void run_vm(struct run *r)
{
	struct smekvm_run run = { .may_refuse = r->v->cfg.sme };
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;
	struct ucall uc;
	unsigned int i;

	if (dflt_vcpu(r->v)) {
		vm = vm_create_with_one_vcpu(&vcpu, guest_main);
	} else {
		vm = vm_create(1);
		vcpu = smekvm_vcpu_add(vm, 0, &r->v->cfg, guest_main);
		smekvm_vcpu_finalize(vcpu);
		kvm_arch_vm_finalize_vcpus(vm);
	}
	smekvm_install_exc_recorder(vm, vcpu);
	vm_setup(r, vm, vcpu);

	run.vcpu = vcpu;
	run.who = r->v->name;
	for (;;) {
		switch (smekvm_run_next(&run, &uc)) {
		case SMEKVM_EV_REFUSED:
			for (i = 0; i < g.n; i++) {
				cases[guest_case[i]].result = RES_SKIP;
				cases[guest_case[i]].why = SMEKVM_RUN_REFUSED;
			}
			kvm_vm_free(vm);
			return;
		case SMEKVM_EV_SYNC:
			if (smekvm_fp_own_exit(&uc))
				break;
			TEST_ASSERT(uc.args[0] < g.n, "bad case index %lu",
				    uc.args[0]);
			sync_global_from_guest(vm, g_res);
			if (cases[guest_case[uc.args[0]]].result != RES_SKIP)
				run_case(r, &cases[guest_case[uc.args[0]]]);
			break;
		default:	/* done, or a guest exception (printed) */
			kvm_vm_free(vm);
			return;
		}
	}
}

/* Fill cases[] with the selected cases of @v (state-major); how many. */
static unsigned int vm_cases(const struct smekvm_flavour_info *v)
{
	unsigned int s, c, n = 0;
	char name[96];

	for (s = 0; s < SMEKVM_NR_OWN; s++) {
		if (!smekvm_fp_own_applies(s, v->cfg.sve, v->cfg.sme))
			continue;
		for (c = 0; c < NR_CHECKS; c++) {
			case_name(name, sizeof(name), v, s, &checks[c]);
			if (smekvm_case_selected(name))
				cases[n++] = (struct hcase){ .s = s, .c = c };
		}
	}
	return n;
}

static unsigned int counts[3];	/* pass, fail, skip */

static void test_vm(const struct smekvm_flavour_info *v)
{
	struct run r = { .v = v };
	const char *why;
	unsigned int i, n = vm_cases(v);
	char name[96];

	if (!n)
		return;
	why = vm_lacks(v);
	memset(&g, 0, sizeof(g));
	for (i = 0; i < n; i++) {
		const char *skip = why;

		if (!skip)
			skip = smekvm_fp_own_host_lacks(cases[i].s);
		cases[i].why = skip;
		if (skip) {
			cases[i].result = RES_SKIP;
			continue;
		}
		guest_case[g.n] = i;
		g.state[g.n] = cases[i].s;
		g.check[g.n++] = cases[i].c;
	}
	if (g.n)
		run_vm(&r);

	for (i = 0; i < n; i++) {
		case_name(name, sizeof(name), v, cases[i].s,
			  &checks[cases[i].c]);
		if (cases[i].result == RES_SKIP) {
			ksft_test_result_skip("%s: %s\n", name, cases[i].why);
			counts[2]++;
		} else {
			if (cases[i].result == RES_NONE)
				ksft_print_msg("%s: the guest did not get to it\n",
					       name);
			ksft_test_result(cases[i].result == RES_PASS, "%s\n",
					 name);
			counts[cases[i].result != RES_PASS]++;
		}
	}
}

int main(void)
{
	unsigned int i, plan = 0;

	for (i = 0; i < ARRAY_SIZE(vms); i++)
		plan += vm_cases(smekvm_flavour(vms[i]));
	if (!plan)
		ksft_exit_skip("SMEKVM_CASE=%s: no such case\n",
			       smekvm_case_filter());

	ksft_print_header();
	ksft_set_plan(plan);
	for (i = 0; i < ARRAY_SIZE(vms); i++)
		test_vm(smekvm_flavour(vms[i]));
	ksft_print_msg("%u passed, %u failed, %u skipped\n",
		       counts[0], counts[1], counts[2]);
	ksft_finished();
}
