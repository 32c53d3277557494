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
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/auxv.h>
#include <asm/hwcap.h>

#include <kvm_util.h>
#include <processor.h>
#include <test_util.h>
#include <ucall_common.h>

#include "case_filter.h"
#include "guest_code/guest_nofp.h"
#include "host_sme.h"
#include "sme_cpu.h"
#include "sme_el2.h"
#include "sme_flavour.h"
#include "sme_model.h"
#include "sme_names.h"
#include "sme_pattern.h"
#include "sme_probe.h"
#include "sme_run.h"
#include "sme_settings.h"
#include "sme_step.h"
#include "sme_vcpu.h"

/* A case's result; RES_NONE: the guest never got to it (a failure). */
enum { RES_NONE, RES_PASS, RES_FAIL, RES_SKIP };

#define ITERS_DEFAULT	3
#define ITERS_FULL	30

enum { STAGE_POST = 1 };

/*
 * The VMs: a flavour each (lib/sme_flavour.h), sme_only twice: the second
 * with the vcpu thread's own ZA on around KVM_RUN, named sme_only_host_za.
 * The SMEKVM_FL_SME_BASE flavours run at every SVL, the other VMs with SME
 * at the largest, sve_only at its smallest and largest VL (has_vl()).
 */
static struct vm_kind {
	enum smekvm_flavour fl;
	bool host_za;		/* the vcpu thread has ZA on around KVM_RUN */
	char name[32];		/* set by vm_kinds_init() */
	struct smekvm_vcpu_cfg cfg;	/* the flavour's */
} vms[] = {
	{ SMEKVM_FL_SVE_SME }, { SMEKVM_FL_SME_ONLY },
	{ SMEKVM_FL_SME2_HIDDEN }, { SMEKVM_FL_FA64_HIDDEN },
	{ SMEKVM_FL_SME_ONLY, true },
	{ SMEKVM_FL_SVE_ONLY }, { SMEKVM_FL_NO_VEC },
};

static void vm_kinds_init(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(vms); i++) {
		snprintf(vms[i].name, sizeof(vms[i].name), "%s%s",
			 smekvm_flavour_name(vms[i].fl),
			 vms[i].host_za ? "_host_za" : "");
		vms[i].cfg = smekvm_flavour(vms[i].fl)->cfg;
	}
}

static const char * const state_names[4] = { "off", "sm", "za", "sm_za" };

/*
 * A slot is one SVCR state entered one way: VMs with SME have eight, each
 * SVCR state with the first instruction after the entry an SME one
 * (sme_first) or a non-streaming FP/SVE load (fp_first); VMs without SME
 * have one (SVCR 0, FP first anyway).
 */
#define MAX_SLOTS	8
static const char * const entry_names[2] = { "sme_first", "fp_first" };

enum { C_HOST, C_GUEST, NR_KINDS };
static const char * const kind_names[NR_KINDS] = {
	"onereg_after_exit", "guest_after_entry",
};

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

	write_sysreg(read_sysreg(cpacr_el1) | CPACR_EL1_FPEN |
		     CPACR_EL1_ZEN | CPACR_EL1_SMEN, cpacr_el1);
	isb();
	if (g_coh.smcr) {
		write_sysreg_s(g_coh.smcr, SYS_SMCR_EL1);
		isb();
	}
	if (g_coh.sve) {
		write_sysreg_s(ZCR_ELx_LEN, SYS_ZCR_EL1);
		isb();
	}

	for (k = 0; k < g_coh.nstates; k++) {
		for (i = 0; i < g_coh.iters; i++) {
			smekvm_state_step(&g_in, &g_out, g_coh.exit_addr,
					  g_coh.flags[k], g_coh.rows);
			GUEST_SYNC3(STAGE_POST, k, i);
		}
	}
	GUEST_DONE();
}

/* The VLs a flavour's VMs run at (VQ bitmaps, read from scratch vcpus). */
static struct smekvm_vls sme_offered, sve_offered;

