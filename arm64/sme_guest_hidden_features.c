// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_guest_hidden_features - what a guest at EL1 gets when it uses an SME
 * sub-feature that userspace hid from it (abi-guest-fa64-hidden,
 * abi-guest-sme2-hidden-*).
 *
 * KVM cannot make FA64 or SME2 disappear from the hardware; it hides them
 * through SMCR_EL2 and must then give the guest the exceptions a CPU
 * without them would give:
 *
 *  - FA64 hidden (ID_AA64SMFR0_EL1.FA64=0): an instruction that is illegal
 *    in streaming mode (an Advanced SIMD ADD V0.4S; RDFFR) takes the SME
 *    exception, EC 0x1D with SMTC 1 (streaming-illegal), at the guest's
 *    EL1, whether the guest's SMCR_EL1.FA64 is 0 or 1, while a scalar FP
 *    instruction (FMOV D0, X1), legal in streaming mode, executes;
 *  - FA64 offered: the same with the guest's FA64=0, and with FA64=1 the
 *    instruction executes;
 *  - SME2 hidden (ID_AA64PFR1_EL1.SME=1): a ZT0 instruction (ZERO {ZT0},
 *    LDR ZT0) with the guest's SMCR_EL1.EZT0=0 takes EC 0x1D with SMTC 4
 *    (ZT0 disabled) at EL1; with EZT0=1 it traps to KVM, which must
 *    inject UNDEF (EC 0x00);
 *  - SME2 offered: SMTC 4 with EZT0=0, and with EZT0=1 it executes.
 *
 * The instructions sit at labels of guest_code/sme_hidden_feat.S; the
 * guest's handler (lib/guest_exc.c, taken at the guest's own EL1) records
 * the exception at that address and skips the instruction.  A guest
 * SMCR_EL1 with the bit under test clear runs one copy of them, with it
 * set another (the payload says why).  The guest writes SMCR_EL1, then
 * puts its FP registers into one FP-ownership state (lib/fp_own.h), then
 * runs the payload: every case runs in every state a vcpu with SME and
 * without SVE can be in (first: the payload's SMSTART is the first
 * FP-class access after an exit to userspace; fp, streaming, za: FP, SM
 * or ZA live from the same entry; kernel_exit, reentry, host_fp,
 * migrated), and checks that the FPCR (and, for the ZT0 payloads, D15)
 * the guest wrote before survived.  Case names:
 * el1/<flavour>/<state>/<insn>/guest_<bit>_<0|1>_<expected>, where the
 * flavour is fa64_hidden, sme2_hidden, or sme_only for FA64 and SME2
 * offered.
 * Each VM flavour skips when the host lacks what it shows; the program
 * skips when KVM cannot offer SME, its cases when KVM_RUN refuses SME
 * vcpus.
 * SMEKVM_CASE=<name> runs one case.
 */
#include <errno.h>
#include <string.h>
#include <time.h>
#include <sys/auxv.h>
#include <asm/hwcap.h>

#include <kvm_util.h>
#include <processor.h>
#include <test_util.h>
#include <ucall_common.h>

#include "case_filter.h"
#include "fp_own.h"
#include "guest_exc.h"
#include "sme_flavour.h"
#include "sme_el2.h"
#include "sme_probe.h"
#include "sme_run.h"
#include "sme_vcpu.h"
#include "guest_code/guest_nofp.h"
#include "guest_code/sme_hidden_feat.h"

/* A case's result; RES_NONE: the guest never got to it (a failure). */
enum { RES_NONE, RES_PASS, RES_FAIL, RES_SKIP };

enum hf_expect { HF_EXEC, HF_SMTC1, HF_SMTC4, HF_UNDEF };

static const char * const expect_names[] = {
	"executes", "smtc1", "smtc4", "undef",
};

enum hf_insn { I_FMOV, I_ADDV, I_RDFFR, I_ZERO_ZT0, I_LDR_ZT0, NR_INSNS };

static const char * const insn_names[NR_INSNS] = {
	"streaming_fmov_d0_x1", "streaming_add_v", "streaming_rdffr", "zero_zt0",
	"ldr_zt0",
};

struct hf_case {
	enum hf_insn insn;
	__u64 smcr;		/* guest SMCR_EL1 bits besides LEN */
	enum hf_expect expect;
};

/* A VM of one flavour (lib/sme_flavour.h) and the cases it runs. */
struct hf_vm {
	enum smekvm_flavour fl;
	unsigned long need_hwcap2;
	const char *lacks;
	struct hf_case cases[5];
	unsigned int ncases;
};

