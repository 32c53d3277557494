// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_fuzz_run.c - sme_fuzz's KVM_RUN and the guest it runs (see
 * sme_fuzz_run.h).
 */
#include <errno.h>
#include <string.h>
#include <linux/stringify.h>

#include <kvm_util.h>
#include <processor.h>
#include <test_util.h>
#include <ucall_common.h>

#include "guest_code/guest_nofp.h"
#include "guest_code/sme_fuzz_entry.h"
#include "guest_code/sme_state_step.h"
#include "sme_fuzz_onereg.h"
#include "sme_fuzz_run.h"
#include "sme_gframe.h"
#include "host_sme.h"
#include "sme_insn.h"
#include "sme_model.h"
#include "sme_model_sys.h"
#include "sme_names.h"
#include "sme_pattern.h"
#include "sme_run.h"
#include "sme_state_vcpu.h"
#include "sme_step.h"
#include "sme_uapi.h"
#include "sme_vcpu.h"

/* What the host asks of the guest's next step, in guest memory. */
struct fuzz_cmd {
	__u64 flags;	/* smekvm_state_step() flags */
	__u64 rows;	/* its SVL in bytes */
	__u64 smcr;	/* SMCR_EL1 the guest writes first (with SME) */
	__u64 tpidr2;	/* TPIDR2_EL0 it writes (with SME) */
	__u64 fpcr;	/* FPCR it writes */
	__u64 sve;	/* ZCR_EL1.LEN to 15 at the entry */
};

/*
 * The guest's memory, in every VM that runs (one copy per VM, shared by
 * its vcpus: only one of them runs at a time, and a command and the
 * image it loads are written right before the run that reads them).
 * The host sets g_cmd and g_exit in its own copy, then copies them in
 * (sync_global_to_guest()).
 */
static struct fuzz_cmd g_cmd;
static struct smekvm_gregs g_in, g_out;
static __u64 *g_exit;

#define STAGE_READY	1	/* at the entry, SVCR 0 */
#define STAGE_STORED	2	/* the step stored its registers: FPSR, TPIDR2 */

SMEKVM_GUEST_NOFP void smekvm_fuzz_guest(void)
{
	__u64 fpsr, flags, tpidr2;

	smekvm_gf_guest_start(0, g_cmd.sve);
	/* Userspace may have set SVCR before the first run. */
	if (g_cmd.flags & SMEKVM_STEP_SME)
		asm volatile(".inst " __stringify(SMSTOP) : : : "memory");
	GUEST_SYNC2(STAGE_READY, 0);
	for (;;) {
		flags = g_cmd.flags;
		write_sysreg(g_cmd.fpcr, fpcr);
		if (flags & SMEKVM_STEP_SME) {
			write_sysreg_s(g_cmd.smcr, SYS_SMCR_EL1);
			write_sysreg_s(g_cmd.tpidr2, SYS_TPIDR2_EL0);
			isb();
		}
		fpsr = smekvm_state_step(&g_in, &g_out, g_exit,
					 flags, g_cmd.rows);
		tpidr2 = flags & SMEKVM_STEP_SME ?
			 read_sysreg_s(SYS_TPIDR2_EL0) : 0;
		GUEST_SYNC3(STAGE_STORED, fpsr, tpidr2);
	}
}

void smekvm_fuzz_run_vm_create(struct smekvm_fuzz_vm *v)
{
	gva_t exit_gva;
	size_t stack;
	unsigned int i;

	/*
	 * No in-kernel GIC: it would refuse the first KVM_RUN (EBUSY) until
	 * every vcpu of the VM is initialised, and vcpus after that.
	 */
	test_disable_default_vgic();
	v->vm = __vm_create(VM_SHAPE_DEFAULT, SMEKVM_FUZZ_NR_VCPUS, 64);
	stack = DEFAULT_STACK_PGS * v->vm->page_size;
	vm_init_descriptor_tables(v->vm);
	exit_gva = smekvm_map_exit_page(v->vm, 0, &v->exit_gpa);
	g_exit = (__u64 *)exit_gva;
	sync_global_to_guest(v->vm, g_exit);
	v->runnable = true;
	for (i = 0; i < SMEKVM_FUZZ_NR_VCPUS; i++) {
		v->stack_top[i] = vm_alloc(v->vm, stack, KVM_UTIL_MIN_VADDR) +
				  stack;
		v->c[i].vcpu = __vm_vcpu_add(v->vm, v->next_id++);
		memset(&v->c[i].v, 0, sizeof(v->c[i].v));
	}
}