/* Whether the VMs that may run at every SVL do (lib/sme_settings.h). */
static bool all_vls = true;

static bool has_vl(const struct vm_kind *f, unsigned int vq)
{
	const struct smekvm_vls *vls = f->cfg.sme ? &sme_offered : &sve_offered;
	bool end = vq == smekvm_vls_min(vls) || vq == smekvm_vls_max(vls);

	if (!f->cfg.sme && !f->cfg.sve)
		return vq == 1;	/* no_vec: one VM */
	if (!smekvm_vls_has(vls, vq))
		return false;
	if (f->cfg.sme &&
	    (f->host_za || !smekvm_flavour_in(f->fl, SMEKVM_FL_SME_BASE)))
		return vq == smekvm_vls_max(vls);
	if (f->cfg.sme)
		return all_vls || end;
	return end;	/* SVE without SME: the smallest and largest VL */
}

static unsigned int nr_states(const struct vm_kind *f)
{
	return f->cfg.sme ? MAX_SLOTS : 1;
}

/* The SVCR state of slot @k. */
static __u64 slot_svcr(const struct vm_kind *f, unsigned int k)
{
	return f->cfg.sme ? k / 2 : 0;
}

static void case_name(char *buf, size_t size, const struct vm_kind *f,
		      unsigned int vq, unsigned int slot, int kind)
{
	char vl[16] = "";

	if (f->cfg.sme)
		snprintf(vl, sizeof(vl), "svl_%u/", vq * 128);
	else if (f->cfg.sve)
		snprintf(vl, sizeof(vl), "vl_%u/", vq * 128);
	if (f->cfg.sme)
		snprintf(buf, size, "el1/%s/%s%s/%s/%s", f->name, vl,
			 state_names[slot / 2], entry_names[slot % 2],
			 kind_names[kind]);
	else
		snprintf(buf, size, "el1/%s/%soff/%s", f->name, vl,
			 kind_names[kind]);
}

static bool selected(const struct vm_kind *f, unsigned int vq,
		     unsigned int slot, int kind)
{
	char name[96];

	case_name(name, sizeof(name), f, vq, slot, kind);
	return smekvm_case_selected(name);
}

struct run {
	const struct vm_kind *f;
	unsigned int vq, iters;
	struct kvm_vm *vm;
	struct kvm_vcpu *vcpu;
	gpa_t exit_gpa;
	struct smekvm_step_vcpu sv;
	struct smekvm_model_cfg mcfg;
	int result[MAX_SLOTS][NR_KINDS];
	unsigned int slot, gen;	/* of the current round trip */
	unsigned long round_trips, onereg_ios;
};

static void set_result(struct run *r, unsigned int slot, int kind,
		       bool pass)
{
	if (r->result[slot][kind] != RES_FAIL)
		r->result[slot][kind] = pass ? RES_PASS : RES_FAIL;
}

