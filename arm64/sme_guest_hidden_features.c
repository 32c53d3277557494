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
#include <sys/auxv.h>
#include <asm/hwcap.h>

#include <kvm_util.h>
#include <processor.h>
#include <test_util.h>
#include <ucall_common.h>

#include "fp_own.h"
#include "guest_exc.h"
#include "sme_gframe.h"
#include "guest_code/guest_nofp.h"
#include "guest_code/sme_hidden_feat.h"

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

/* A VM of one flavour (lib/sme_flavour.h): what it needs, its cases. */
#define HF_MAX		5

struct hf_vm {
	unsigned long need_hwcap2;
	const char *lacks;
	unsigned int ncases;
	struct hf_case cases[HF_MAX];
};

/* The payloads that enter streaming mode: they zero D15 on leaving it. */
static bool streaming_insn(const struct hf_case *c)
{
	return c->insn == I_FMOV || c->insn == I_ADDV || c->insn == I_RDFFR;
}

static const struct hf_case *hf_case(const struct smekvm_gf_vm *vm,
				     unsigned int i)
{
	return &((const struct hf_vm *)vm->kind->data)->cases[i];
}

static bool case_name(const struct smekvm_gf_vm *vm, unsigned int s,
		      unsigned int i, char *buf, size_t size)
{
	const struct hf_case *c = hf_case(vm, i);
	bool fa64 = streaming_insn(c);
	__u64 bit = fa64 ? SMCR_ELx_FA64 : SMCR_ELx_EZT0;

	snprintf(buf, size, "%s/guest_%s_%d_%s", insn_names[c->insn],
		 fa64 ? "fa64" : "ezt0", !!(c->smcr & bit),
		 expect_names[c->expect]);
	return i < ((const struct hf_vm *)vm->kind->data)->ncases;
}

/* Every case of a VM runs in every FP-ownership state. */
static const struct smekvm_gf_group group = {
	.flags = SMEKVM_GF_OWN, .nr_inner = HF_MAX, .name = case_name,
};

#define HF_VM(fl, hwcap2, why, n, ...) {				\
	.f = SMEKVM_FL_##fl, .groups = &group, .nr_groups = 1,		\
	.data = &(const struct hf_vm){ hwcap2, why, n, { __VA_ARGS__ } },	\
}

static const struct smekvm_gf_kind kinds[] = {
	HF_VM(FA64_HIDDEN, HWCAP2_SME_FA64, "host has no FA64 to hide", 5,
	      { I_ADDV, 0, HF_SMTC1 },
	      { I_ADDV, SMCR_ELx_FA64, HF_SMTC1 },
	      { I_RDFFR, 0, HF_SMTC1 },
	      { I_RDFFR, SMCR_ELx_FA64, HF_SMTC1 },
	      { I_FMOV, 0, HF_EXEC }),
	HF_VM(SME_ONLY, HWCAP2_SME_FA64, "host has no FA64", 4,
	      { I_ADDV, 0, HF_SMTC1 },
	      { I_ADDV, SMCR_ELx_FA64, HF_EXEC },
	      { I_RDFFR, 0, HF_SMTC1 },
	      { I_RDFFR, SMCR_ELx_FA64, HF_EXEC }),
	HF_VM(SME2_HIDDEN, HWCAP2_SME2, "host has no SME2 to hide", 4,
	      { I_ZERO_ZT0, 0, HF_SMTC4 },
	      { I_ZERO_ZT0, SMCR_ELx_EZT0, HF_UNDEF },
	      { I_LDR_ZT0, 0, HF_SMTC4 },
	      { I_LDR_ZT0, SMCR_ELx_EZT0, HF_UNDEF }),
	HF_VM(SME_ONLY, HWCAP2_SME2, "host has no SME2", 4,
	      { I_ZERO_ZT0, 0, HF_SMTC4 },
	      { I_ZERO_ZT0, SMCR_ELx_EZT0, HF_EXEC },
	      { I_LDR_ZT0, 0, HF_SMTC4 },
	      { I_LDR_ZT0, SMCR_ELx_EZT0, HF_EXEC }),
};

static const char *vm_lacks(const struct smekvm_gf_vm *vm)
{
	const struct hf_vm *v = vm->kind->data;

	return getauxval(AT_HWCAP2) & v->need_hwcap2 ? NULL : v->lacks;
}

/* Cases of one VM: every table entry in every FP-ownership state. */
#define MAX_CASES	(SMEKVM_NR_OWN * HF_MAX)

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

	smekvm_gf_guest_start(0, false);

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

/* The frame's case of each case the guest runs. */
static struct smekvm_gf_case *guest_case[MAX_CASES];

static void on_sync(struct smekvm_gf_vm *vm, enum smekvm_run_event ev,
		    struct ucall *uc)
{
	struct smekvm_gf_case *c;
	const struct hf_case *h;
	bool ok;

	TEST_ASSERT(uc->args[0] < g_hf.ncases, "bad case index %lu",
		    uc->args[0]);
	sync_global_from_guest(vm->vm, g_diag);
	sync_global_from_guest(vm->vm, g_own);
	c = guest_case[uc->args[0]];
	h = hf_case(vm, c->i);
	ok = check(c->name, h, uc->args[1], uc->args[2], uc->args[3],
		   uc->args[4], uc->args[5]);
	ok &= smekvm_fp_own_check(c->name, c->o, g_own[1], g_own[0],
				  streaming_insn(h));
	smekvm_gf_check(c, ok);
}

/* One VM runs every case of its kind, in every state. */
static const char *run_vm(struct smekvm_gf_vm *vm)
{
	struct smekvm_gf_case *c;
	unsigned int n = 0;

	for (c = vm->cases; c < vm->cases + vm->nr; c++) {
		if (!smekvm_gf_runs(c))
			continue;
		guest_case[n] = c;
		g_hf.insn[n] = hf_case(vm, c->i)->insn;
		g_hf.state[n] = c->o;
		g_hf.smcr[n++] = hf_case(vm, c->i)->smcr;
	}
	g_hf.ncases = n;
	sync_global_to_guest(vm->vm, g_hf);
	return smekvm_gf_loop(vm, on_sync);
}

int main(void)
{
	smekvm_gf_main(&(struct smekvm_gf_prog){
		.prefix = "el1/", .kinds = kinds, .nr_kinds = ARRAY_SIZE(kinds),
		.flags = SMEKVM_GF_NEED_SME | SMEKVM_GF_EXC | SMEKVM_GF_EL2,
		.guest = guest_main, .lacks = vm_lacks, .run = run_vm,
	});
}