void smekvm_fuzz_run_setup(struct smekvm_fuzz_vm *v,
			   struct smekvm_fuzz_vcpu *c)
{
	struct kvm_vcpu_init init = c->vcpu->init;

	if (!v->runnable || c->late)
		return;
	/* The same INIT again (a reset to the same values), then the rest. */
	aarch64_vcpu_setup(c->vcpu, &init);
	vcpu_init_descriptor_tables(c->vcpu);
	vcpu_set_reg(c->vcpu, ctxt_reg_alias(c->vcpu, SYS_SP_EL1),
		     v->stack_top[c - v->c]);
	vcpu_set_reg(c->vcpu, ARM64_CORE_REG(regs.pc),
		     (__u64)smekvm_fuzz_guest_entry);
	c->where = SMEKVM_FUZZ_FRESH;
}

/* The registers the guest reaches: all the VM has (it enables them). */
static struct smekvm_step_vcpu step_vcpu(const struct smekvm_fuzz_vm *v,
					 const struct smekvm_fuzz_vcpu *c)
{
	return (struct smekvm_step_vcpu){
		.cfg = c->m->cfg,
		.vcpu = (unsigned int)(c - v->c),
	};
}

/* A write the guest made, applied to the model as userspace's own. */
static void model_write(struct smekvm_fuzz_world *w,
			struct smekvm_fuzz_vcpu *c, __u64 id, const void *buf)
{
	int err;

	if (smekvm_model_sysreg_is(id))
		err = smekvm_model_sysreg_set(w->host, c->m, &c->v, id,
					      *(const __u64 *)buf);
	else
		err = smekvm_model_set(c->m, id, buf);
	TEST_ASSERT(!err, "model: the guest's write of %s: %s",
		    smekvm_fuzz_reg_name(id), smekvm_errno_name(err));
}

static void model_svcr(struct smekvm_fuzz_world *w,
		       struct smekvm_fuzz_vcpu *c, __u64 svcr)
{
	if (c->m->cfg.sme)
		model_write(w, c, SMEKVM_SVCR, &svcr);
}

/*
 * The FPCR a RUN writes: AHP, DN, FZ and RMode, which every CPU has (the
 * other bits may be RES0, so a value userspace wrote is not what the
 * guest finds, nor what KVM saves after it ran).
 */
static __u32 run_fpcr(const struct smekvm_fuzz_op *op)
{
	return (op->val >> 16) & GENMASK(26, 22);
}

/* The next command, and its image, for @op. */
static __u64 write_cmd(struct smekvm_fuzz_vm *v, struct smekvm_fuzz_vcpu *c,
		       const struct smekvm_fuzz_op *op, __u64 *smcr)
{
	struct smekvm_step_vcpu sv = step_vcpu(v, c);
	const struct smekvm_model_cfg *cfg = &c->m->cfg;
	__u64 svcr = smekvm_model_svcr(cfg, op->arg & SMEKVM_FUZZ_RUN_SM,
				       op->arg & SMEKVM_FUZZ_RUN_ZA);

	*smcr = SMCR_ELx_LEN | (cfg->fa64 ? SMCR_ELx_FA64 : 0) |
		(cfg->sme2 ? SMCR_ELx_EZT0 : 0);
	g_cmd.flags = smekvm_step_flags(&sv, svcr, SMEKVM_OP_EXIT, 0);
	if (op->arg & SMEKVM_FUZZ_RUN_FP_FIRST)
		g_cmd.flags |= SMEKVM_STEP_FP_FIRST;
	g_cmd.rows = cfg->sme ? SMEKVM_ZA_ROW_BYTES(cfg->sme_vq) : 0;
	g_cmd.smcr = *smcr;
	g_cmd.tpidr2 = op->val;
	g_cmd.fpcr = run_fpcr(op);
	g_cmd.sve = cfg->sve;
	sync_global_to_guest(v->vm, g_cmd);
	smekvm_step_fill(&sv, addr_gva2hva(v->vm, (gva_t)&g_in), svcr,
			 op->val & 0xff);
	return svcr;
}

