// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_hidden - a vcpu created without SME can neither use nor see SME.
 *
 * A vcpu initialised without KVM_ARM_VCPU_SME must behave as a CPU without
 * FEAT_SME, whether or not the host has SME (shared/ABI.md section 8,
 * "Without SME").  The guest executes each SME instruction and SME system
 * register access once, and the host checks what happened:
 *
 *  - SMSTART, SMSTOP, RDSVL, ZERO {ZA}, ZERO {ZT0}, and MRS and MSR of
 *    SVCR, SMCR_EL1, TPIDR2_EL0 and SMPRI_EL1 UNDEF (EC 0x00);
 *  - MRS of SMIDR_EL1 traps as an ID-space access (EC 0x18) when the guest
 *    has FEAT_IDST (ID_AA64MMFR2_EL1.IDS != 0 in the guest's view), else
 *    UNDEFs;
 *  - ID_AA64PFR1_EL1.SME and all of ID_AA64SMFR0_EL1 read as 0.
 *
 * The guest first sets CPACR_EL1.SMEN, as a guest ignoring the ID
 * registers could: with SMEN clear, the architecture traps SME to the
 * guest's own EL1 (EC 0x1D) before KVM is involved, which would test
 * nothing.  On hosts with SME, TPIDR2_EL0 and SMPRI_EL1 can only be hidden
 * through fine-grained traps (FEAT_FGT).
 *
 * The same expectations hold on hosts with and without SME, and for a
 * vcpu at EL1 or at EL2 (the library gives the vcpu EL2 when the host
 * offers nested virtualisation, unless NV=0): the exception level is
 * reported as a diagnostic and case names do not depend on it.
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

#include "case_filter.h"
#include "guest_exc.h"
#include "sme_uapi.h"
#include "guest_code/sme_hidden_insns.h"

enum hidden_expect {
	EXPECT_UNDEF,	/* EC 0x00 */
	EXPECT_IDST,	/* EC 0x18 with FEAT_IDST, else EC 0x00 */
	EXPECT_ZERO,	/* no exception; (value & mask) == 0 */
};

struct hidden_case {
	const char *name;
	u64 (*run)(void);
	const void *insn;
	enum hidden_expect expect;
	u64 mask;
};

#define HIDDEN_CASE(_name, _what, _expect, _mask) {			\
	.name	= _name,						\
	.run	= sme_hidden_##_what,					\
	.insn	= sme_hidden_##_what##_insn,				\
	.expect	= _expect,						\
	.mask	= _mask,						\
}

#define UNDEF_CASE(_name, _what) HIDDEN_CASE(_name, _what, EXPECT_UNDEF, 0)

static const struct hidden_case cases[] = {
	UNDEF_CASE("smstart_undef", smstart),
	UNDEF_CASE("smstop_undef", smstop),
	UNDEF_CASE("rdsvl_undef", rdsvl),
	UNDEF_CASE("zero_za_undef", zero_za),
	UNDEF_CASE("zero_zt0_undef", zero_zt0),
	UNDEF_CASE("svcr_read_undef", svcr_read),
	UNDEF_CASE("svcr_write_undef", svcr_write),
	UNDEF_CASE("smcr_el1_read_undef", smcr_el1_read),
	UNDEF_CASE("smcr_el1_write_undef", smcr_el1_write),
	UNDEF_CASE("tpidr2_el0_read_undef", tpidr2_el0_read),
	UNDEF_CASE("tpidr2_el0_write_undef", tpidr2_el0_write),
	UNDEF_CASE("smpri_el1_read_undef", smpri_el1_read),
	UNDEF_CASE("smpri_el1_write_undef", smpri_el1_write),
	HIDDEN_CASE("smidr_el1_read_idst", smidr_el1_read, EXPECT_IDST, 0),
	HIDDEN_CASE("id_aa64pfr1_el1_sme_zero", id_aa64pfr1_el1_read,
		    EXPECT_ZERO, ID_AA64PFR1_EL1_SME_MASK),
	HIDDEN_CASE("id_aa64smfr0_el1_zero", id_aa64smfr0_el1_read,
		    EXPECT_ZERO, ~0UL),
};

/* Written by the host before the guest runs. */
static bool case_enabled[ARRAY_SIZE(cases)];

