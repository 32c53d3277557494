// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_host_task - the FP/SVE/SME state of the task that calls KVM_RUN,
 * after KVM_RUN, for VMs with and without SME.
 *
 * KVM_RUN is a syscall, so the calling task's registers afterwards follow
 * the kernel's syscall ABI (doc/abi.md: abi-host-*): PSTATE.SM is 0; ZA,
 * ZT0, TPIDR2_EL0, the V registers (Z bits [127:0]), FPSR and FPCR are
 * intact; Z bits above 128, P and FFR are either intact or zero.  Never
 * may any of them hold what the guest put in its own registers, which a
 * hypervisor that switches FP/SVE/SME state lazily could leave behind.
 *
 * The guest fills every register it has with its patterns and exits
 * several times with them live (guest_code/sme_state_loop.S).  Before
 * each KVM_RUN the host task loads its own patterns in assembly and
 * issues the ioctl from there (lib/host_ioctl_state.S), so that no
 * compiled code runs between setting, entering and checking.  Host
 * modes, each on every KVM_RUN in turn:
 *  - fp: V0-V31, FPSR, FPCR;
 *  - sve: Z0-Z31, P0-P15, FFR at the task's SVE VL (host SVE);
 *  - za: V, every ZA row, ZT0 (host SME2) and TPIDR2_EL0, SM=0;
 *  - sm_za: SMSTART, streaming Z/P (FFR with FA64), every ZA row, ZT0,
 *    TPIDR2_EL0: afterwards SM=0, ZA/ZT0/TPIDR2 intact, Z/P zero or
 *    intact;
 *  - sm: streaming mode only: afterwards SVCR 0, TPIDR2 intact.
 * Which registers a mode has (FFR with FA64, ZT0 with SME2) and at which
 * VL are the reference model's, applied to the task (mode_geom()).
 * Guest flavours: no_vec (neither SVE nor SME), sve_only, sve_sme and
 * sme_only; the SME ones run in streaming mode with ZA on.
 *
 * Cases: <flavour>/host_<mode>.  Skips: flavours the host or KVM
 * cannot give (KVM_RUN refusing SME vcpus with EINVAL: a kernel without
 * SME guest support), host modes the task cannot use.
 * KVM_RUNs per host mode: 4, 40 in the full tier, or SMEKVM_ITERS.
 */
#include <kvm_util.h>
#include <processor.h>
#include <test_util.h>
#include <ucall_common.h>

#include "host_task_run.h"
#include "sme_gframe.h"
#include "sme_names.h"
#include "sme_settings.h"
#include "sme_state_img.h"

#define RUNS_DEFAULT	4
#define RUNS_FULL	40

#define GUEST_VM	1	/* owner.vm of the guest's patterns */
#define GUEST_TPIDR2	0x6e57000000000000ULL
#define GUEST_FPSR	0x08000011ULL

enum { M_FP, M_SVE, M_ZA, M_SM_ZA, M_SM, NR_MODES };
static const char * const mode_names[NR_MODES] = {
	"host_fp", "host_sve", "host_za", "host_sm_za", "host_sm",
};

static const struct smekvm_gf_group group = {
	.inner = mode_names, .nr_inner = NR_MODES,
};

#define KIND(fl)	{ .f = SMEKVM_FL_##fl, .groups = &group, .nr_groups = 1 }

static const struct smekvm_gf_kind kinds[] = {
	KIND(NO_VEC), KIND(SVE_ONLY), KIND(SVE_SME), KIND(SME_ONLY),
};

/* Guest side: one copy per VM. */
static struct smekvm_gregs g_in, g_out;
static struct {
	__u64 *exit_addr;
	struct smekvm_img_geom geom;
	__u64 smcr;
	__u64 sve;
} g_p;

