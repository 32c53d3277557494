// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_guest_coherence - the guest's live FP/SVE/SME registers and
 * userspace's ONE_REG view of them agree, in both directions, in every
 * SVCR state and at every vector length.
 *
 * sme_guest_state is the smoke test of this (one state, one SVL); here
 * the same round trip covers, for each vcpu flavour and each VL the VM
 * offers, each of the four SVCR states (off, sm, za, sm_za):
 *
 *  - the guest enters the state, loads every register live in it with
 *    patterns naming vcpu, generation, register, row and byte
 *    (non-streaming Z/P/FFR, or V without SVE; streaming Z/P/FFR at the
 *    SVL; ZA rows and ZT0 with ZA on) and exits to userspace from
 *    assembly while still in that state (guest_code/sme_state_step.S: an
 *    MMIO store, no compiled code in streaming mode);
 *  - <state>/<entry>/onereg_after_exit: SVCR reads the state, every live register
 *    reads its pattern at the current VL with zero padding, and the
 *    registers that do not exist or are not accessible in the state (Z0,
 *    P0, FFR, V0, ZA row 0, the first ZA row past the SVL, ZT0) give the
 *    errno of the abi-onereg-* rules, as lib/sme_model.c predicts;
 *  - userspace writes the next generation to every live register;
 *  - <state>/<entry>/guest_after_entry: after KVM_RUN the guest, still in the
 *    state, stores every live register and SVCR: they hold exactly what
 *    userspace wrote.
 *
 * The vcpu thread moves to another host CPU between round trips, so the
 * state is also saved and restored across CPUs.  Flavours: sve_sme and
 * sme_only at every SVL, sme2_hidden (no ZT0), fa64_hidden (no streaming
 * FFR) and sme_only_host_za (the vcpu thread keeps its own ZA on around
 * KVM_RUN) at the largest, and VMs without SME for the non-streaming
 * path: sve_only at the smallest and largest SVE VL, no_vec (V registers
 * only).  In protected mode, where a VM takes seconds to create under
 * TCG, sve_sme and sme_only run at the smallest and largest SVL only (at
 * all of them in the full tier or with SMEKVM_ALL_VLS=1).
 *
 * Each SVCR state is entered twice: with an SME instruction first after
 * the entry (sme_first), and with a non-streaming FP/SVE load first
 * (fp_first), so that a lazy switch has loaded the FP or SVE state before
 * the guest turns to SME.  Case names
 * el1/<flavour>/svl_<n>/<state>/<entry>/<what> for VMs with SME,
 * el1/sve_only/vl_<n>/off/<what> and el1/no_vec/off/<what> without.  Round
 * trips per state and entry: 3, 30 in the full tier, or SMEKVM_ITERS.
 * Without SME in KVM, the non-SME flavours still run and
 * el1/sme_flavours skips with the reason; when KVM_RUN refuses vcpus
 * with SME, the SME flavours' cases skip.
 */
#include <string.h>
#include <sys/auxv.h>
#include <asm/hwcap.h>

#include <kvm_util.h>
#include <processor.h>
#include <test_util.h>
#include <ucall_common.h>

#include "guest_code/guest_nofp.h"
#include "host_sme.h"
#include "sme_check.h"
#include "sme_cpu.h"
#include "sme_gframe.h"
#include "sme_model.h"
#include "sme_names.h"
#include "sme_pattern.h"
#include "sme_settings.h"
#include "sme_step.h"

#define ITERS_DEFAULT	3
#define ITERS_FULL	30

enum { STAGE_POST = 1 };

/*
 * A slot is one SVCR state entered one way: VMs with SME have eight, each
 * SVCR state (off, sm, za, sm_za) with the first instruction after the
 * entry an SME one (sme_first) or a non-streaming FP/SVE load (fp_first);
 * VMs without SME have one (SVCR 0, FP first anyway).  Slot k is SVCR
 * k / 2, FP first when k is odd.
 */
#define MAX_SLOTS	8
static const char * const slot_names[MAX_SLOTS] = {
	"off/sme_first", "off/fp_first", "sm/sme_first", "sm/fp_first",
	"za/sme_first", "za/fp_first", "sm_za/sme_first", "sm_za/fp_first",
};