static const struct hf_vm vms[] = {
	{ SMEKVM_FL_FA64_HIDDEN,
	  HWCAP2_SME_FA64, "host has no FA64 to hide", {
		{ I_ADDV, 0, HF_SMTC1 },
		{ I_ADDV, SMCR_ELx_FA64, HF_SMTC1 },
		{ I_RDFFR, 0, HF_SMTC1 },
		{ I_RDFFR, SMCR_ELx_FA64, HF_SMTC1 },
		{ I_FMOV, 0, HF_EXEC },
	  }, 5 },
	{ SMEKVM_FL_SME_ONLY,
	  HWCAP2_SME_FA64, "host has no FA64", {
		{ I_ADDV, 0, HF_SMTC1 },
		{ I_ADDV, SMCR_ELx_FA64, HF_EXEC },
		{ I_RDFFR, 0, HF_SMTC1 },
		{ I_RDFFR, SMCR_ELx_FA64, HF_EXEC },
	  }, 4 },
	{ SMEKVM_FL_SME2_HIDDEN,
	  HWCAP2_SME2, "host has no SME2 to hide", {
		{ I_ZERO_ZT0, 0, HF_SMTC4 },
		{ I_ZERO_ZT0, SMCR_ELx_EZT0, HF_UNDEF },
		{ I_LDR_ZT0, 0, HF_SMTC4 },
		{ I_LDR_ZT0, SMCR_ELx_EZT0, HF_UNDEF },
	  }, 4 },
	{ SMEKVM_FL_SME_ONLY,
	  HWCAP2_SME2, "host has no SME2", {
		{ I_ZERO_ZT0, 0, HF_SMTC4 },
		{ I_ZERO_ZT0, SMCR_ELx_EZT0, HF_EXEC },
		{ I_LDR_ZT0, 0, HF_SMTC4 },
		{ I_LDR_ZT0, SMCR_ELx_EZT0, HF_EXEC },
	  }, 4 },
};

/* Cases of one VM: every table entry in every FP-ownership state. */
#define MAX_CASES	(SMEKVM_NR_OWN * 5)

/* Guest memory: the cases of this VM, set by the host. */
static struct {
	__u64 ncases;
	__u64 state[MAX_CASES];	/* FP-ownership state before the payload */
	__u64 insn[MAX_CASES];
	__u64 smcr[MAX_CASES];
} g_hf;

static __u8 g_zt0_buf[64];
static __u64 g_diag[2];	/* SMCR_EL1 and SVCR just before the instruction */
static __u64 g_own[2];	/* smekvm_fp_own_enter() and _leave() returned */

/* The payload functions and their instruction labels, by copy. */
typedef void (*hf_fn)(const void *buf, __u64 *diag);

