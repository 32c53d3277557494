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
#include <linux/bitfield.h>

#include <kvm_util.h>
#include <processor.h>
#include <test_util.h>
#include <ucall_common.h>

#include "fp_own.h"
#include "guest_exc.h"
#include "sme_gframe.h"
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

static enum expect expect(const struct smekvm_gf_vm *vm, unsigned int s,
			  const struct check *c)
{
	switch (c->kind) {
	case K_FP:
		return X_EXEC;
	case K_SVE:
		if (vm->cfg.sve || (vm->cfg.sme && s == SMEKVM_OWN_STREAMING))
			return X_EXEC;
		return vm->cfg.sme ? X_TRAP : X_UNDEF;
	case K_SMIDR:
		return vm->cfg.sme ? X_EXEC : X_IDST;
	case K_ID:
		return vm->cfg.sme ? X_NONZERO : X_ZERO;
	default:
		return vm->cfg.sme ? X_EXEC : X_UNDEF;
	}
}

static bool case_name(const struct smekvm_gf_vm *vm, unsigned int s,
		      unsigned int i, char *buf, size_t size)
{
	snprintf(buf, size, "%s_%s", checks[i].name,
		 expect_names[expect(vm, s, &checks[i])]);
	return true;
}

/* Every check in every FP-ownership state. */
static const struct smekvm_gf_group group = {
	.flags = SMEKVM_GF_OWN, .nr_inner = NR_CHECKS, .name = case_name,
};

/*
 * The vcpus, one of each flavour (lib/sme_flavour.h): no_vec is the
 * library's default vcpu (at EL2 when the host offers nested
 * virtualisation, unless NV=0), the others are made at EL1.
 */
static const struct smekvm_gf_kind kinds[] = {
	{ .f = SMEKVM_FL_NO_VEC, .lib_vcpu = true, .groups = &group,
	  .nr_groups = 1 },
	{ .f = SMEKVM_FL_SVE_ONLY, .groups = &group, .nr_groups = 1 },
	{ .f = SMEKVM_FL_SME_ONLY, .groups = &group, .nr_groups = 1 },
};

/* Guest memory: the cases of one VM, set by the host. */
#define MAX_CASES	(SMEKVM_NR_OWN * NR_CHECKS)

static struct {
	u64 n;
	u64 smcr;		/* written to SMCR_EL1 first, unless 0 */
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
	smekvm_gf_guest_start(g.smcr, false);

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

/* The frame's case of each case the guest runs; the guest's FEAT_IDST. */
static struct smekvm_gf_case *guest_case[MAX_CASES];
static bool idst;

static void on_sync(struct smekvm_gf_vm *vm, enum smekvm_run_event ev,
		    struct ucall *uc)
{
	struct smekvm_gf_case *h;
	const struct check *c;
	enum expect x;
	bool ok;

	TEST_ASSERT(uc->args[0] < g.n, "bad case index %lu", uc->args[0]);
	sync_global_from_guest(vm->vm, g_res);
	h = guest_case[uc->args[0]];
	c = &checks[h->i];
	x = expect(vm, h->o, c);
	ok = judge(h->name, x, c, idst);
	ok &= smekvm_fp_own_check(h->name, h->o, g_res.bad, g_res.prep,
				  c->zeroes && x == X_EXEC);
	smekvm_gf_check(h, ok);
}

static const char *run_vm(struct smekvm_gf_vm *vm)
{
	struct smekvm_gf_case *h;
	u64 mmfr2;

	mmfr2 = vcpu_get_reg(vm->vcpu, KVM_ARM64_SYS_REG(SYS_ID_AA64MMFR2_EL1));
	idst = FIELD_GET(ID_AA64MMFR2_EL1_IDS, mmfr2);
	if (vm->kind->lib_vcpu) {
		ksft_print_msg("vcpu at EL%d\n", vcpu_has_el2(vm->vcpu) ? 2 : 1);
		ksft_print_msg("guest FEAT_IDST: %s, SMIDR_EL1 read expects EC 0x%02lx\n",
			       idst ? "yes" : "no",
			       idst ? ESR_ELx_EC_SYS64 : ESR_ELx_EC_UNKNOWN);
	}

	memset(&g, 0, sizeof(g));
	g.smcr = vm->sv.smcr;
	for (h = vm->cases; h < vm->cases + vm->nr; h++) {
		if (vm->cfg.sme && checks[h->i].kind == K_ZT0 &&
		    !vm->sv.cfg.sme2)
			smekvm_gf_skip(h, "the VM has no SME2");
		if (!smekvm_gf_runs(h))
			continue;
		if (checks[h->i].run == sme_hidden_smcr_el1_write)
			g.arg[g.n] = g.smcr;
		guest_case[g.n] = h;
		g.state[g.n] = h->o;
		g.check[g.n++] = h->i;
	}
	sync_global_to_guest(vm->vm, g);
	return smekvm_gf_loop(vm, on_sync);
}

int main(void)
{
	smekvm_gf_main(&(struct smekvm_gf_prog){
		.prefix = "", .kinds = kinds, .nr_kinds = ARRAY_SIZE(kinds),
		.flags = SMEKVM_GF_EXC, .guest = guest_main, .run = run_vm,
	});
}