static const char * const off_name[] = { "off" };

enum { C_HOST, C_GUEST, NR_KINDS };
static const char * const kind_names[NR_KINDS] = {
	"onereg_after_exit", "guest_after_entry",
};

static const struct smekvm_gf_group sme_slots = {
	.outer = slot_names, .nr_outer = MAX_SLOTS,
	.inner = kind_names, .nr_inner = NR_KINDS,
};

static const struct smekvm_gf_group off_slot = {
	.outer = off_name, .nr_outer = 1,
	.inner = kind_names, .nr_inner = NR_KINDS,
};

/* sme_only twice: the second with the vcpu thread's own ZA on around KVM_RUN. */
static const bool host_za_on = true;

#define KIND(fl, vls, g, ...) {						\
	.f = SMEKVM_FL_##fl, .vl = SMEKVM_GF_##vls, .groups = &(g),	\
	.nr_groups = 1, __VA_ARGS__					\
}

static const struct smekvm_gf_kind kinds[] = {
	KIND(SVE_SME, SVL_EACH, sme_slots), KIND(SME_ONLY, SVL_EACH, sme_slots),
	KIND(SME2_HIDDEN, SVL_MAX, sme_slots),
	KIND(FA64_HIDDEN, SVL_MAX, sme_slots),
	KIND(SME_ONLY, SVL_MAX, sme_slots, .suffix = "_host_za",
	     .data = &host_za_on),
	KIND(SVE_ONLY, VL_ENDS, off_slot), KIND(NO_VEC, ONE, off_slot),
};

static bool host_za(const struct smekvm_gf_vm *vm)
{
	return vm->kind->data == &host_za_on;
}

/* Guest memory. */
static struct smekvm_gregs g_in, g_out;

static struct {
	__u64 *exit_addr;
	__u64 smcr;		/* SMCR_EL1, 0 without SME */
	__u64 sve;		/* the vcpu has SVE: set ZCR_EL1.LEN */
	__u64 rows;
	__u64 nstates;
	__u64 flags[MAX_SLOTS];
	__u64 iters;
} g_coh;

static SMEKVM_GUEST_NOFP void guest_main(void)
{
	__u64 k, i;

	smekvm_gf_guest_start(g_coh.smcr, g_coh.sve);
	for (k = 0; k < g_coh.nstates; k++) {
		for (i = 0; i < g_coh.iters; i++) {
			smekvm_state_step(&g_in, &g_out, g_coh.exit_addr,
					  g_coh.flags[k], g_coh.rows);
			GUEST_SYNC3(STAGE_POST, k, i);
		}
	}
	GUEST_DONE();
}

/* The VM that runs, and where its round trips are. */
static struct {
	struct smekvm_step_vcpu sv;
	struct smekvm_gregs *in, *out;	/* g_in and g_out */
	unsigned int slot, gen;		/* of the current round trip */
	bool exited;			/* it stored to the exit page */
} cur;

static unsigned int iters;
static unsigned long round_trips, onereg_ios;

static unsigned int nr_slots(const struct smekvm_gf_vm *vm)
{
	return vm->cfg.sme ? MAX_SLOTS : 1;
}

/* The SVCR state of slot @k. */
static __u64 slot_svcr(const struct smekvm_gf_vm *vm, unsigned int k)
{
	return vm->cfg.sme ? k / 2 : 0;
}

/* The generation of round trip @i in slot @k (the host writes gen + 1). */
static unsigned int round_gen(unsigned int k, unsigned int i)
{
	return k * 32 + 2 * (i % 16);
}