#define HF_ENTRY(what)							\
	{ { smekvm_hf_##what##_0, smekvm_hf_##what##_1 },		\
	  { smekvm_hf_##what##_insn_0, smekvm_hf_##what##_insn_1 } }

static const struct {
	hf_fn fn[2];
	const char *insn[2];
} hf_payload[NR_INSNS] = {
	[I_FMOV]	= HF_ENTRY(fmov_streaming),
	[I_ADDV]	= HF_ENTRY(add_v_streaming),
	[I_RDFFR]	= HF_ENTRY(rdffr_streaming),
	[I_ZERO_ZT0]	= HF_ENTRY(zero_zt0),
	[I_LDR_ZT0]	= HF_ENTRY(ldr_zt0),
};

/* Report what case @i took (READ_ONCE needs the default target). */
static void guest_report(__u64 i)
{
	GUEST_SYNC6(i, READ_ONCE(guest_exc.hit), READ_ONCE(guest_exc.ec),
		    READ_ONCE(guest_exc.esr), READ_ONCE(guest_exc.count),
		    g_diag[0]);
}

static SMEKVM_GUEST_NOFP void guest_main(void)
{
	__u64 i, pattern;
	int copy, pass;

	write_sysreg(read_sysreg(cpacr_el1) | CPACR_EL1_FPEN |
		     CPACR_EL1_ZEN | CPACR_EL1_SMEN, cpacr_el1);
	isb();

	/* Pass 0 maps every page the cases touch (lib/fp_own.h). */
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < g_hf.ncases; i++) {
			pattern = smekvm_fp_own_pattern(i);
			write_sysreg_s(SMCR_ELx_LEN | g_hf.smcr[i], SYS_SMCR_EL1);
			isb();
			copy = !!(g_hf.smcr[i] & (SMCR_ELx_FA64 | SMCR_ELx_EZT0));
			guest_exc_arm(hf_payload[g_hf.insn[i]].insn[copy]);
			g_own[0] = smekvm_fp_own_enter(g_hf.state[i], pattern);
			hf_payload[g_hf.insn[i]].fn[copy](g_zt0_buf, g_diag);
			g_own[1] = smekvm_fp_own_leave(g_hf.state[i], pattern);
			if (pass)
				guest_report(i);
		}
		if (!pass)
			smekvm_fp_own_warmed();
	}
	GUEST_DONE();
}

/* The payloads that enter streaming mode: they zero D15 on leaving it. */
static bool streaming_insn(const struct hf_case *c)
{
	return c->insn == I_FMOV || c->insn == I_ADDV || c->insn == I_RDFFR;
}

static void case_name(char *buf, size_t size, const struct hf_vm *v,
		      unsigned int s, const struct hf_case *c)
{
	bool fa64 = streaming_insn(c);
	__u64 bit = fa64 ? SMCR_ELx_FA64 : SMCR_ELx_EZT0;

	snprintf(buf, size, "el1/%s/%s/%s/guest_%s_%d_%s",
		 smekvm_flavour_name(v->fl),
		 smekvm_fp_own[s].name, insn_names[c->insn],
		 fa64 ? "fa64" : "ezt0",
		 !!(c->smcr & bit), expect_names[c->expect]);
}

static bool selected(const struct hf_vm *v, unsigned int s,
		     const struct hf_case *c)
{
	char name[96];

	case_name(name, sizeof(name), v, s, c);
	return smekvm_case_selected(name);
}

static unsigned int counts[3];	/* pass, fail, skip */

static void report(const struct hf_vm *v, unsigned int s,
		   const struct hf_case *c, int result, const char *why)
{
	char name[96];

	case_name(name, sizeof(name), v, s, c);
	if (result == RES_SKIP) {
		ksft_test_result_skip("%s: %s\n", name, why ? why : "");
		counts[2]++;
	} else {
		ksft_test_result(result == RES_PASS, "%s\n", name);
		counts[result != RES_PASS]++;
	}
}

/* Whether the exception recorded for @c is what @c expects. */
static bool check(const char *name, const struct hf_case *c, __u64 hit,
		  __u64 ec, __u64 esr, __u64 count, __u64 smcr)
{
	bool ok;

	switch (c->expect) {
	case HF_EXEC:
		ok = !hit && !count;
		break;
	case HF_SMTC1:
	case HF_SMTC4:
		ok = hit && count == 1 && ec == ESR_ELx_EC_SME &&
		     (esr & 0x7) == (c->expect == HF_SMTC1 ? 1 : 4);
		break;
	default:
		ok = hit && count == 1 && ec == ESR_ELx_EC_UNKNOWN;
		break;
	}
	if (ok)
		return true;
	if (!hit)
		ksft_print_msg("%s: no exception (%llu), expected %s; SMCR 0x%llx SVCR 0x%llx\n",
			       name, count, expect_names[c->expect], smcr, g_diag[1]);
	else
		ksft_print_msg("%s: EC 0x%02llx ESR 0x%llx (%llu) not %s; SMCR 0x%llx SVCR %llx\n",
			       name, ec, esr, count, expect_names[c->expect],
			       smcr, g_diag[1]);
	if (c->expect == HF_SMTC4 && hit && ec == ESR_ELx_EC_SME &&
	    !(esr & 0x7))
		ksft_print_msg("%s: EZT0 trap seen as SMTC 0 (QEMU 11.1, known-issues)\n",
			       name);
	return false;
}

static const char *run_refused;

/* The FP-ownership states of these vcpus (SME, no SVE). */
static unsigned int own_states[SMEKVM_NR_OWN], nr_own;

/* Case @k of @v: state k / ncases, table entry k % ncases. */
static unsigned int k_state(const struct hf_vm *v, unsigned int k)
{
	return own_states[k / v->ncases];
}

static const struct hf_case *k_case(const struct hf_vm *v, unsigned int k)
{
	return &v->cases[k % v->ncases];
}

static bool k_selected(const struct hf_vm *v, unsigned int k)
{
	return selected(v, k_state(v, k), k_case(v, k));
}

/* One VM runs every case of @v, in every state. */
static void test_vm(const struct hf_vm *v)
{
	const char *fl_name = smekvm_flavour_name(v->fl);
	struct smekvm_run run = { .who = fl_name, .may_refuse = true };
	const char *why = NULL;
	int result[MAX_CASES] = { 0 };
	unsigned int idx[MAX_CASES];	/* guest case -> k */
	const struct hf_case *c;
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;
	struct ucall uc;
	unsigned int k, n = 0;
	bool done = false, ok;
	char name[96];

	for (k = 0; k < nr_own * v->ncases; k++)
		n += k_selected(v, k);
	if (!n)
		return;

	if (!(getauxval(AT_HWCAP2) & v->need_hwcap2))
		why = v->lacks;
	else if (run_refused)
		why = run_refused;
	if (why)
		goto report;

	vm = vm_create(1);
	vcpu = smekvm_vcpu_add(vm, 0, &smekvm_flavour(v->fl)->cfg, guest_main);
	smekvm_install_exc_recorder(vm, vcpu);
	smekvm_vcpu_finalize(vcpu);
	kvm_arch_vm_finalize_vcpus(vm);

	g_hf.ncases = 0;
	for (k = 0; k < nr_own * v->ncases; k++) {
		if (!k_selected(v, k) ||
		    smekvm_fp_own_host_lacks(k_state(v, k)))
			continue;
		idx[g_hf.ncases] = k;
		g_hf.insn[g_hf.ncases] = k_case(v, k)->insn;
		g_hf.state[g_hf.ncases] = k_state(v, k);
		g_hf.smcr[g_hf.ncases++] = k_case(v, k)->smcr;
	}
	sync_global_to_guest(vm, g_hf);

	run.vcpu = vcpu;
	while (!done) {
		switch (smekvm_run_next(&run, &uc)) {
		case SMEKVM_EV_REFUSED:
			run_refused = SMEKVM_RUN_REFUSED;
			why = run_refused;
			ksft_print_msg("%s: %s\n", fl_name, why);
			done = true;
			break;
		case SMEKVM_EV_SYNC:
			if (smekvm_fp_own_exit(&uc))
				break;
			TEST_ASSERT(uc.args[0] < g_hf.ncases,
				    "bad case index %lu", uc.args[0]);
			sync_global_from_guest(vm, g_diag);
			sync_global_from_guest(vm, g_own);
			k = idx[uc.args[0]];
			c = k_case(v, k);
			case_name(name, sizeof(name), v, k_state(v, k), c);
			ok = check(name, c, uc.args[1], uc.args[2], uc.args[3],
				   uc.args[4], uc.args[5]);
			ok &= smekvm_fp_own_check(name, k_state(v, k), g_own[1],
						  g_own[0], streaming_insn(c));
			result[k] = ok ? RES_PASS : RES_FAIL;
			break;
		default:	/* done, or a guest exception (printed) */
			done = true;
			break;
		}
	}
	kvm_vm_free(vm);

report:
	for (k = 0; k < nr_own * v->ncases; k++) {
		const char *skip = why ? why :
				   smekvm_fp_own_host_lacks(k_state(v, k));

		if (!k_selected(v, k))
			continue;
		if (skip)
			report(v, k_state(v, k), k_case(v, k), RES_SKIP, skip);
		else
			report(v, k_state(v, k), k_case(v, k),
			       result[k] ? result[k] : RES_FAIL, NULL);
	}
}

int main(void)
{
	unsigned int i, j, s, plan = 0;
	struct timespec t0, t1;
	const char *el2_why;
	bool el2_sel;

	for (s = 0; s < SMEKVM_NR_OWN; s++)
		if (smekvm_fp_own_applies(s, false, true))
			own_states[nr_own++] = s;
	for (i = 0; i < ARRAY_SIZE(vms); i++)
		for (j = 0; j < nr_own * vms[i].ncases; j++)
			plan += k_selected(&vms[i], j);
	smekvm_skip_unless_kvm_sme();
	el2_sel = smekvm_el2_sme_wanted(&el2_why) &&
		  smekvm_case_selected("el2/sme");
	plan += el2_sel;
	if (!plan)
		ksft_exit_skip("SMEKVM_CASE=%s: no such case\n",
			       smekvm_case_filter());

	ksft_print_header();
	ksft_set_plan(plan);
	clock_gettime(CLOCK_MONOTONIC, &t0);

	for (i = 0; i < ARRAY_SIZE(vms); i++)
		test_vm(&vms[i]);
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
