// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_isolation - no register state of a vcpu reaches another vcpu, VM
 * or the host task, on the channels the architecture does not zero.
 *
 * Enabling streaming mode or ZA zeroes registers, so a leak of guest
 * state shows only where nothing zeroes it (abi-iso-vcpus, abi-iso-host):
 * ONE_REG reads of a fresh or reset vcpu (KVM's buffers), and what a
 * guest reads on first entry before writing anything: non-streaming
 * Z/P/FFR, V, FPSR, FPCR, FPMR, TPIDR2_EL0, SMCR_EL1.  Two secret vcpus
 * fill every register they have with patterns (lib/sme_state_img.h),
 * exit with them live (guest_code/sme_state_loop.S) and stop there:
 * A in streaming mode with ZA on, B with non-streaming Z/P/FFR (V without
 * SVE) and ZA on; both after non-streaming secrets, FPSR, FPCR, FPMR,
 * TPIDR2_EL0 and SMCR_EL1.  Then, each case checking that every value
 * is its reset value (zero; TPIDR2_EL0 anything but a secret):
 *  - sibling_onereg, sibling_guest: vcpu C of the same VM, never run:
 *    its ONE_REG reads (non-streaming, then after SVCR.SM=ZA=1:
 *    streaming Z/P/FFR, every ZA row, ZT0), then what its guest reads;
 *  - reinit_onereg, reinit_guest: vcpu A after a second
 *    KVM_ARM_VCPU_INIT, likewise;
 *  - fresh_onereg, fresh_guest: the secret VM destroyed (on the same
 *    CPU, so that its freed buffers are likely handed out again), a new
 *    VM of the same configuration with as many vcpus: each likewise,
 *    but vcpu 1 gets SVCR.SM=ZA=1 before finalising (so that nothing
 *    zeroes its freshly allocated buffers afterwards) and only its
 *    streaming Z/P/FFR, ZA rows and ZT0 are read through ONE_REG;
 *  - host_task: the secret vcpus' KVM_RUNs were issued with the task's
 *    own V, FPSR, FPCR (and with SME ZA rows, ZT0, TPIDR2_EL0) set in
 *    assembly (lib/host_ioctl_state.S): afterwards they hold the task's
 *    values, never the guest's (sme_host_task checks more host modes).
 * Which registers a vcpu (or the task) has in each SVCR state, and their
 * sizes, are the reference model's (lib/sme_model.h, smekvm_img_geom()).
 * Flavours: sve_sme, sme_only, sve_only and no_vec (neither).  Cases:
 * <flavour>/<case>.  SME flavours skip when KVM cannot offer SME or
 * KVM_RUN refuses SME vcpus (EINVAL: a kernel without SME guest support).
 */
#include <errno.h>
#include <sched.h>
#include <string.h>

#include <kvm_util.h>
#include <processor.h>
#include <test_util.h>
#include <ucall_common.h>

#include "host_task_run.h"
#include "sme_check.h"
#include "sme_gframe.h"
#include "sme_names.h"
#include "sme_state_img.h"

#define SECRET_VM	9
#define SECRET_GEN	0xa5
#define SECRET_TPIDR2	0x5ec7e75ec7e7a500ULL	/* | vcpu */
#define SECRET_FPSR	0x08000017ULL
#define SECRET_FPCR	0x03c00000ULL		/* DN, FZ, RMode */
#define SECRET_FPMR	0x000000003f00ffbfULL

enum {
	C_HOST, C_SIB_REG, C_SIB_GUEST, C_REINIT_REG, C_REINIT_GUEST,
	C_FRESH_REG, C_FRESH_GUEST, NR_CASES
};

static const char * const case_names[NR_CASES] = {
	"host_task", "sibling_onereg", "sibling_guest", "reinit_onereg",
	"reinit_guest", "fresh_onereg", "fresh_guest",
};

static const struct smekvm_gf_group group = {
	.inner = case_names, .nr_inner = NR_CASES,
};

#define KIND(fl)	{ .f = SMEKVM_FL_##fl, .groups = &group, .nr_groups = 1 }

static const struct smekvm_gf_kind kinds[] = {
	KIND(SVE_SME), KIND(SME_ONLY), KIND(SVE_ONLY), KIND(NO_VEC),
};

/* Per-vcpu guest parameters, in guest memory. */
struct gparams {
	struct smekvm_state_params h;
	struct smekvm_img_geom ns, fin;	/* secret phases */
	__u64 fpmr;
	__u32 vcpu;
	__u64 ctl[SMEKVM_NR_CTL];	/* fresh_entry's reads */
};

/* Secret vcpus: non-streaming secrets, exit, final secrets, exit. */
static void guest_secret(struct gparams *p)
{
	struct smekvm_img_owner o = { .vm = SECRET_VM, .vcpu = p->vcpu,
				      .gen = SECRET_GEN };
	struct smekvm_gregs *in = (void *)p->h.in, *out = (void *)p->h.out;
	void *exit_addr = (void *)p->h.exit_addr;

	smekvm_gf_guest_start(p->h.smcr, p->h.sve);
	if (p->h.smcr)
		write_sysreg_s(SECRET_TPIDR2 | p->vcpu, SYS_TPIDR2_EL0);
	if (p->fpmr)
		write_sysreg_s(SECRET_FPMR, SYS_FPMR);
	isb();
	write_sysreg(SECRET_FPCR, fpcr);
	write_sysreg(SECRET_FPSR, fpsr);

	smekvm_img_fill(in, &p->ns, &o);
	smekvm_state_loop(in, out, exit_addr, p->ns.flags, p->ns.svl, 1, 0);
	smekvm_img_fill(in, &p->fin, &o);
	smekvm_state_loop(in, out, exit_addr, p->fin.flags, p->fin.svl, 1, 0);
	GUEST_FAIL("secret vcpu %u ran past its last exit", p->vcpu);
}

/* Reached from smekvm_fresh_entry() once the registers are recorded. */
static void guest_fresh_cont(void *arg)
{
	GUEST_DONE();
}

/* Host side. */
struct vcpu_ctx {
	struct smekvm_state_vcpu s;
	struct gparams *p;
	gva_t p_gva;
	const char *who;
};

static struct smekvm_gf_vm *cur;	/* the flavour that runs */
static struct smekvm_model_cfg host;	/* the task's registers */
static struct smekvm_task_run task;

static struct smekvm_gf_case *case_of(int c)
{
	return smekvm_gf_case(cur, 0, 0, c);
}

/* Fail case @c because of what vcpu @v showed. */
#define fail(v, c, fmt, ...)						\
	smekvm_gf_fail(c, "vcpu %s: " fmt, (v)->who, ##__VA_ARGS__)

/*
 * KVM_RUN of a secret vcpu, issued with the task's own V, FPSR, FPCR
 * (ZA rows, ZT0, TPIDR2_EL0 with SME) live (host_task_run.h); they must
 * survive it.
 */
static int run_secret(struct vcpu_ctx *v, unsigned int n)
{
	struct smekvm_gf_case *h = case_of(C_HOST);
	struct smekvm_img_diff d;
	char msg[128];
	int err;

	task.ld = smekvm_task_v_geom(&host, host.sme);
	task.rd = task.ld;
	task.o = (struct smekvm_img_owner){ .vm = SMEKVM_TASK_VM, .gen = n };
	do
		err = smekvm_task_kvm_run(v->s.vcpu, &task);
	while (err == EINTR);
	if (err)
		return err;

	smekvm_gf_check(h, true);
	if (!smekvm_img_check(&task.out, &task.rd, &task.o, &d))
		fail(v, h, "task's %s%u byte %ld 0x%02x after KVM_RUN, expected 0x%02x",
		     smekvm_pattern_cls_name(d.cls), d.reg, d.off, d.got,
		     d.want);
	if (!smekvm_task_ctl_kept(&task, msg, sizeof(msg)))
		fail(v, h, "task's %s", msg);
	return 0;
}

/* Run a secret vcpu to its second exit; false if KVM_RUN refused SME. */
static bool run_secret_vcpu(struct vcpu_ctx *v, gpa_t exit_gpa)
{
	struct smekvm_run run = {
		.vcpu = v->s.vcpu, .may_refuse = v->s.cfg.sme,
		.has_exit_page = true, .exit_gpa = exit_gpa,
	};
	unsigned int exits = 0, n = 0;
	struct ucall uc;
	char who[64];

	snprintf(who, sizeof(who), "%s: vcpu %s", cur->name, v->who);
	run.who = who;
	while (exits < 2) {
		switch (smekvm_run_exit(&run, run_secret(v, n++), &uc)) {
		case SMEKVM_EV_REFUSED:
			return false;
		case SMEKVM_EV_EXIT:
			exits++;
			break;
		default:
			TEST_FAIL("%s: no exit at the exit page", who);
		}
	}
	return true;
}

static const __u8 zero[SMEKVM_REG_MAX_BYTES];

/* Register @id of @v reads zero through ONE_REG, in SVCR state @svcr. */
static void expect_zero(struct vcpu_ctx *v, struct smekvm_gf_case *c,
			__u64 id, __u64 svcr)
{
	char msg[128];

	if (!smekvm_reg_matches(v->s.vcpu, id, zero, KVM_REG_SIZE(id), msg,
				sizeof(msg)))
		fail(v, c, "SVCR %s: %s", smekvm_svcr_names[svcr & 3], msg);
}

static void expect_not_secret_tpidr2(struct vcpu_ctx *v,
				     struct smekvm_gf_case *c, __u64 val)
{
	if ((val & ~0xffULL) == SECRET_TPIDR2)
		fail(v, c, "TPIDR2_EL0 is the secret 0x%llx", val);
}

/*
 * Every vector and matrix register that @v has in SVCR state @svcr (the
 * model's view) reads zero.
 */
static void expect_zero_view(struct vcpu_ctx *v, struct smekvm_gf_case *c,
			     __u64 svcr)
{
	__u64 ids[SMEKVM_MODEL_MAX_STATE_REGS];
	unsigned int i, n;

	n = smekvm_model_state_ids(&v->s.cfg, svcr, ids, ARRAY_SIZE(ids));
	for (i = 0; i < n; i++)
		expect_zero(v, c, ids[i], svcr);
}

/*
 * Every ONE_REG value of @v at reset: the non-streaming view as it is;
 * then, unless @svcr_set (SVCR already SM=ZA=1), SVCR.SM=ZA=1 and the
 * streaming view.
 */
static void check_onereg(struct vcpu_ctx *v, struct smekvm_gf_case *c,
			 bool svcr_set)
{
	__u64 tp = 0;

	smekvm_gf_check(c, true);
	if (!svcr_set) {
		if (v->s.cfg.sme)
			expect_zero(v, c, SMEKVM_SVCR, 0);
		expect_zero_view(v, c, 0);
		expect_zero(v, c, SMEKVM_FPSR, 0);
		expect_zero(v, c, SMEKVM_FPCR, 0);
		if (v->s.cfg.fpmr)
			expect_zero(v, c, SMEKVM_FPMR_ID, 0);
		if (!v->s.cfg.sme)
			return;
		expect_zero(v, c, SMEKVM_SMCR_EL1, 0);
		if (!__smekvm_get_reg64(v->s.vcpu, SMEKVM_TPIDR2_EL0, &tp))
			expect_not_secret_tpidr2(v, c, tp);
		smekvm_set_svcr(v->s.vcpu, SVCR_SM | SVCR_ZA);
	}
	expect_zero_view(v, c, SMEKVM_SVCR_SM | SMEKVM_SVCR_ZA);
	smekvm_set_svcr(v->s.vcpu, 0);
}

/*
 * Run @v from smekvm_fresh_entry(), with its own output buffers, and
 * check what its guest read of the non-streaming view, @v->p->ns.
 */
static void check_guest(struct vcpu_ctx *v, struct smekvm_gf_case *c)
{
	struct smekvm_gregs *out;
	struct smekvm_img_diff d;
	__u64 *ctl = v->p->ctl;
	struct ucall uc;
	__u64 fpsr = 0;
	int err;

	smekvm_gf_check(c, true);
	vcpu_arch_set_entry_point(v->s.vcpu, smekvm_fresh_entry);
	vcpu_args_set(v->s.vcpu, 5, v->p->h.out,
		      v->p_gva + offsetof(struct gparams, ctl), v->p->ns.flags,
		      guest_fresh_cont, 0);
	out = addr_gva2hva(v->s.vcpu->vm, v->p->h.out);
	memset(out, 0xee, sizeof(*out));
	memset(ctl, 0xee, sizeof(v->p->ctl));
	/*
	 * FPSR is 0 after reset, 0x0800009f after check_onereg() changed
	 * SVCR.SM (abi-svcr-sm-fpsr); the guest must read just that.
	 */
	__smekvm_get_reg(v->s.vcpu, SMEKVM_FPSR, &fpsr);
	if (fpsr && fpsr != SMEKVM_FPSR_AFTER_SM_CHANGE)
		fail(v, c, "FPSR 0x%llx before the first run", fpsr);
	err = smekvm_run_eintr(v->s.vcpu, NULL);
	TEST_ASSERT(!err, "%s: vcpu %s: KVM_RUN: %s", cur->name, v->who,
		    strerror(err));
	switch (get_ucall(v->s.vcpu, &uc)) {
	case UCALL_DONE:
		break;
	case UCALL_ABORT:
		REPORT_GUEST_ASSERT(uc);
		break;
	default:
		fail(v, c, "unexpected exit %u", v->s.vcpu->run->exit_reason);
		return;
	}

	if (ctl[SMEKVM_CTL_FPSR] != fpsr || ctl[SMEKVM_CTL_FPCR] ||
	    ctl[SMEKVM_CTL_FPMR] || ctl[SMEKVM_CTL_SMCR] ||
	    ctl[SMEKVM_CTL_SVCR])
		fail(v, c, "guest read FPSR %llx FPCR %llx FPMR %llx SMCR %llx SVCR %llx",
		     ctl[SMEKVM_CTL_FPSR], ctl[SMEKVM_CTL_FPCR],
		     ctl[SMEKVM_CTL_FPMR], ctl[SMEKVM_CTL_SMCR],
		     ctl[SMEKVM_CTL_SVCR]);
	expect_not_secret_tpidr2(v, c, ctl[SMEKVM_CTL_TPIDR2]);

	if (!smekvm_img_check(out, &v->p->ns, NULL, &d))
		fail(v, c, "guest read %s%u byte %ld 0x%02x, expected 0",
		     smekvm_pattern_cls_name(d.cls), d.reg, d.off, d.got);
}

static void add_vcpu(struct kvm_vm *vm, struct vcpu_ctx *v, unsigned int id,
		     const char *who)
{
	v->who = who;
	v->s.vcpu = smekvm_state_vcpu_add(vm, id, &cur->cfg, guest_secret);
}

/* After finalising: @v's parameters; @final_sm: its final secrets. */
static void setup_vcpu(struct vcpu_ctx *v, gva_t exit_gva, bool final_sm)
{
	v->p = smekvm_state_vcpu_params(&v->s, v->s.vcpu, &cur->cfg,
					sizeof(*v->p), exit_gva, &v->p_gva);
	v->p->ns = smekvm_state_geom(&v->s, false, false);
	v->p->fin = smekvm_state_geom(&v->s, final_sm, true);
	v->p->fpmr = v->s.cfg.fpmr;
	v->p->vcpu = v->s.vcpu->id;
}

/* A second KVM_ARM_VCPU_INIT of @v, and the library's setup again. */
static void reinit_vcpu(struct vcpu_ctx *v)
{
	__u64 sp = vcpu_get_reg(v->s.vcpu, ctxt_reg_alias(v->s.vcpu,
							  SYS_SP_EL1));
	struct kvm_vcpu_init init = v->s.vcpu->init;
	int err;

	aarch64_vcpu_setup(v->s.vcpu, &init);
	vcpu_set_reg(v->s.vcpu, ctxt_reg_alias(v->s.vcpu, SYS_SP_EL1), sp);
	vcpu_init_descriptor_tables(v->s.vcpu);
	if (cur->cfg.sve || cur->cfg.sme) {
		err = __smekvm_vcpu_finalize(v->s.vcpu);
		TEST_ASSERT(!err || err == EPERM,
			    "FINALIZE after a second INIT: %s", strerror(err));
	}
}

#define NR_FRESH	3	/* the secret VM's vcpus */

/* The secret VM, then the fresh one; NULL, or why KVM_RUN refused. */
static const char *test_flavour(void)
{
	static const char * const fresh_names[NR_FRESH] = {
		"fresh 0", "fresh 1", "fresh 2",
	};
	struct vcpu_ctx a = { 0 }, b = { 0 }, c = { 0 }, f[NR_FRESH] = { 0 };
	unsigned int i;
	struct kvm_vm *vm, *fresh;
	gva_t exit_gva;
	gpa_t exit_gpa;

	/* The secret VM: A, B run; C never does. */
	vm = smekvm_state_vm_create(3);
	add_vcpu(vm, &a, 0, "A");
	add_vcpu(vm, &b, 1, "B");
	add_vcpu(vm, &c, 2, "C");
	exit_gva = smekvm_state_vm_finalize(vm, &cur->cfg, &exit_gpa);
	setup_vcpu(&a, exit_gva, true);
	setup_vcpu(&b, exit_gva, false);
	setup_vcpu(&c, exit_gva, false);

	if (!run_secret_vcpu(&a, exit_gpa)) {
		kvm_vm_free(vm);
		return SMEKVM_RUN_REFUSED;
	}
	run_secret_vcpu(&b, exit_gpa);
	ksft_print_msg("%s: VL %llu, SVL %llu bits, secret flags A 0x%llx B 0x%llx\n",
		       cur->name, a.p->ns.zbytes * 8, a.p->ns.svl * 8,
		       a.p->fin.flags, b.p->fin.flags);

	/* C: never run, in the VM whose A and B hold secrets. */
	check_onereg(&c, case_of(C_SIB_REG), false);
	check_guest(&c, case_of(C_SIB_GUEST));

	/* A again after a second INIT. */
	reinit_vcpu(&a);
	check_onereg(&a, case_of(C_REINIT_REG), false);
	check_guest(&a, case_of(C_REINIT_GUEST));

	/* B still holds its secrets when the VM goes. */
	kvm_vm_free(vm);

	/*
	 * As many fresh vcpus as the secret VM had, so that whichever of
	 * its freed buffers the allocator hands out again is checked.
	 */
	fresh = smekvm_state_vm_create(NR_FRESH);
	for (i = 0; i < NR_FRESH; i++)
		add_vcpu(fresh, &f[i], i, fresh_names[i]);
	/* Vcpu 1 is in streaming mode with ZA on before its buffers exist. */
	if (cur->cfg.sme)
		smekvm_set_svcr(f[1].s.vcpu, SVCR_SM | SVCR_ZA);
	exit_gva = smekvm_state_vm_finalize(fresh, &cur->cfg, &exit_gpa);
	for (i = 0; i < NR_FRESH; i++)
		setup_vcpu(&f[i], exit_gva, false);
	for (i = 0; i < NR_FRESH; i++)
		check_onereg(&f[i], case_of(C_FRESH_REG),
			     i == 1 && cur->cfg.sme);
	for (i = 0; i < NR_FRESH; i++)
		check_guest(&f[i], case_of(C_FRESH_GUEST));
	kvm_vm_free(fresh);
	return NULL;
}

/*
 * The flavour of @vm, on one CPU throughout, so that the fresh VM
 * allocates from the same per-CPU free lists the secret VM's buffers
 * went back to.
 */
static const char *run_vm(struct smekvm_gf_vm *vm)
{
	cpu_set_t one, all;
	int cpu = sched_getcpu();
	const char *why;

	cur = vm;
	sched_getaffinity(0, sizeof(all), &all);
	CPU_ZERO(&one);
	CPU_SET(cpu < 0 ? 0 : cpu, &one);
	sched_setaffinity(0, sizeof(one), &one);
	why = test_flavour();
	sched_setaffinity(0, sizeof(all), &all);
	return why;
}

static void start(void)
{
	ksft_print_msg("host task SME %s\n", host.sme ? "yes" : "no");
}

int main(void)
{
	smekvm_task_model(&host);

	smekvm_gf_main(&(struct smekvm_gf_prog){
		.prefix = "", .kinds = kinds, .nr_kinds = ARRAY_SIZE(kinds),
		.flags = SMEKVM_GF_OWN_VMS, .run = run_vm, .start = start,
	});
}