/* Registers that may be absent give the errno the model gives them. */
static bool check_absent(struct smekvm_gf_vm *vm, __u64 svcr,
			 const char *what)
{
	struct smekvm_check chk = { .prefix = what };
	unsigned int rows = SMEKVM_ZA_ROWS(cur.sv.cfg.sme_vq), i, n = 0;
	static struct smekvm_model m;
	__u64 ids[7];

	smekvm_model_init(&m, &cur.sv.cfg);
	smekvm_model_finalize(&m);
	if (cur.sv.cfg.sme)
		TEST_ASSERT(!smekvm_model_set(&m, SMEKVM_SVCR, &svcr),
			    "model: SVCR 0x%llx", svcr);

	ids[n++] = KVM_REG_ARM64_SVE_ZREG(0, 0);
	ids[n++] = KVM_REG_ARM64_SVE_PREG(0, 0);
	ids[n++] = KVM_REG_ARM64_SVE_FFR(0);
	ids[n++] = SMEKVM_VREG(0);
	ids[n++] = KVM_REG_ARM64_SME_ZAHREG(0, 0);
	if (rows && rows < 256)
		ids[n++] = KVM_REG_ARM64_SME_ZAHREG(rows, 0);
	ids[n++] = KVM_REG_ARM64_SME_ZT0;

	for (i = 0; i < n; i++)	/* the live ones are checked by value */
		if (smekvm_model_access_err(&m, ids[i], false))
			smekvm_check_reg(&chk, vm->vcpu, &m, ids[i], NULL);
	onereg_ios += chk.accesses;
	return !chk.mismatches;
}

/* At the exit: check generation @gen in every live register, write gen+1. */
static void at_exit(struct smekvm_gf_vm *vm)
{
	struct smekvm_gf_case *c = smekvm_gf_case(vm, 0, cur.slot, C_HOST);
	struct smekvm_step_reg regs[SMEKVM_STEP_MAX_REGS];
	__u64 svcr = slot_svcr(vm, cur.slot), got_svcr;
	__u8 want[SMEKVM_REG_MAX_BYTES];
	unsigned int i, n;
	bool ok = true;
	char msg[128];
	int err;

	cur.exited = true;
	if (vm->cfg.sme) {
		got_svcr = smekvm_get_svcr(vm->vcpu);
		if (got_svcr != svcr) {
			smekvm_gf_fail(c, "SVCR 0x%llx at the exit", got_svcr);
			smekvm_gf_fail(smekvm_gf_case(vm, 0, cur.slot, C_GUEST),
				       "SVCR 0x%llx at the exit", got_svcr);
			return;
		}
	}

	n = smekvm_step_regs(&cur.sv, svcr, regs);
	for (i = 0; i < n; i++) {
		memset(want, 0, sizeof(want));
		smekvm_step_expected(&cur.sv, want, regs[i].cls, regs[i].reg,
				     regs[i].bytes, cur.gen, false);
		if (!smekvm_reg_matches(vm->vcpu, regs[i].id, want,
					regs[i].bytes, msg, sizeof(msg)) && ok) {
			ksft_print_msg("%s: %s\n", c->name, msg);
			ok = false;
		}

		memset(want, 0, sizeof(want));
		smekvm_step_expected(&cur.sv, want, regs[i].cls, regs[i].reg,
				     regs[i].bytes, cur.gen + 1, false);
		err = __smekvm_set_reg(vm->vcpu, regs[i].id, want);
		TEST_ASSERT(!err, "%s: writing %s%u: %s", c->name,
			    smekvm_pattern_cls_name(regs[i].cls), regs[i].reg,
			    strerror(err));
		onereg_ios += 2;
	}
	ok &= check_absent(vm, svcr, c->name);
	smekvm_gf_check(c, ok);
}

/*
 * Before round trip @i of slot @k: the guest's input image, filled by the
 * host while the vcpu is out (the guest's only exit between two round
 * trips is the ucall that reports the previous one, so the guest still
 * owns its FP registers at that exit, as a guest in a loop would).
 */
static void next_round(struct smekvm_gf_vm *vm, unsigned int k, unsigned int i)
{
	if (k >= nr_slots(vm))
		return;
	cur.slot = k;
	cur.gen = round_gen(k, i);
	smekvm_step_fill(&cur.sv, cur.in, slot_svcr(vm, k), cur.gen);
	smekvm_step_poison(cur.out);
}