/*
 * What the step of @svcr left, applied to the model: SMCR_EL1 and
 * TPIDR2_EL0 (with SME), FPCR, SVCR from 0, every live register loaded
 * from the image, FPSR.
 */
static void model_step(struct smekvm_fuzz_world *w, struct smekvm_fuzz_vm *v,
		       struct smekvm_fuzz_vcpu *c,
		       const struct smekvm_fuzz_op *op, __u64 svcr, __u64 smcr)
{
	struct smekvm_step_reg regs[SMEKVM_STEP_MAX_REGS];
	struct smekvm_step_vcpu sv = step_vcpu(v, c);
	const __u8 *in = addr_gva2hva(v->vm, (gva_t)&g_in);
	__u32 fpsr = SMEKVM_STEP_FPSR_IN;
	__u32 fpcr;
	unsigned int i, n;

	if (c->m->cfg.sme) {
		model_write(w, c, SMEKVM_SMCR_EL1, &smcr);
		model_write(w, c, SMEKVM_TPIDR2_EL0, &op->val);
	}
	fpcr = run_fpcr(op);
	model_write(w, c, SMEKVM_FPCR, &fpcr);
	model_svcr(w, c, svcr);
	n = smekvm_step_regs(&sv, svcr, regs);
	for (i = 0; i < n; i++)
		model_write(w, c, regs[i].id, in + regs[i].off);
	model_write(w, c, SMEKVM_FPSR, &fpsr);
}

/*
 * What the guest of a parked vcpu stored when it ran on, and the FPSR and
 * TPIDR2_EL0 it found (@found[0], @found[1]), against the model.
 */
static bool check_stored(struct smekvm_fuzz_world *w, struct smekvm_fuzz_vm *v,
			 struct smekvm_fuzz_vcpu *c, const __u64 *found)
{
	struct smekvm_step_reg regs[SMEKVM_STEP_MAX_REGS];
	struct smekvm_step_vcpu sv = step_vcpu(v, c);
	const __u8 *out = addr_gva2hva(v->vm, (gva_t)&g_out);
	const struct smekvm_gregs *g = (const void *)out;
	__u8 want[SMEKVM_GREGS_ZSLOT];
	struct smekvm_tags t = {};
	unsigned int i, n;
	__u64 tpidr2 = 0;
	bool known = true;
	long off;
	int err;

	smekvm_tags_add(&t, SMEKVM_TAG_RT_ONEREG_LIVE);
	smekvm_tags_add(&t, SMEKVM_TAG_RT_PRESERVE);
	if (!SMEKVM_FUZZ_CHECK(w, &t, g->svcr == c->m->svcr,
			       "the guest found SVCR 0x%llx, expected 0x%llx",
			       g->svcr, c->m->svcr) ||
	    !SMEKVM_FUZZ_CHECK(w, &t,
			       found[0] == (c->m->fpsr & SMEKVM_FPSR_BITS),
			       "the guest found FPSR 0x%llx, expected 0x%x",
			       found[0], c->m->fpsr & SMEKVM_FPSR_BITS))
		return false;
	if (c->m->cfg.sme)
		smekvm_model_sysreg_get(w->host, c->m, &c->v,
					SMEKVM_TPIDR2_EL0, &tpidr2, &known);
	if (known && !SMEKVM_FUZZ_CHECK(w, &t, found[1] == tpidr2,
					"the guest found TPIDR2_EL0 0x%llx, expected 0x%llx",
					found[1], tpidr2))
		return false;
	n = smekvm_step_regs(&sv, c->m->svcr, regs);
	for (i = 0; i < n; i++) {
		err = smekvm_model_get(c->m, regs[i].id, want);
		TEST_ASSERT(!err, "model: %s live but %s",
			    smekvm_fuzz_reg_name(regs[i].id),
			    smekvm_errno_name(err));
		off = smekvm_first_diff(out + regs[i].off, want,
					regs[i].bytes);
		if (!SMEKVM_FUZZ_CHECK(w, &t, off < 0,
				       "the guest found %s byte %ld 0x%02x, expected 0x%02x",
				       smekvm_fuzz_reg_name(regs[i].id), off,
				       off < 0 ? 0 : out[regs[i].off + off],
				       off < 0 ? 0 : want[off]))
			return false;
	}
	return true;
}