static void run_setup(struct run *r)
{
	const struct vm_kind *f = r->f;
	struct smekvm_vls vls;
	unsigned int k;
	bool sme2 = false, fa64 = false;
	gva_t gva;

	r->vm = vm_create(1);
	r->vcpu = smekvm_vcpu_add(r->vm, 0, &f->cfg, guest_main);
	vm_init_descriptor_tables(r->vm);
	vcpu_init_descriptor_tables(r->vcpu);

	if (f->cfg.sme) {
		smekvm_get_vls(r->vcpu, KVM_REG_ARM64_SME_VLS, &vls);
		smekvm_vls_truncate(&vls, r->vq);
		smekvm_set_vls(r->vcpu, KVM_REG_ARM64_SME_VLS, &vls);
	} else if (f->cfg.sve) {
		smekvm_get_vls(r->vcpu, KVM_REG_ARM64_SVE_VLS, &vls);
		smekvm_vls_truncate(&vls, r->vq);
		smekvm_set_vls(r->vcpu, KVM_REG_ARM64_SVE_VLS, &vls);
	}
	if (f->cfg.sve || f->cfg.sme)
		smekvm_vcpu_finalize(r->vcpu);
	kvm_arch_vm_finalize_vcpus(r->vm);

	r->mcfg = (struct smekvm_model_cfg){
		.sve = f->cfg.sve, .sme = f->cfg.sme,
	};
	if (f->cfg.sme) {
		sme2 = smekvm_vcpu_pfr1_sme(r->vcpu) >= 2;
		fa64 = smekvm_vcpu_has_fa64(r->vcpu);
		r->mcfg.sme2 = sme2;
		r->mcfg.fa64 = fa64;
		r->mcfg.sme_vq = r->vq;
	}
	if (f->cfg.sve) {
		smekvm_get_vls(r->vcpu, KVM_REG_ARM64_SVE_VLS, &vls);
		r->mcfg.sve_vq = smekvm_vls_max(&vls);
	}
	/* The guest sets FA64 and EZT0 whenever the VM has them (smcr). */
	r->sv = (struct smekvm_step_vcpu){ .cfg = r->mcfg, .vcpu = f - vms };

	/* A page no memslot backs, away from the ucall page. */
	r->exit_gpa = (r->vm->max_gfn - 1) << r->vm->page_shift;
	gva = vm_unused_gva_gap(r->vm, r->vm->page_size, KVM_UTIL_MIN_VADDR);
	virt_map(r->vm, gva, r->exit_gpa, 1);

	g_coh.exit_addr = (__u64 *)gva;
	g_coh.smcr = f->cfg.sme ? SMCR_ELx_LEN | (fa64 ? SMCR_ELx_FA64 : 0) |
				  (sme2 ? SMCR_ELx_EZT0 : 0) : 0;
	g_coh.rows = SMEKVM_ZA_ROWS(r->mcfg.sme_vq);
	g_coh.sve = f->cfg.sve;
	g_coh.nstates = nr_states(f);
	for (k = 0; k < g_coh.nstates; k++)
		g_coh.flags[k] = smekvm_step_flags(&r->sv, slot_svcr(f, k),
						   SMEKVM_OP_EXIT, 0) |
				 (k % 2 ? SMEKVM_STEP_FP_FIRST : 0);
	g_coh.iters = r->iters;
	sync_global_to_guest(r->vm, g_coh);
}

/* The generation of round trip @i in slot @k (the host writes gen + 1). */
static unsigned int round_gen(unsigned int k, unsigned int i)
{
	return k * 32 + 2 * (i % 16);
}

/* Registers that may be absent, and the errno the model gives them. */
static bool check_absent(struct run *r, __u64 svcr, const char *what)
{
	static struct smekvm_model m;
	unsigned int rows = SMEKVM_ZA_ROWS(r->mcfg.sme_vq);
	__u8 buf[SMEKVM_REG_MAX_BYTES];
	__u64 ids[7];
	unsigned int i, n = 0;
	char name[32];
	bool ok = true;
	int want, err;

	smekvm_model_init(&m, &r->mcfg);
	smekvm_model_finalize(&m);
	if (r->mcfg.sme)
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

	for (i = 0; i < n; i++) {
		want = smekvm_model_access_err(&m, ids[i], false);
		if (!want)
			continue;	/* live: checked by value */
		err = __smekvm_get_reg(r->vcpu, ids[i], buf);
		r->onereg_ios++;
		if (err == want)
			continue;
		ksft_print_msg("%s: reading %s: %s, expected %s\n", what,
			       smekvm_reg_name(ids[i], name, sizeof(name)),
			       smekvm_errno_name(err), smekvm_errno_name(want));
		ok = false;
	}
	return ok;
}