static void guest_code(void)
{
	int i;

	/* Let SME instructions reach KVM rather than our own EL1. */
	write_sysreg(read_sysreg(cpacr_el1) | CPACR_EL1_SMEN, cpacr_el1);
	isb();

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		u64 val;

		if (!case_enabled[i])
			continue;

		guest_exc_arm(cases[i].insn);
		val = cases[i].run();
		GUEST_SYNC5(i, READ_ONCE(guest_exc.hit),
			    READ_ONCE(guest_exc.ec), READ_ONCE(guest_exc.esr),
			    val);
	}

	GUEST_DONE();
}

static void test_report(const struct hidden_case *c, bool idst, bool hit,
			u64 ec, u64 esr, u64 val)
{
	u64 want_ec;
	bool pass;

	switch (c->expect) {
	case EXPECT_UNDEF:
	case EXPECT_IDST:
		want_ec = c->expect == EXPECT_IDST && idst ?
			  ESR_ELx_EC_SYS64 : ESR_ELx_EC_UNKNOWN;
		pass = hit && ec == want_ec;
		if (!hit)
			ksft_print_msg("%s: no exception, expected EC 0x%02lx\n",
				       c->name, want_ec);
		else if (!pass)
			ksft_print_msg("%s: EC 0x%02lx (ESR 0x%lx), expected EC 0x%02lx\n",
				       c->name, ec, esr, want_ec);
		break;
	case EXPECT_ZERO:
		pass = !hit && !(val & c->mask);
		if (hit)
			ksft_print_msg("%s: EC 0x%02lx (ESR 0x%lx), expected a read\n",
				       c->name, ec, esr);
		else if (!pass)
			ksft_print_msg("%s: read 0x%lx, expected 0 in 0x%lx\n",
				       c->name, val, c->mask);
		break;
	default:
		TEST_FAIL("%s: unknown expectation %d", c->name, c->expect);
	}

	ksft_test_result(pass, "%s\n", c->name);
}

static void test_run_guest(struct kvm_vcpu *vcpu, bool idst)
{
	struct ucall uc;

	for (;;) {
		vcpu_run(vcpu);

		switch (get_ucall(vcpu, &uc)) {
		case UCALL_SYNC:
			TEST_ASSERT(uc.args[0] < ARRAY_SIZE(cases),
				    "bad case index %lu", uc.args[0]);
			test_report(&cases[uc.args[0]], idst, uc.args[1],
				    uc.args[2], uc.args[3], uc.args[4]);
			break;
		case UCALL_DONE:
			return;
		case UCALL_ABORT:
			REPORT_GUEST_ASSERT(uc);
			break;
		case UCALL_UNHANDLED:
			assert_on_unhandled_exception(vcpu);
			break;
		default:
			TEST_FAIL("unexpected ucall %lu", uc.cmd);
		}
	}
}

int main(void)
{
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;
	unsigned int i, plan = 0;
	u64 mmfr2;
	bool idst;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		case_enabled[i] = smekvm_case_selected(cases[i].name);
		plan += case_enabled[i];
	}
	if (!plan)
		ksft_exit_skip("SMEKVM_CASE=%s: no such case\n",
			       smekvm_case_filter());

	/* The default vcpu: no SME, EL2 when the host offers it. */
	vm = vm_create_with_one_vcpu(&vcpu, guest_code);
	smekvm_install_exc_recorder(vm, vcpu);
	sync_global_to_guest(vm, case_enabled);

	mmfr2 = vcpu_get_reg(vcpu, KVM_ARM64_SYS_REG(SYS_ID_AA64MMFR2_EL1));
	idst = FIELD_GET(ID_AA64MMFR2_EL1_IDS, mmfr2);

	ksft_print_header();
	ksft_print_msg("vcpu at EL%d\n", vcpu_has_el2(vcpu) ? 2 : 1);
	ksft_print_msg("guest FEAT_IDST: %s, SMIDR_EL1 read expects EC 0x%02lx\n",
		       idst ? "yes" : "no",
		       idst ? ESR_ELx_EC_SYS64 : ESR_ELx_EC_UNKNOWN);
	ksft_set_plan(plan);

	test_run_guest(vcpu, idst);

	kvm_vm_free(vm);
	ksft_finished();
}