/*
 * KVM_RUN until the guest says something: false if it was not @want
 * (stage @stage of a GUEST_SYNC, whose arguments are then in @args).
 * The calling thread's TPIDR2_EL0 must come back as it was, not as the
 * guest left it (abi-host-tpidr2-kept, abi-host-no-guest-state): it is
 * set to a value this guest does not write first.
 */
static bool run_until(struct smekvm_fuzz_world *w, struct smekvm_fuzz_vm *v,
		      struct smekvm_fuzz_vcpu *c, enum smekvm_run_event want,
		      __u64 stage, __u64 *args)
{
	struct smekvm_run r = {
		.vcpu = c->vcpu, .who = "sme_fuzz", .has_exit_page = true,
		.exit_gpa = v->exit_gpa, .started = true,
	};
	__u64 mine = ~w->cur_op->val, now = mine;
	struct smekvm_tags t = {};
	enum smekvm_run_event ev;
	struct ucall uc = {};
	int err;

	if (w->host->sme)
		smekvm_host_set_tpidr2(mine);
	err = smekvm_run_eintr(c->vcpu, NULL);
	if (w->host->sme) {
		now = smekvm_host_tpidr2();
		smekvm_host_set_tpidr2(0);
	}
	w->calls++;
	v->mvm.ran = true;
	smekvm_tags_add(&t, SMEKVM_TAG_RT_PRESERVE);
	if (!SMEKVM_FUZZ_CHECK(w, &t, !err, "KVM_RUN: %s, exit reason %u",
			       smekvm_errno_name(err),
			       c->vcpu->run->exit_reason))
		return false;
	ev = smekvm_run_exit(&r, 0, &uc);
	t = (struct smekvm_tags){};
	smekvm_tags_add(&t, SMEKVM_TAG_HOST_TPIDR2_KEPT);
	smekvm_tags_add(&t, SMEKVM_TAG_HOST_NO_GUEST_STATE);
	if (!SMEKVM_FUZZ_CHECK(w, &t, now == mine,
			       "KVM_RUN: the caller's TPIDR2_EL0 came back 0x%llx, was 0x%llx",
			       now, mine))
		return false;
	t = (struct smekvm_tags){};
	smekvm_tags_add(&t, SMEKVM_TAG_RT_PRESERVE);
	if (ev == SMEKVM_EV_SYNC && want == SMEKVM_EV_SYNC &&
	    uc.args[0] == stage) {
		memcpy(args, &uc.args[1], 2 * sizeof(*args));
		return true;
	}
	return SMEKVM_FUZZ_CHECK(w, &t, ev == want && want != SMEKVM_EV_SYNC,
				 "KVM_RUN: the guest %s (event %d, stage %lu), expected %s",
				 ev == SMEKVM_EV_UNHANDLED ?
				 "took an exception" : "said something else",
				 ev, uc.args[0],
				 want == SMEKVM_EV_EXIT ? "the exit page" :
				 "its next stage");
}