/* At the exit: check generation @gen in every live register, write gen+1. */
static void at_exit(struct run *r)
{
	struct smekvm_step_reg regs[SMEKVM_STEP_MAX_REGS];
	__u8 buf[SMEKVM_REG_MAX_BYTES], want[SMEKVM_REG_MAX_BYTES];
	__u64 svcr = slot_svcr(r->f, r->slot), got_svcr;
	unsigned int i, n;
	bool ok = true;
	char what[96];
	long off;
	int err;

	case_name(what, sizeof(what), r->f, r->vq, r->slot, C_HOST);
	if (r->f->cfg.sme) {
		got_svcr = smekvm_get_svcr(r->vcpu);
		if (got_svcr != svcr) {
			ksft_print_msg("%s: SVCR 0x%llx at the exit\n", what,
				       got_svcr);
			set_result(r, r->slot, C_HOST, false);
			set_result(r, r->slot, C_GUEST, false);
			return;
		}
	}

	n = smekvm_step_regs(&r->sv, svcr, regs);
	for (i = 0; i < n; i++) {
		memset(want, 0, sizeof(want));
		smekvm_step_expected(&r->sv, want, regs[i].cls, regs[i].reg,
				     regs[i].bytes, r->gen, false);
		err = __smekvm_get_reg(r->vcpu, regs[i].id, buf);
		off = err ? 0 : smekvm_first_diff(buf, want,
						  KVM_REG_SIZE(regs[i].id));
		if (ok && (err || off >= 0)) {
			if (err)
				ksft_print_msg("%s: reading %s%u: %s\n", what,
					       smekvm_pattern_cls_name(regs[i].cls),
					       regs[i].reg, strerror(err));
			else
				ksft_print_msg("%s: %s%u byte %ld is 0x%02x, expected 0x%02x%s\n",
					       what,
					       smekvm_pattern_cls_name(regs[i].cls),
					       regs[i].reg, off, buf[off],
					       want[off],
					       (size_t)off >= regs[i].bytes ?
					       " (padding)" : "");
			ok = false;
		}

		memset(want, 0, sizeof(want));
		smekvm_step_expected(&r->sv, want, regs[i].cls, regs[i].reg,
				     regs[i].bytes, r->gen + 1, false);
		err = __smekvm_set_reg(r->vcpu, regs[i].id, want);
		TEST_ASSERT(!err, "%s: writing %s%u: %s", what,
			    smekvm_pattern_cls_name(regs[i].cls), regs[i].reg,
			    strerror(err));
		r->onereg_ios += 2;
	}
	ok &= check_absent(r, svcr, what);
	set_result(r, r->slot, C_HOST, ok);
}

static void at_post(struct run *r)
{
	struct smekvm_gregs *out = addr_gva2hva(r->vm, (gva_t)&g_out);
	__u64 want_svcr = slot_svcr(r->f, r->slot);
	char what[96];
	bool ok;

	case_name(what, sizeof(what), r->f, r->vq, r->slot, C_GUEST);
	ok = out->svcr == want_svcr;
	if (!ok)
		ksft_print_msg("%s: guest SVCR 0x%llx after the entry\n", what,
			       out->svcr);
	else
		ok = smekvm_step_compare(&r->sv, out, want_svcr, r->gen + 1,
					 false, false, what);
	set_result(r, r->slot, C_GUEST, ok);
	r->round_trips++;
}

static const char *run_refused;

/*
 * Before round trip @i of slot @k: the guest's input image, filled by the
 * host while the vcpu is out (the guest's only exit between two round
 * trips is the ucall that reports the previous one, so the guest still
 * owns its FP registers at that exit, as a guest in a loop would).
 */
static void next_round(struct run *r, struct smekvm_gregs *in,
		       struct smekvm_gregs *out, unsigned int k, unsigned int i)
{
	if (k >= nr_states(r->f))
		return;
	r->slot = k;
	r->gen = round_gen(k, i);
	smekvm_step_fill(&r->sv, in, slot_svcr(r->f, k), r->gen);
	smekvm_step_poison(out);
}

