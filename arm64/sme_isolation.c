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
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <asm/hwcap.h>

#include <kvm_util.h>
#include <processor.h>
#include <test_util.h>
#include <ucall_common.h>

#include "case_filter.h"
#include "host_ioctl_state.h"
#include "host_sme.h"
#include "sme_flavour.h"
#include "sme_names.h"
#include "sme_probe.h"
#include "sme_run.h"
#include "sme_state_img.h"
#include "sme_state_vcpu.h"

#define SECRET_VM	9
#define SECRET_GEN	0xa5
#define SECRET_TPIDR2	0x5ec7e75ec7e7a500ULL	/* | vcpu */
#define SECRET_FPSR	0x08000017ULL
#define SECRET_FPCR	0x03c00000ULL		/* DN, FZ, RMode */
#define SECRET_FPMR	0x000000003f00ffbfULL
#define HOST_FPSR	0x0800008eULL
#define HOST_FPCR	0x03400000ULL
#define HOST_TPIDR2	0x7e57000000000000ULL

static const enum smekvm_flavour flavours[] = {
	SMEKVM_FL_SVE_SME, SMEKVM_FL_SME_ONLY, SMEKVM_FL_SVE_ONLY,
	SMEKVM_FL_NO_VEC,
};

enum {
	C_HOST, C_SIB_REG, C_SIB_GUEST, C_REINIT_REG, C_REINIT_GUEST,
	C_FRESH_REG, C_FRESH_GUEST, NR_CASES
};

static const char * const case_names[NR_CASES] = {
	"host_task", "sibling_onereg", "sibling_guest", "reinit_onereg",
	"reinit_guest", "fresh_onereg", "fresh_guest",
};

/* Per-vcpu guest parameters, in guest memory. */
struct gparams {
	gva_t in, out, exit_addr;
	struct smekvm_img_geom ns, fin;	/* secret phases */
	__u64 smcr, sve, sme, fpmr;
	__u32 vcpu;
	__u64 ctl[SMEKVM_NR_CTL];	/* fresh_entry's reads */
};