/* The registers userspace reads right after the exit. */
static bool check_parked(struct smekvm_fuzz_world *w, struct smekvm_fuzz_vm *v,
			 struct smekvm_fuzz_vcpu *c)
{
	struct smekvm_tags t = {};
	bool ok;

	smekvm_tags_add(&t, SMEKVM_TAG_RT_ONEREG_LIVE);
	ok = smekvm_fuzz_check_get(w, v, c, KVM_REG_ARM64_SVE_ZREG(31, 0),
				   SMEKVM_BUF_GOOD, &t) &&
	     smekvm_fuzz_check_get(w, v, c, SMEKVM_FPSR, SMEKVM_BUF_GOOD, &t);
	if (ok && c->m->cfg.sme)
		ok = smekvm_fuzz_check_get(w, v, c, SMEKVM_SVCR,
					   SMEKVM_BUF_GOOD, &t) &&
		     smekvm_fuzz_check_get(w, v, c,
					   KVM_REG_ARM64_SME_ZAHREG(0, 0),
					   SMEKVM_BUF_GOOD, &t);
	return ok;
}

/* A SET of SMCR_EL1 to @smcr, checked, as a SET operation would be. */
static bool restore_smcr(struct smekvm_fuzz_world *w, struct smekvm_fuzz_vm *v,
			 struct smekvm_fuzz_vcpu *c, __u64 smcr)
{
	struct smekvm_fuzz_op set = {
		.kind = SMEKVM_FUZZ_SET, .vm = w->cur_op->vm,
		.vcpu = w->cur_op->vcpu, .buf = SMEKVM_BUF_GOOD,
		.arg = SMEKVM_SMCR_EL1, .val = smcr,
	};

	return smekvm_fuzz_exec_set(w, v, c, &set);
}

static bool run_guest(struct smekvm_fuzz_world *w, struct smekvm_fuzz_vm *v,
		      struct smekvm_fuzz_vcpu *c,
		      const struct smekvm_fuzz_op *op)
{
	__u64 svcr, smcr, args[2];

	if (c->where == SMEKVM_FUZZ_PARKED && c->m->cfg.sme &&
	    c->v.smcr != c->park_smcr && !restore_smcr(w, v, c, c->park_smcr))
		return false;
	svcr = write_cmd(v, c, op, &smcr);
	if (c->where == SMEKVM_FUZZ_FRESH) {
		if (!run_until(w, v, c, SMEKVM_EV_SYNC, STAGE_READY, args))
			return false;
		model_svcr(w, c, 0);
	} else {
		if (!run_until(w, v, c, SMEKVM_EV_SYNC, STAGE_STORED, args) ||
		    !check_stored(w, v, c, args))
			return false;
		model_svcr(w, c, 0);
	}
	c->where = SMEKVM_FUZZ_STEPPING;
	if (!run_until(w, v, c, SMEKVM_EV_EXIT, 0, args))
		return false;
	model_step(w, v, c, op, svcr, smcr);
	c->where = SMEKVM_FUZZ_PARKED;
	c->park_smcr = smcr;
	return check_parked(w, v, c);
}

bool smekvm_fuzz_exec_run(struct smekvm_fuzz_world *w,
			  struct smekvm_fuzz_vm *v, struct smekvm_fuzz_vcpu *c,
			  const struct smekvm_fuzz_op *op)
{
	struct smekvm_tags t = {};
	int err, exp = 0;

	if (!v->runnable || c->late || c->where == SMEKVM_FUZZ_STEPPING)
		return true;
	if (!c->v.inited) {
		exp = ENOEXEC;
	} else if (smekvm_fuzz_has_vec(c) && !c->m->finalized) {
		exp = EPERM;
		smekvm_tags_add(&t, SMEKVM_TAG_FINAL_RUN_EPERM);
	}
	if (!exp)
		return run_guest(w, v, c, op);
	err = smekvm_run_refused(c->vcpu);
	w->calls++;
	return smekvm_fuzz_check_err(w, &t, "KVM_RUN", err, exp);
}