static bool run_vm_loop(struct run *r)
{
	struct smekvm_run run = {
		.who = r->f->name, .may_refuse = r->f->cfg.sme,
		.has_exit_page = true,
	};
	struct smekvm_gregs *in, *out;
	bool exited = false;
	struct ucall uc;

	run_setup(r);
	run.vcpu = r->vcpu;
	run.exit_gpa = r->exit_gpa;
	in = addr_gva2hva(r->vm, (gva_t)&g_in);
	out = addr_gva2hva(r->vm, (gva_t)&g_out);
	next_round(r, in, out, 0, 0);

	for (;;) {
		switch (smekvm_run_next(&run, &uc)) {
		case SMEKVM_EV_REFUSED:
			run_refused = SMEKVM_RUN_REFUSED;
			return false;
		case SMEKVM_EV_EXIT:
			at_exit(r);
			exited = true;
			break;
		case SMEKVM_EV_SYNC:
			TEST_ASSERT(uc.args[1] == r->slot &&
				    round_gen(uc.args[1], uc.args[2]) == r->gen,
				    "round trip %lu of slot %lu out of order",
				    uc.args[2], uc.args[1]);
			if (!exited) {
				ksft_print_msg("%s: no exit at the MMIO page\n",
					       r->f->name);
				set_result(r, r->slot, C_HOST, false);
			}
			at_post(r);
			smekvm_move_to_cpu(uc.args[2] + 1);
			if (uc.args[2] + 1 < r->iters)
				next_round(r, in, out, uc.args[1], uc.args[2] + 1);
			else
				next_round(r, in, out, uc.args[1] + 1, 0);
			exited = false;
			break;
		case SMEKVM_EV_DONE:
		case SMEKVM_EV_UNHANDLED:	/* printed */
			return true;
		}
	}
}

/*
 * Run the VM of @r; false if KVM_RUN refused it.  With host_za, the
 * calling thread keeps ZA on with a row of its own meanwhile, as a task
 * using SME around KVM_RUN would (sme_guest_state checks that task's
 * state; here it is the guest's that matters).
 */
static bool run_vm(struct run *r)
{
	__u8 row[SMEKVM_REG_MAX_BYTES];
	bool ran;

	if (!r->f->host_za)
		return run_vm_loop(r);
	smekvm_pattern_fill(row, smekvm_host_rdsvl(),
			    smekvm_tag(15, 0, SMEKVM_CLS_ZA, 0));
	smekvm_host_za_start();
	smekvm_host_za_row_load(row, 0);
	ran = run_vm_loop(r);
	smekvm_host_za_stop();
	return ran;
}

static const char *host_lacks(const struct vm_kind *f)
{
	const char *why = smekvm_cfg_host_lacks(&f->cfg);

	if (!why && f->host_za && !(getauxval(AT_HWCAP2) & HWCAP2_SME))
		why = "host task cannot use SME (no HWCAP2_SME)";
	return why;
}

static unsigned int counts[3];	/* pass, fail, skip */
static unsigned long total_round_trips, total_ios;

static void test_vm(const struct vm_kind *f, unsigned int vq,
		    unsigned int iters)
{
	struct run r = { .f = f, .vq = vq, .iters = iters };
	const char *why = host_lacks(f);
	unsigned int k;
	char name[96];
	bool any = false;
	int c, res;

	for (k = 0; k < nr_states(f); k++)
		for (c = 0; c < NR_KINDS; c++)
			any |= selected(f, vq, k, c);
	if (!any)
		return;

	if (!why && f->cfg.sme && run_refused)
		why = run_refused;
	if (!why && !run_vm(&r)) {
		why = run_refused;
		ksft_print_msg("%s: %s\n", f->name, why);
	}
	if (r.vm)
		kvm_vm_free(r.vm);
	total_round_trips += r.round_trips;
	total_ios += r.onereg_ios;

	for (k = 0; k < nr_states(f); k++) {
		for (c = 0; c < NR_KINDS; c++) {
			if (!selected(f, vq, k, c))
				continue;
			case_name(name, sizeof(name), f, vq, k, c);
			res = why ? RES_SKIP : r.result[k][c] ?: RES_FAIL;
			if (res == RES_SKIP)
				ksft_test_result_skip("%s: %s\n", name,
						      why ? why : "");
			else
				ksft_test_result(res == RES_PASS, "%s\n",
						 name);
			counts[res == RES_SKIP ? 2 : res != RES_PASS]++;
		}
	}
}