static void guest_main(void)
{
	struct smekvm_img_owner o = { .vm = GUEST_VM, .vcpu = 1 };
	__u64 f = g_p.geom.flags;

	smekvm_gf_guest_start(g_p.smcr, g_p.sve);
	for (;;) {
		smekvm_img_fill(&g_in, &g_p.geom, &o);
		if (f & SMEKVM_SL_SME)
			write_sysreg_s(GUEST_TPIDR2 | o.gen, SYS_TPIDR2_EL0);
		write_sysreg(GUEST_FPSR, fpsr);
		smekvm_state_loop(&g_in, &g_out, g_p.exit_addr, f,
				  g_p.geom.svl, 3, 100);
		GUEST_SYNC(o.gen);
		o.gen++;
	}
}

/* The host task's registers, as the model has them. */
static struct smekvm_model_cfg host;
static struct smekvm_task_run t;
static unsigned int runs;

/* Why the task cannot use mode @m, or NULL. */
static const char *mode_lacks(int m)
{
	if (m == M_SVE && !host.sve)
		return "host task has no SVE";
	if (m >= M_ZA && !host.sme)
		return "host task has no SME";
	return NULL;
}

/*
 * Registers after the call that may be zero instead of intact: Z above
 * bit 127, P and FFR after any syscall; everything but ZA, ZT0 after
 * leaving streaming mode.
 */
static bool may_be_zero(int m, enum smekvm_pattern_class cls, long off)
{
	if (m == M_SM_ZA || m == M_SM)
		return cls != SMEKVM_CLS_ZA && cls != SMEKVM_CLS_ZT0;
	return cls == SMEKVM_CLS_P || cls == SMEKVM_CLS_FFR ||
	       (cls == SMEKVM_CLS_Z && off >= 16);
}

/*
 * What mode @m loads (@ld) and reads back after the call (@rd).  fp and
 * za load the V registers (za with ZA on), sve the non-streaming view;
 * the streaming modes load the streaming view and read back what the
 * same SVCR.ZA has with SM 0: streaming Z/P at the SVL read back as
 * non-streaming Z/P at the SVE VL (V without SVE).  Which registers a
 * view has, and their sizes, is the model's (smekvm_img_geom()).
 */
static void mode_geom(int m, struct smekvm_img_geom *ld,
		      struct smekvm_img_geom *rd)
{
	__u64 za = m == M_ZA || m == M_SM_ZA ? SMEKVM_SVCR_ZA : 0;
	struct smekvm_img_geom ns = smekvm_img_geom(&host, za);

	switch (m) {
	case M_FP:
	case M_ZA:
		*ld = smekvm_task_v_geom(&host, za);
		*rd = *ld;
		return;
	case M_SVE:
		*ld = ns;
		*rd = *ld;
		return;
	default:
		*ld = smekvm_img_geom(&host, SMEKVM_SVCR_SM | za);
		ld->flags |= SMEKVM_SL_SME;
		*rd = ns;
		return;
	}
}

/* Whether register @reg of class @cl is intact (or zero where allowed). */
static bool check_reg(struct smekvm_gf_case *c, int m, unsigned int gen,
		      const struct smekvm_img_owner *o,
		      const struct smekvm_img_class *cl, unsigned int reg)
{
	__u8 *got = smekvm_img_slot(&t.out, cl->cls, reg);
	__u8 want[SMEKVM_GREGS_ZSLOT];
	bool zero_ok;
	long off;

	smekvm_img_expected(want, cl->bytes, o, cl->cls, reg);
	for (off = 0; off < (long)cl->bytes; off++) {
		zero_ok = may_be_zero(m, cl->cls, off);
		if (got[off] == want[off] || (!got[off] && zero_ok))
			continue;
		smekvm_gf_fail(c, "gen %u: %s%u byte %ld: 0x%02x, expected 0x%02x%s",
			       gen, smekvm_pattern_cls_name(cl->cls), reg, off,
			       got[off], want[off], zero_ok ? " or 0" : "");
		return false;
	}
	return true;
}