/* After the entry: the guest's registers are what userspace wrote. */
static void at_post(struct smekvm_gf_vm *vm, struct ucall *uc)
{
	struct smekvm_gf_case *c = smekvm_gf_case(vm, 0, cur.slot, C_GUEST);
	__u64 i = uc->args[2];

	TEST_ASSERT(uc->args[1] == cur.slot &&
		    round_gen(uc->args[1], i) == cur.gen,
		    "round trip %llu of slot %lu out of order", i, uc->args[1]);
	if (!cur.exited) {
		ksft_print_msg("%s: no exit at the MMIO page\n", vm->label);
		smekvm_gf_check(smekvm_gf_case(vm, 0, cur.slot, C_HOST), false);
	}
	smekvm_gf_check(c, smekvm_step_compare(&cur.sv, cur.out,
					       slot_svcr(vm, cur.slot),
					       cur.gen + 1, false, false,
					       c->name));
	round_trips++;

	smekvm_move_to_cpu(i + 1);
	if (i + 1 < iters)
		next_round(vm, cur.slot, i + 1);
	else
		next_round(vm, cur.slot + 1, 0);
	cur.exited = false;
}

static void on_event(struct smekvm_gf_vm *vm, enum smekvm_run_event ev,
		     struct ucall *uc)
{
	if (ev == SMEKVM_EV_EXIT)
		at_exit(vm);
	else
		at_post(vm, uc);
}

/*
 * Run the VM.  With host_za, the calling thread keeps ZA on with a row
 * of its own meanwhile, as a task using SME around KVM_RUN would
 * (sme_guest_state checks that task's state; here it is the guest's that
 * matters).
 */
static const char *run_vm(struct smekvm_gf_vm *vm)
{
	__u8 row[SMEKVM_REG_MAX_BYTES];
	const char *why;
	unsigned int k;

	/* The guest sets FA64 and EZT0 whenever the VM has them (smcr). */
	cur = (typeof(cur)){
		.sv = { .cfg = vm->sv.cfg, .vcpu = vm->kind - kinds },
		.in = addr_gva2hva(vm->vm, (gva_t)&g_in),
		.out = addr_gva2hva(vm->vm, (gva_t)&g_out),
	};
	g_coh.exit_addr = (__u64 *)smekvm_map_exit_page(vm->vm, 0,
							&vm->run.exit_gpa);
	vm->run.has_exit_page = true;
	g_coh.smcr = vm->sv.smcr;
	g_coh.rows = SMEKVM_ZA_ROWS(cur.sv.cfg.sme_vq);
	g_coh.sve = vm->cfg.sve;
	g_coh.nstates = nr_slots(vm);
	for (k = 0; k < g_coh.nstates; k++)
		g_coh.flags[k] = smekvm_step_flags(&cur.sv, slot_svcr(vm, k),
						   SMEKVM_OP_EXIT, 0) |
				 (k % 2 ? SMEKVM_STEP_FP_FIRST : 0);
	g_coh.iters = iters;
	sync_global_to_guest(vm->vm, g_coh);
	next_round(vm, 0, 0);

	if (!host_za(vm))
		return smekvm_gf_loop(vm, on_event);
	smekvm_pattern_fill(row, smekvm_host_rdsvl(),
			    smekvm_tag(15, 0, SMEKVM_CLS_ZA, 0));
	smekvm_host_za_start();
	smekvm_host_za_row_load(row, 0);
	why = smekvm_gf_loop(vm, on_event);
	smekvm_host_za_stop();
	return why;
}

static const char *vm_lacks(const struct smekvm_gf_vm *vm)
{
	if (host_za(vm) && !(getauxval(AT_HWCAP2) & HWCAP2_SME))
		return "host task cannot use SME (no HWCAP2_SME)";
	return NULL;
}

static void start(void)
{
	ksft_print_msg("round trips per state: %u\n", iters);
}

static void finish(void)
{
	ksft_print_msg("%lu round trips, %lu ONE_REG accesses\n",
		       round_trips, onereg_ios);
}

int main(void)
{
	iters = smekvm_iters(ITERS_DEFAULT, ITERS_FULL, 1);
	smekvm_gf_main(&(struct smekvm_gf_prog){
		.prefix = "el1/", .kinds = kinds, .nr_kinds = ARRAY_SIZE(kinds),
		.flags = SMEKVM_GF_EL2 | SMEKVM_GF_SME_FLAVOURS,
		.guest = guest_main, .lacks = vm_lacks, .run = run_vm,
		.start = start, .finish = finish,
	});
}