/* Why no vcpu can have SME here (the SME flavours skip), or NULL. */
static const char *no_sme;
static char no_sme_buf[96];

static void read_offered(void)
{
	struct smekvm_vcpu_cfg cfg = { .sme = true };
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;
	const char *step;
	int kvm_fd, ret;

	kvm_fd = open_kvm_dev_path_or_exit();
	ret = smekvm_probe_vcpu_init(kvm_fd, 1U << KVM_ARM_VCPU_SME, &step);
	close(kvm_fd);
	if (ret) {
		snprintf(no_sme_buf, sizeof(no_sme_buf), "%s with SME: %s",
			 step, strerror(-ret));
		no_sme = no_sme_buf;
	}

	if (!no_sme) {
		vm = vm_create(1);
		vcpu = smekvm_vcpu_add(vm, 0, &cfg, NULL);
		smekvm_get_vls(vcpu, KVM_REG_ARM64_SME_VLS, &sme_offered);
		kvm_vm_free(vm);
	}

	if (!kvm_has_cap(KVM_CAP_ARM_SVE))
		return;
	cfg = (struct smekvm_vcpu_cfg){ .sve = true };
	vm = vm_create(1);
	vcpu = smekvm_vcpu_add(vm, 0, &cfg, NULL);
	smekvm_get_vls(vcpu, KVM_REG_ARM64_SVE_VLS, &sve_offered);
	kvm_vm_free(vm);
}

int main(void)
{
	unsigned int i, vq, k, iters, plan = 0;
	struct timespec t0, t1;
	const char *el2_why;
	char buf[96];
	bool el2_sel, sme_sel;
	int c;

	vm_kinds_init();
	read_offered();
	el2_sel = smekvm_el2_sme_wanted(&el2_why) &&
		  smekvm_case_selected("el2/sme");
	all_vls = smekvm_sweep_all_vls();
	iters = smekvm_iters(ITERS_DEFAULT, ITERS_FULL, 1);

	for (i = 0; i < ARRAY_SIZE(vms); i++)
		for (vq = 1; vq <= SMEKVM_VLS_MAX_VQ; vq++)
			if (has_vl(&vms[i], vq))
				for (k = 0; k < nr_states(&vms[i]); k++)
					for (c = 0; c < NR_KINDS; c++)
						plan += selected(&vms[i],
								 vq, k, c);
	plan += el2_sel;
	sme_sel = no_sme && smekvm_case_selected("el1/sme_flavours");
	plan += sme_sel;
	if (!plan)
		ksft_exit_skip("SMEKVM_CASE=%s: no such case\n",
			       smekvm_case_filter());

	ksft_print_header();
	ksft_set_plan(plan);
	ksft_print_msg("SME VLs %s (%s); round trips per state: %u\n",
		       smekvm_vls_str(&sme_offered, buf, sizeof(buf)),
		       all_vls ? "all" : "smallest and largest", iters);
	clock_gettime(CLOCK_MONOTONIC, &t0);

	for (i = 0; i < ARRAY_SIZE(vms); i++)
		for (vq = 1; vq <= SMEKVM_VLS_MAX_VQ; vq++)
			if (has_vl(&vms[i], vq))
				test_vm(&vms[i], vq, iters);
	if (sme_sel) {
		ksft_test_result_skip("el1/sme_flavours: %s\n", no_sme);
		counts[2]++;
	}
	if (el2_sel) {
		ksft_test_result_skip("el2/sme: %s\n", el2_why);
		counts[2]++;
	}

	clock_gettime(CLOCK_MONOTONIC, &t1);
	ksft_print_msg("%lu round trips, %lu ONE_REG accesses\n",
		       total_round_trips, total_ios);
	ksft_print_msg("%u passed, %u failed, %u skipped in %.1f s\n",
		       counts[0], counts[1], counts[2],
		       (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
	ksft_finished();
}