/*
 * One KVM_RUN of @vm issued with mode @m's state, which case @c checks
 * afterwards.  Returns the errno of KVM_RUN (0 on success).
 */
static int run_in_mode(struct smekvm_gf_vm *vm, int m, unsigned int gen,
		       struct smekvm_gf_case *c)
{
	struct smekvm_img_class cl[SMEKVM_IMG_MAX_CLASSES];
	unsigned int i, n, reg;
	bool ok, regs = true;
	char msg[128];
	int err;

	mode_geom(m, &t.ld, &t.rd);
	t.o = (struct smekvm_img_owner){
		.vm = SMEKVM_TASK_VM, .vcpu = m, .gen = gen,
	};
	err = smekvm_task_kvm_run(vm->vcpu, &t);
	if (err)
		return err;

	ok = smekvm_task_ctl_kept(&t, msg, sizeof(msg));
	if (!ok)
		smekvm_gf_fail(c, "the task's %s", msg);
	n = smekvm_img_classes(&t.rd, cl);
	for (i = 0; i < n && regs; i++)
		for (reg = 0; reg < cl[i].count && regs; reg++)
			regs = check_reg(c, m, gen, &t.o, &cl[i], reg);
	smekvm_gf_check(c, ok && regs);
	return 0;
}

/* KVM_RUN in each host mode the task can use in turn, @runs times. */
static const char *run_vm(struct smekvm_gf_vm *vm)
{
	struct smekvm_img_geom ns = smekvm_state_geom(&vm->sv, false, false);
	unsigned int k, m, gen = 0;
	enum smekvm_run_event ev;
	struct ucall uc;
	int err;

	g_p.exit_addr = (__u64 *)smekvm_map_exit_page(vm->vm, 0,
						      &vm->run.exit_gpa);
	vm->run.has_exit_page = true;
	g_p.geom = smekvm_state_geom(&vm->sv, vm->cfg.sme, vm->cfg.sme);
	g_p.smcr = vm->sv.smcr;
	g_p.sve = vm->cfg.sve;
	sync_global_to_guest(vm->vm, g_p);
	ksft_print_msg("%s: VL %llu, SVL %llu bits, guest flags 0x%llx\n",
		       vm->name, ns.zbytes * 8, ns.svl * 8, g_p.geom.flags);

	for (m = 0; m < NR_MODES; m++)
		if (mode_lacks(m))
			smekvm_gf_skip(smekvm_gf_case(vm, 0, 0, m),
				       mode_lacks(m));
	for (k = 0; k < runs * NR_MODES; k++) {
		m = k % NR_MODES;
		if (mode_lacks(m))
			continue;
		err = run_in_mode(vm, m, gen++, smekvm_gf_case(vm, 0, 0, m));
		ev = smekvm_run_exit(&vm->run, err, &uc);
		if (ev == SMEKVM_EV_REFUSED)
			return SMEKVM_RUN_REFUSED;
		TEST_ASSERT(ev == SMEKVM_EV_EXIT || ev == SMEKVM_EV_SYNC,
			    "%s: the guest left its loop", vm->name);
	}
	return NULL;
}

static void start(void)
{
	ksft_print_msg("host task: SVE %s (VL %u), SME %s (SVL %u), SME2 %s, FA64 %s\n",
		       host.sve ? "yes" : "no",
		       host.sve ? host.sve_vq * 128 : 128,
		       host.sme ? "yes" : "no", host.sme_vq * 128,
		       host.sme2 ? "yes" : "no", host.fa64 ? "yes" : "no");
	ksft_print_msg("%u KVM_RUNs per host mode\n", runs);
}

int main(void)
{
	runs = smekvm_iters(RUNS_DEFAULT, RUNS_FULL, 1);
	smekvm_task_model(&host);

	smekvm_gf_main(&(struct smekvm_gf_prog){
		.prefix = "", .kinds = kinds, .nr_kinds = ARRAY_SIZE(kinds),
		.guest = guest_main, .run = run_vm, .start = start,
	});
}