/* Secret vcpus: non-streaming secrets, exit, final secrets, exit. */
static void guest_secret(struct gparams *p)
{
	struct smekvm_img_owner o = { .vm = SECRET_VM, .vcpu = p->vcpu,
				      .gen = SECRET_GEN };
	struct smekvm_gregs *in = (void *)p->in, *out = (void *)p->out;

	write_sysreg(read_sysreg(cpacr_el1) | CPACR_EL1_FPEN |
		     (p->sve ? CPACR_EL1_ZEN : 0) |
		     (p->sme ? CPACR_EL1_SMEN : 0), cpacr_el1);
	isb();
	if (p->sme) {
		write_sysreg_s(p->smcr, SYS_SMCR_EL1);
		write_sysreg_s(SECRET_TPIDR2 | p->vcpu, SYS_TPIDR2_EL0);
	}
	if (p->sve)
		write_sysreg_s(0xf, SYS_ZCR_EL1);
	if (p->fpmr)
		write_sysreg_s(SECRET_FPMR, SYS_FPMR);
	isb();
	write_sysreg(SECRET_FPCR, fpcr);
	write_sysreg(SECRET_FPSR, fpsr);

	smekvm_img_fill(in, &p->ns, &o);
	smekvm_state_loop(in, out, (void *)p->exit_addr, p->ns.flags,
			  p->ns.svl, 1, 0);
	smekvm_img_fill(in, &p->fin, &o);
	smekvm_state_loop(in, out, (void *)p->exit_addr, p->fin.flags,
			  p->fin.svl, 1, 0);
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

static struct {
	const struct smekvm_flavour_info *f;
	int state[NR_CASES];
	const char *why;
	struct smekvm_model_cfg host;	/* the task's SME registers */
} t;

static struct smekvm_gregs h_in, h_out;

static void __printf(2, 3) fail(int c, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (t.state[c] != KSFT_FAIL)
		ksft_print_msg("%s/%s: %s\n", t.f->name, case_names[c], buf);
	t.state[c] = KSFT_FAIL;
}

/*
 * KVM_RUN of a secret vcpu, issued with the task's own V, FPSR, FPCR
 * (ZA rows, ZT0, TPIDR2_EL0 with SME) live; they must survive it.
 */
static int run_secret(struct vcpu_ctx *v, unsigned int n)
{
	struct smekvm_img_owner o = { .vm = 14, .vcpu = 0, .gen = n };
	struct smekvm_img_geom za, g;
	__u64 ctl[SMEKVM_NR_HCTL] = { 0 };
	struct smekvm_img_diff d;
	long ret;

	/* V; with SME, ZA on: the ZA rows and ZT0 the model gives the task. */
	za = smekvm_img_geom(&t.host, smekvm_model_svcr(&t.host, false, true));
	g = (struct smekvm_img_geom){
		.flags = SMEKVM_SL_V |
			 (za.flags & (SMEKVM_SL_ZA | SMEKVM_SL_ZT0)) |
			 (t.host.sme ? SMEKVM_SL_SME : 0),
		.zbytes = SMEKVM_VREG_BYTES, .svl = za.svl,
	};
	smekvm_img_fill(&h_in, &g, &o);
	memset(&h_out, 0, sizeof(h_out));
	ctl[SMEKVM_HCTL_IN(SMEKVM_CTL_FPSR)] = HOST_FPSR;
	ctl[SMEKVM_HCTL_IN(SMEKVM_CTL_FPCR)] = HOST_FPCR;
	ctl[SMEKVM_HCTL_IN(SMEKVM_CTL_TPIDR2)] = HOST_TPIDR2 | n;
	do {
		ret = smekvm_host_ioctl_state(v->s.vcpu->fd, KVM_RUN, &h_in,
					      &h_out, g.flags, g.flags, g.svl,
					      ctl);
		if (t.host.sme)
			smekvm_host_za_stop();
	} while (ret == -EINTR);
	if (ret < 0)
		return -ret;

	if (!smekvm_img_check(&h_out, &g, &o, &d))
		fail(C_HOST, "vcpu %s: task's %s%u byte %ld 0x%02x after KVM_RUN, expected 0x%02x",
		     v->who, smekvm_pattern_cls_name(d.cls), d.reg, d.off, d.got,
		     d.want);
	if (ctl[SMEKVM_HCTL_OUT(SMEKVM_CTL_FPSR)] != HOST_FPSR ||
	    ctl[SMEKVM_HCTL_OUT(SMEKVM_CTL_FPCR)] != HOST_FPCR)
		fail(C_HOST, "vcpu %s: task's FPSR/FPCR 0x%llx/0x%llx after KVM_RUN",
		     v->who, ctl[SMEKVM_HCTL_OUT(SMEKVM_CTL_FPSR)],
		     ctl[SMEKVM_HCTL_OUT(SMEKVM_CTL_FPCR)]);
	if (t.host.sme &&
	    (ctl[SMEKVM_HCTL_OUT(SMEKVM_CTL_TPIDR2)] != (HOST_TPIDR2 | n) ||
	     ctl[SMEKVM_HCTL_OUT(SMEKVM_CTL_SVCR)] != SVCR_ZA))
		fail(C_HOST, "vcpu %s: task's TPIDR2_EL0/SVCR 0x%llx/0x%llx after KVM_RUN",
		     v->who, ctl[SMEKVM_HCTL_OUT(SMEKVM_CTL_TPIDR2)],
		     ctl[SMEKVM_HCTL_OUT(SMEKVM_CTL_SVCR)]);
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

	snprintf(who, sizeof(who), "%s: vcpu %s", t.f->name, v->who);
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

/* Whether a register read through ONE_REG is all zero; reports if not. */
static void expect_zero_reg(struct vcpu_ctx *v, int c, __u64 id,
			    const char *name, unsigned int n)
{
	__u8 buf[SMEKVM_REG_MAX_BYTES];
	long off;
	int err;

	memset(buf, 0xee, sizeof(buf));
	err = __smekvm_get_reg(v->s.vcpu, id, buf);
	if (err) {
		fail(c, "vcpu %s: reading %s%u: %s", v->who, name, n,
		     strerror(err));
		return;
	}
	for (off = 0; off < (long)KVM_REG_SIZE(id); off++) {
		if (!buf[off])
			continue;
		fail(c, "vcpu %s: %s%u byte %ld is 0x%02x, expected 0",
		     v->who, name, n, off, buf[off]);
		return;
	}
}

/* A register of up to 64 bits (FPSR and FPCR are 32). */
static void expect_reg64(struct vcpu_ctx *v, int c, __u64 id,
			 const char *name, __u64 want)
{
	__u64 val = 0;
	int err = __smekvm_get_reg(v->s.vcpu, id, &val);

	if (err)
		fail(c, "vcpu %s: reading %s: %s", v->who, name,
		     strerror(err));
	else if (val != want)
		fail(c, "vcpu %s: %s is 0x%llx, expected 0x%llx", v->who,
		     name, val, want);
}

static void expect_not_secret_tpidr2(struct vcpu_ctx *v, int c, __u64 val)
{
	if ((val & ~0xffULL) == SECRET_TPIDR2)
		fail(c, "vcpu %s: TPIDR2_EL0 is the secret 0x%llx", v->who,
		     val);
}

/* Names of the registers in messages, by class: SVCR.SM 0, then 1. */
static const char * const view_names[2][SMEKVM_NR_REG_CLASSES] = {
	{
		[SMEKVM_RC_V] = "V", [SMEKVM_RC_Z] = "Z", [SMEKVM_RC_P] = "P",
		[SMEKVM_RC_FFR] = "FFR",
	}, {
		[SMEKVM_RC_Z] = "streaming Z", [SMEKVM_RC_P] = "streaming P",
		[SMEKVM_RC_FFR] = "streaming FFR", [SMEKVM_RC_ZA] = "ZA row ",
		[SMEKVM_RC_ZT0] = "ZT0",
	},
};

/*
 * Every vector and matrix register that @v has in SVCR state @svcr (the
 * model's view) reads zero.
 */
static void expect_zero_view(struct vcpu_ctx *v, int c, __u64 svcr)
{
	const char * const *names = view_names[!!(svcr & SMEKVM_SVCR_SM)];
	__u64 ids[SMEKVM_MODEL_MAX_STATE_REGS];
	enum smekvm_reg_class rc;
	unsigned int i, n, reg;

	n = smekvm_model_state_ids(&v->s.cfg, svcr, ids, ARRAY_SIZE(ids));
	for (i = 0; i < n; i++) {
		rc = smekvm_model_reg_class(ids[i], &reg);
		expect_zero_reg(v, c, ids[i], names[rc], reg);
	}
}

/*
 * Every ONE_REG value of @v at reset: the non-streaming view as it is;
 * then, unless @svcr_set (SVCR already SM=ZA=1), SVCR.SM=ZA=1 and the
 * streaming view.
 */
static void check_onereg(struct vcpu_ctx *v, int c, bool svcr_set)
{
	__u64 tp = 0;

	if (!svcr_set) {
		if (v->s.cfg.sme)
			expect_reg64(v, c, SMEKVM_SVCR, "SVCR", 0);
		expect_zero_view(v, c, 0);
		expect_reg64(v, c, SMEKVM_FPSR, "FPSR", 0);
		expect_reg64(v, c, SMEKVM_FPCR, "FPCR", 0);
		if (v->s.cfg.fpmr)
			expect_reg64(v, c, KVM_ARM64_SYS_REG(SYS_FPMR),
				     "FPMR", 0);
		if (!v->s.cfg.sme)
			return;
		expect_reg64(v, c, SMEKVM_SMCR_EL1, "SMCR_EL1", 0);
		if (!__smekvm_get_reg64(v->s.vcpu, SMEKVM_TPIDR2_EL0, &tp))
			expect_not_secret_tpidr2(v, c, tp);
		smekvm_set_svcr(v->s.vcpu, SVCR_SM | SVCR_ZA);
	}
	expect_zero_view(v, c, SMEKVM_SVCR_SM | SMEKVM_SVCR_ZA);
	smekvm_set_svcr(v->s.vcpu, 0);
}

/*
 * Point @v at smekvm_fresh_entry() with its own output buffers; it reads
 * the non-streaming view, @v->p->ns.
 */
static void prepare_fresh(struct kvm_vm *vm, struct vcpu_ctx *v)
{
	vcpu_arch_set_entry_point(v->s.vcpu, smekvm_fresh_entry);
	vcpu_args_set(v->s.vcpu, 5, v->p->out,
		      v->p_gva + offsetof(struct gparams, ctl), v->p->ns.flags,
		      guest_fresh_cont, 0);
}

/* Run @v from smekvm_fresh_entry() and check what its guest read. */
static void check_guest(struct vcpu_ctx *v, int c)
{
	struct smekvm_gregs *out;
	__u64 *ctl = v->p->ctl;
	__u64 fpsr;
	struct smekvm_img_class cl[SMEKVM_IMG_MAX_CLASSES];
	struct ucall uc;
	unsigned int i, n, reg;
	__u8 *got;
	long off;
	int err;

	out = addr_gva2hva(v->s.vcpu->vm, v->p->out);
	memset(out, 0xee, sizeof(*out));
	memset(ctl, 0xee, sizeof(v->p->ctl));
	/*
	 * FPSR is 0 after reset, 0x0800009f after check_onereg() changed
	 * SVCR.SM (abi-svcr-sm-fpsr); the guest must read just that.
	 */
	fpsr = 0;
	__smekvm_get_reg(v->s.vcpu, SMEKVM_FPSR, &fpsr);
	if (fpsr && fpsr != SMEKVM_FPSR_AFTER_SM_CHANGE)
		fail(c, "vcpu %s: FPSR 0x%llx before the first run", v->who,
		     fpsr);
	err = smekvm_run_eintr(v->s.vcpu, NULL);
	TEST_ASSERT(!err, "%s: vcpu %s: KVM_RUN: %s", t.f->name, v->who,
		    strerror(err));
	switch (get_ucall(v->s.vcpu, &uc)) {
	case UCALL_DONE:
		break;
	case UCALL_ABORT:
		REPORT_GUEST_ASSERT(uc);
		break;
	default:
		fail(c, "vcpu %s: unexpected exit %u", v->who,
		     v->s.vcpu->run->exit_reason);
		return;
	}

	if (ctl[SMEKVM_CTL_FPSR] != fpsr || ctl[SMEKVM_CTL_FPCR] ||
	    ctl[SMEKVM_CTL_FPMR] || ctl[SMEKVM_CTL_SMCR] ||
	    ctl[SMEKVM_CTL_SVCR])
		fail(c, "vcpu %s: guest read FPSR %llx FPCR %llx FPMR %llx SMCR %llx SVCR %llx",
		     v->who, ctl[SMEKVM_CTL_FPSR], ctl[SMEKVM_CTL_FPCR],
		     ctl[SMEKVM_CTL_FPMR], ctl[SMEKVM_CTL_SMCR],
		     ctl[SMEKVM_CTL_SVCR]);
	expect_not_secret_tpidr2(v, c, ctl[SMEKVM_CTL_TPIDR2]);

	n = smekvm_img_classes(&v->p->ns, cl);
	for (i = 0; i < n; i++) {
		for (reg = 0; reg < cl[i].count; reg++) {
			got = smekvm_img_slot(out, cl[i].cls, reg);
			for (off = 0; off < (long)cl[i].bytes; off++)
				if (got[off])
					break;
			if (off == (long)cl[i].bytes)
				continue;
			fail(c, "vcpu %s: guest read %s%u byte %ld 0x%02x, expected 0",
			     v->who, smekvm_pattern_cls_name(cl[i].cls), reg, off,
			     got[off]);
			return;
		}
	}
}

static void add_vcpu(struct kvm_vm *vm, struct vcpu_ctx *v, unsigned int id,
		     const char *who)
{
	v->who = who;
	v->s.vcpu = smekvm_vcpu_add(vm, id, &t.f->cfg, guest_secret);
	vcpu_init_descriptor_tables(v->s.vcpu);
}

/* Finalise @v (after any SVCR write that must precede it). */
static void finalize_vcpu(struct vcpu_ctx *v)
{
	if (t.f->cfg.sve || t.f->cfg.sme)
		smekvm_vcpu_finalize(v->s.vcpu);
}

static void finish_vcpu(struct kvm_vm *vm, struct vcpu_ctx *v, gva_t exit_gva,
			bool final_sm)
{
	smekvm_state_vcpu_probe(&v->s, v->s.vcpu, &t.f->cfg);
	v->p_gva = vm_alloc(vm, sizeof(*v->p), KVM_UTIL_MIN_VADDR);
	v->p = addr_gva2hva(vm, v->p_gva);
	memset(v->p, 0, sizeof(*v->p));
	v->p->in = vm_alloc(vm, sizeof(struct smekvm_gregs),
			    KVM_UTIL_MIN_VADDR);
	v->p->out = vm_alloc(vm, sizeof(struct smekvm_gregs),
			     KVM_UTIL_MIN_VADDR);
	v->p->exit_addr = exit_gva;
	v->p->ns = smekvm_state_geom(&v->s, false, false);
	v->p->fin = smekvm_state_geom(&v->s, final_sm, true);
	v->p->smcr = v->s.smcr;
	v->p->sve = v->s.cfg.sve;
	v->p->sme = v->s.cfg.sme;
	v->p->fpmr = v->s.cfg.fpmr;
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
	if (t.f->cfg.sve || t.f->cfg.sme) {
		err = __smekvm_vcpu_finalize(v->s.vcpu);
		TEST_ASSERT(!err || err == EPERM,
			    "FINALIZE after a second INIT: %s", strerror(err));
	}
}

#define NR_FRESH	3	/* the secret VM's vcpus */
#define VM_PAGES(n)	((n) * (2 * (sizeof(struct smekvm_gregs) / 4096 + 2) + 2))

static void test_flavour(void)
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
	vm = __vm_create(VM_SHAPE_DEFAULT, 3, VM_PAGES(3));
	add_vcpu(vm, &a, 0, "A");
	add_vcpu(vm, &b, 1, "B");
	add_vcpu(vm, &c, 2, "C");
	finalize_vcpu(&a);
	finalize_vcpu(&b);
	finalize_vcpu(&c);
	vm_init_descriptor_tables(vm);
	kvm_arch_vm_finalize_vcpus(vm);
	exit_gva = smekvm_map_exit_page(vm, 0, &exit_gpa);
	finish_vcpu(vm, &a, exit_gva, true);
	finish_vcpu(vm, &b, exit_gva, false);
	finish_vcpu(vm, &c, exit_gva, false);
	a.p->vcpu = 0;
	b.p->vcpu = 1;
	vcpu_args_set(a.s.vcpu, 1, a.p_gva);
	vcpu_args_set(b.s.vcpu, 1, b.p_gva);

	if (!run_secret_vcpu(&a, exit_gpa)) {
		t.why = SMEKVM_RUN_REFUSED;
		kvm_vm_free(vm);
		return;
	}
	run_secret_vcpu(&b, exit_gpa);
	ksft_print_msg("%s: VL %llu, SVL %llu bits, secret flags A 0x%llx B 0x%llx\n",
		       t.f->name, a.p->ns.zbytes * 8, a.p->ns.svl * 8,
		       a.p->fin.flags, b.p->fin.flags);

	/* C: never run, in the VM whose A and B hold secrets. */
	check_onereg(&c, C_SIB_REG, false);
	prepare_fresh(vm, &c);
	check_guest(&c, C_SIB_GUEST);

	/* A again after a second INIT. */
	reinit_vcpu(&a);
	check_onereg(&a, C_REINIT_REG, false);
	prepare_fresh(vm, &a);
	check_guest(&a, C_REINIT_GUEST);

	/* B still holds its secrets when the VM goes. */
	kvm_vm_free(vm);

	/*
	 * As many fresh vcpus as the secret VM had, so that whichever of
	 * its freed buffers the allocator hands out again is checked.
	 */
	fresh = __vm_create(VM_SHAPE_DEFAULT, NR_FRESH, VM_PAGES(NR_FRESH));
	for (i = 0; i < NR_FRESH; i++)
		add_vcpu(fresh, &f[i], i, fresh_names[i]);
	vm_init_descriptor_tables(fresh);
	/* Vcpu 1 is in streaming mode with ZA on before its buffers exist. */
	if (t.f->cfg.sme)
		smekvm_set_svcr(f[1].s.vcpu, SVCR_SM | SVCR_ZA);
	for (i = 0; i < NR_FRESH; i++)
		finalize_vcpu(&f[i]);
	kvm_arch_vm_finalize_vcpus(fresh);
	exit_gva = smekvm_map_exit_page(fresh, 0, &exit_gpa);
	for (i = 0; i < NR_FRESH; i++)
		finish_vcpu(fresh, &f[i], exit_gva, false);
	for (i = 0; i < NR_FRESH; i++)
		check_onereg(&f[i], C_FRESH_REG, i == 1 && t.f->cfg.sme);
	for (i = 0; i < NR_FRESH; i++) {
		prepare_fresh(fresh, &f[i]);
		check_guest(&f[i], C_FRESH_GUEST);
	}
	kvm_vm_free(fresh);
}

/*
 * On one CPU throughout, so that the fresh VM allocates from the same
 * per-CPU free lists the secret VM's buffers went back to.
 */
static void test_pinned(void)
{
	cpu_set_t one, all;
	int cpu = sched_getcpu();

	sched_getaffinity(0, sizeof(all), &all);
	CPU_ZERO(&one);
	CPU_SET(cpu < 0 ? 0 : cpu, &one);
	sched_setaffinity(0, sizeof(one), &one);
	test_flavour();
	sched_setaffinity(0, sizeof(all), &all);
}

static bool selected(const struct smekvm_flavour_info *f, int c)
{
	char name[64];

	snprintf(name, sizeof(name), "%s/%s", f->name, case_names[c]);
	return smekvm_case_selected(name);
}

int main(void)
{
	unsigned int i, c, plan = 0;
	bool kvm_sme, any;

	for (i = 0; i < ARRAY_SIZE(flavours); i++)
		for (c = 0; c < NR_CASES; c++)
			plan += selected(smekvm_flavour(flavours[i]), c);
	if (!plan)
		ksft_exit_skip("SMEKVM_CASE=%s: no such case\n",
			       smekvm_case_filter());

	t.host.sme = getauxval(AT_HWCAP2) & HWCAP2_SME;
	t.host.sme2 = getauxval(AT_HWCAP2) & HWCAP2_SME2;
	t.host.sme_vq = t.host.sme ? smekvm_host_rdsvl() / 16 : 0;
	kvm_sme = kvm_check_cap(KVM_CAP_ARM_SME) > 0;

	ksft_print_header();
	ksft_set_plan(plan);
	ksft_print_msg("host task SME %s; KVM SME %s\n",
		       t.host.sme ? "yes" : "no", kvm_sme ? "yes" : "no");

	for (i = 0; i < ARRAY_SIZE(flavours); i++) {
		t.f = smekvm_flavour(flavours[i]);
		t.why = NULL;
		for (any = false, c = 0; c < NR_CASES; c++) {
			t.state[c] = KSFT_PASS;
			any |= selected(t.f, c);
		}
		if (!any)
			continue;
		if (t.f->cfg.sve && !kvm_has_cap(KVM_CAP_ARM_SVE))
			t.why = "KVM offers no SVE";
		else if (t.f->cfg.sme && !kvm_sme)
			t.why = "KVM offers no SME";
		else
			test_pinned();

		for (c = 0; c < NR_CASES; c++) {
			if (!selected(t.f, c))
				continue;
			if (t.why)
				ksft_test_result_skip("%s/%s: %s\n", t.f->name,
						      case_names[c], t.why);
			else
				ksft_test_result(t.state[c] == KSFT_PASS,
						 "%s/%s\n", t.f->name,
						 case_names[c]);
		}
	}
	ksft_finished();
}
