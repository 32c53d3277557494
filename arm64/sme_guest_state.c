// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_guest_state - a guest in streaming mode with ZA on exits to
 * userspace, userspace reads and rewrites that live state through ONE_REG,
 * and the guest continues with exactly what userspace wrote.
 *
 * This is the minimal run-time check of KVM's SME support
 * (abi-rt-onereg-live, abi-rt-preserve): the guest enables SME (with FA64
 * and EZT0 when the VM has them), asks for the largest SVL, fills
 * streaming Z0-Z31, P0-P15, FFR, every ZA row and ZT0 with patterns that
 * name vcpu, register, row, byte and generation, and exits while
 * PSTATE.SM and PSTATE.ZA are still 1 (guest_code/sme_exit_roundtrip.S:
 * an MMIO store from assembly, so no compiled code runs in streaming
 * mode).  The host then checks:
 *
 *  - SVCR reads SM=1,ZA=1, and every register holds the guest's pattern at
 *    the SVL, zero-padded (KVM saved the live state, all of it);
 *  - after it writes the next generation's patterns and resumes, the guest
 *    stores its registers and finds exactly those values, still in
 *    streaming mode with ZA on (KVM restored what userspace wrote).
 *
 * Which registers move (FFR with FA64, ZT0 with SME2) and their sizes are
 * the reference model's, on both sides (rt_geom(), lib/sme_model.h).
 *
 * The round trip repeats while the vcpu thread moves between host CPUs and
 * host threads use SME themselves on every CPU, so that the state is
 * saved and restored across preemption and host SME use too.  The vcpu
 * thread keeps ZA on with a pattern of its own and a TPIDR2_EL0 value
 * around every KVM_RUN: afterwards both must be intact and PSTATE.SM 0
 * (abi-host-za-kept, abi-host-tpidr2-kept, abi-host-sm-clear; KVM_RUN is
 * a syscall).
 *
 * Flavours: SVE+SME, SME only, SME2 hidden (no ZT0, EZT0 clear) and FA64
 * hidden (no streaming FFR), each skipped when the host lacks the feature.
 * Cases per flavour: <flavour>/rdsvl_max, <flavour>/exit_streaming_za,
 * <flavour>/host_task_state; host_sme_threads for the host threads.
 * Skips the whole program when KVM cannot offer SME, and the run-time
 * cases when KVM_RUN refuses SME vcpus (a kernel with only the ABI).
 * Round trips per flavour: 6, 200 in the full tier, or SMEKVM_ITERS.
 * SMEKVM_HOST_SME=0 keeps the host task and its threads out of SME (the
 * host-side cases then skip), to tell host SME use from guest faults.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/auxv.h>
#include <asm/hwcap.h>

#include <kvm_util.h>
#include <processor.h>
#include <test_util.h>
#include <ucall_common.h>

#include "case_filter.h"
#include "guest_code/guest_nofp.h"
#include "guest_code/sme_exit_roundtrip.h"
#include "host_sme.h"
#include "sme_cpu.h"
#include "sme_flavour.h"
#include "sme_model.h"
#include "sme_names.h"
#include "sme_pattern.h"
#include "sme_probe.h"
#include "sme_run.h"
#include "sme_settings.h"
#include "sme_state_img.h"
#include "sme_vcpu.h"

#define ITERS_DEFAULT	6
#define ITERS_FULL	200	/* --tier full */

enum { STAGE_SVL = 1, STAGE_ROUND };

static const enum smekvm_flavour flavours[] = {
	SMEKVM_FL_SVE_SME, SMEKVM_FL_SME_ONLY, SMEKVM_FL_SME2_HIDDEN,
	SMEKVM_FL_FA64_HIDDEN,
};

/* Guest memory (each VM loads its own copy of the program). */
static struct smekvm_gregs g_in, g_out;

static struct {
	__u64 *exit_addr;
	struct smekvm_model_cfg m;	/* the vcpu; sme_vq: RDSVL decides */
	__u64 flags;		/* SMEKVM_RT_* */
	__u64 smcr;		/* SMCR_EL1 the guest writes */
	__u32 vcpu;
	__u32 iters;
} g_params;

/* The guest's verdict on one round trip, read by the host. */
static struct {
	__u32 bad;		/* 0: all registers as the host wrote them */
	__u32 cls, reg;
	__s64 off;
	__u8 got, want;
	__u64 svcr;
} g_result;

/*
 * The registers the round trip moves: those of SVCR.SM=ZA=1, as the model
 * has them, at the SVL of @svl bytes.  Guest and host tag each with the
 * vcpu (the flavour's number), the generation, its class and its number
 * (smekvm_img_expected()).
 */
static struct smekvm_img_geom rt_geom(const struct smekvm_model_cfg *vcpu,
				      __u64 svl)
{
	struct smekvm_model_cfg m = *vcpu;

	m.sme_vq = svl / 16;
	return smekvm_img_geom(&m, SMEKVM_SVCR_SM | SMEKVM_SVCR_ZA);
}

static void guest_fill(struct smekvm_gregs *r,
		       const struct smekvm_img_geom *g, unsigned int gen)
{
	struct smekvm_img_owner o = { .vcpu = g_params.vcpu, .gen = gen };

	smekvm_img_fill(r, g, &o);
}

/* Record the first register of @r that is not generation @gen. */
static void guest_verify(struct smekvm_gregs *r,
			 const struct smekvm_img_geom *g, unsigned int gen)
{
	struct smekvm_img_owner o = { .vcpu = g_params.vcpu, .gen = gen };
	struct smekvm_img_diff d;

	g_result.bad = 0;
	g_result.svcr = r->svcr;
	if (smekvm_img_check(r, g, &o, &d))
		return;
	g_result = (typeof(g_result)){
		.bad = 1, .cls = d.cls, .reg = d.reg, .off = d.off,
		.got = d.got, .want = d.want, .svcr = r->svcr,
	};
}

static SMEKVM_GUEST_NOFP void guest_main(void)
{
	struct smekvm_img_geom g;
	__u64 svl;
	__u32 i;

	write_sysreg(read_sysreg(cpacr_el1) | CPACR_EL1_FPEN |
		     CPACR_EL1_ZEN | CPACR_EL1_SMEN, cpacr_el1);
	isb();
	write_sysreg_s(g_params.smcr, SYS_SMCR_EL1);
	isb();

	svl = smekvm_guest_rdsvl();
	GUEST_SYNC2(STAGE_SVL, svl);
	g = rt_geom(&g_params.m, svl);

	for (i = 0; i < g_params.iters; i++) {
		guest_fill(&g_in, &g, 2 * i);
		smekvm_exit_roundtrip(&g_in, &g_out, g_params.exit_addr,
				      g_params.flags, svl);
		guest_verify(&g_out, &g, 2 * i + 1);
		GUEST_SYNC2(STAGE_ROUND, i);
	}
	GUEST_DONE();
}

/* Host threads that use SME (ZA and TPIDR2_EL0) while the vcpus run. */
struct sme_thread {
	pthread_t thread;
	unsigned int id;
	unsigned long rounds, errors;
};

static bool threads_stop;

static void *sme_thread_main(void *arg)
{
	struct sme_thread *t = arg;
	__u8 want[SMEKVM_GREGS_ZSLOT], got[SMEKVM_GREGS_ZSLOT];
	__u64 svl = smekvm_host_rdsvl();
	__u64 tp;

	while (!READ_ONCE(threads_stop)) {
		tp = 0x5e0000000000ULL | t->id << 16 | (t->rounds & 0xffff);
		smekvm_pattern_fill(want, svl,
				    smekvm_tag(15, t->rounds, SMEKVM_CLS_ZA,
					       t->id));
		smekvm_host_za_start();
		smekvm_host_za_row_load(want, 1);
		smekvm_host_set_tpidr2(tp);
		sched_yield();
		smekvm_host_za_row_store(got, 1);
		if (memcmp(got, want, svl) || smekvm_host_tpidr2() != tp)
			t->errors++;
		smekvm_host_za_stop();
		t->rounds++;
	}
	return NULL;
}

/* One flavour's run: its VM, its vcpu, the host's view. */
struct run {
	const struct smekvm_flavour_info *f;
	unsigned int id;	/* of the flavour in flavours[] */
	struct kvm_vm *vm;
	struct kvm_vcpu *vcpu;
	gpa_t exit_gpa;
	struct smekvm_model_cfg m;	/* the vcpu */
	struct smekvm_img_geom geom;	/* its registers, at its SVL */
	__u64 flags;			/* SMEKVM_RT_* of geom */
	unsigned int gen;
	bool state_bad;		/* a round trip failed */
	bool host_bad;		/* the host task's state changed */
};

/* Host: check generation @gen in the live registers, write @gen + 1. */
static bool host_check_and_rewrite(struct run *r, unsigned int gen)
{
	struct smekvm_img_owner o = { .vcpu = r->id, .gen = gen };
	struct smekvm_img_owner next = { .vcpu = r->id, .gen = gen + 1 };
	struct smekvm_img_class l[SMEKVM_IMG_MAX_CLASSES];
	struct smekvm_gregs *in = addr_gva2hva(r->vm, (gva_t)&g_in);
	__u8 buf[SMEKVM_REG_MAX_BYTES], want[SMEKVM_REG_MAX_BYTES];
	unsigned int i, n, reg;
	bool ok = true;
	__u64 svcr, id;
	long off;
	int err;

	svcr = smekvm_get_svcr(r->vcpu);
	if (svcr != (SVCR_SM | SVCR_ZA)) {
		ksft_print_msg("%s: SVCR 0x%llx at the exit, expected SM=1,ZA=1\n",
			       r->f->name, svcr);
		return false;
	}

	n = smekvm_img_classes(&r->geom, l);
	for (i = 0; i < n; i++) {
		for (reg = 0; reg < l[i].count; reg++) {
			id = smekvm_img_reg_id(l[i].cls, reg);
			memset(want, 0, sizeof(want));
			smekvm_img_expected(want, l[i].bytes, &o, l[i].cls, reg);
			err = __smekvm_get_reg(r->vcpu, id, buf);
			off = err ? 0 : smekvm_first_diff(buf, want,
							  KVM_REG_SIZE(id));
			if (err) {
				ksft_print_msg("%s: generation %u: reading %s%u: %s\n",
					       r->f->name, gen, smekvm_pattern_cls_name(l[i].cls),
					       reg, strerror(err));
				ok = false;
			} else if (off >= 0 && ok) {
				ksft_print_msg("%s: generation %u: %s%u byte %ld is 0x%02x, expected 0x%02x%s\n",
					       r->f->name, gen, smekvm_pattern_cls_name(l[i].cls),
					       reg, off, buf[off], want[off],
					       (size_t)off >= l[i].bytes ?
					       " (padding)" : "");
				if ((size_t)off < l[i].bytes)
					ksft_print_msg("%s: the guest loaded it from 0x%02x\n",
						       r->f->name,
						       smekvm_img_slot(in, l[i].cls,
								       reg)[off]);
				ok = false;
			}

			memset(want, 0, sizeof(want));
			smekvm_img_expected(want, l[i].bytes, &next, l[i].cls,
					    reg);
			err = __smekvm_set_reg(r->vcpu, id, want);
			if (err) {
				ksft_print_msg("%s: writing %s%u: %s\n", r->f->name,
					       smekvm_pattern_cls_name(l[i].cls), reg,
					       strerror(err));
				ok = false;
			}
		}
	}
	return ok;
}

/* The vcpu thread's own ZA row 0 and TPIDR2_EL0 around KVM_RUN. */
static __u8 host_row[SMEKVM_GREGS_ZSLOT];
static __u64 host_svl;
#define HOST_TPIDR2	0x7e57000000001234ULL

static void host_task_state_set(void)
{
	smekvm_pattern_fill(host_row, host_svl,
			    smekvm_tag(14, 0, SMEKVM_CLS_ZA, 0));
	smekvm_host_za_start();
	smekvm_host_za_row_load(host_row, 0);
	smekvm_host_set_tpidr2(HOST_TPIDR2);
}

static bool host_task_state_check(struct run *r)
{
	__u8 got[SMEKVM_GREGS_ZSLOT];
	__u64 svcr = smekvm_host_svcr();
	__u64 tp = smekvm_host_tpidr2();

	if (svcr != SVCR_ZA) {
		ksft_print_msg("%s: host SVCR 0x%llx after KVM_RUN, expected ZA=1,SM=0\n",
			       r->f->name, svcr);
		return false;
	}
	smekvm_host_za_row_store(got, 0);
	if (memcmp(got, host_row, host_svl)) {
		ksft_print_msg("%s: host ZA row 0 changed by KVM_RUN (byte %ld)\n",
			       r->f->name,
			       smekvm_first_diff(got, host_row, host_svl));
		return false;
	}
	if (tp != HOST_TPIDR2) {
		ksft_print_msg("%s: host TPIDR2_EL0 0x%llx after KVM_RUN, expected 0x%llx\n",
			       r->f->name, tp, HOST_TPIDR2);
		return false;
	}
	return true;
}

static bool host_sme;	/* the host task can use SME itself */

/* KVM_RUN; 0, or the errno of the first call (which may refuse SME). */
static int run_vcpu(struct run *r)
{
	int err = smekvm_run_eintr(r->vcpu, NULL);

	if (err)
		return err;
	if (host_sme && !r->host_bad && !host_task_state_check(r))
		r->host_bad = true;
	return 0;
}

static void run_setup(struct run *r, unsigned int iters)
{
	bool sme2, fa64;
	struct smekvm_vls vls;
	gva_t gva;

	r->vm = vm_create(1);
	r->vcpu = smekvm_vcpu_add(r->vm, 0, &r->f->cfg, guest_main);
	vm_init_descriptor_tables(r->vm);
	vcpu_init_descriptor_tables(r->vcpu);
	smekvm_vcpu_finalize(r->vcpu);
	kvm_arch_vm_finalize_vcpus(r->vm);

	smekvm_get_vls(r->vcpu, KVM_REG_ARM64_SME_VLS, &vls);
	sme2 = smekvm_vcpu_pfr1_sme(r->vcpu) >= 2;
	fa64 = smekvm_vcpu_has_fa64(r->vcpu);
	/* Only the streaming view is moved: no SVE VL is needed. */
	r->m = (struct smekvm_model_cfg){
		.sve = r->f->cfg.sve, .sme = true, .sme2 = sme2, .fa64 = fa64,
	};
	r->geom = rt_geom(&r->m, SMEKVM_ZA_ROW_BYTES(smekvm_vls_max(&vls)));
	r->flags = (r->geom.flags & SMEKVM_SL_FFR ? SMEKVM_RT_FFR : 0) |
		   (r->geom.flags & SMEKVM_SL_ZT0 ? SMEKVM_RT_ZT0 : 0);

	/* A page no memslot backs, away from the ucall page. */
	r->exit_gpa = (r->vm->max_gfn - 1) << r->vm->page_shift;
	gva = vm_unused_gva_gap(r->vm, r->vm->page_size, KVM_UTIL_MIN_VADDR);
	virt_map(r->vm, gva, r->exit_gpa, 1);

	g_params.exit_addr = (__u64 *)gva;
	g_params.m = r->m;
	g_params.flags = r->flags;
	g_params.smcr = SMCR_ELx_LEN | (fa64 ? SMCR_ELx_FA64 : 0) |
			(sme2 ? SMCR_ELx_EZT0 : 0);
	g_params.vcpu = r->id;
	g_params.iters = iters;
	sync_global_to_guest(r->vm, g_params);

	ksft_print_msg("%s: SVL %llu bits, FFR %s, ZT0 %s, %u round trips\n",
		       r->f->name, r->geom.svl * 8, fa64 ? "yes" : "no",
		       sme2 ? "yes" : "no", iters);
}

static bool host_has(const struct smekvm_flavour_info *f, const char **why)
{
	*why = smekvm_cfg_host_lacks(&f->cfg);
	return !*why;
}

enum { C_RDSVL, C_EXIT, C_HOST, NR_CASES };
static const char * const case_names[NR_CASES] = {
	"rdsvl_max", "exit_streaming_za", "host_task_state",
};

static void report(const struct smekvm_flavour_info *f, int c, int result,
		   const char *why)
{
	if (result == KSFT_SKIP)
		ksft_test_result_skip("%s/%s: %s\n", f->name, case_names[c],
				      why);
	else
		ksft_test_result(result == KSFT_PASS, "%s/%s\n", f->name,
				 case_names[c]);
}

static bool selected(const struct smekvm_flavour_info *f, int c)
{
	char name[64];

	snprintf(name, sizeof(name), "%s/%s", f->name, case_names[c]);
	return smekvm_case_selected(name);
}

/* Why later flavours cannot run: KVM_RUN refused the first one. */
static const char *run_refused;

static void test_flavour(unsigned int id, unsigned int iters)
{
	const struct smekvm_flavour_info *f = smekvm_flavour(flavours[id]);
	struct smekvm_run run = { .who = f->name };
	struct run r = { .f = f, .id = id };
	const char *why;
	bool svl_ok = false, done = false;
	struct ucall uc;
	int c, err;

	if (host_has(f, &why) && run_refused)
		why = run_refused;
	if (why) {
		for (c = 0; c < NR_CASES; c++)
			if (selected(f, c))
				report(f, c, KSFT_SKIP, why);
		return;
	}

	run_setup(&r, iters);
	run.vcpu = r.vcpu;
	run.has_exit_page = true;
	run.exit_gpa = r.exit_gpa;
	if (host_sme)
		host_task_state_set();

	while (!done) {
		err = run_vcpu(&r);
		if (err && !run.started) {
			run_refused = err == EINVAL ? SMEKVM_RUN_REFUSED :
				"KVM_RUN of a vcpu with SME failed";
			ksft_print_msg("%s: KVM_RUN: %s\n", f->name,
				       strerror(err));
			if (host_sme)
				smekvm_host_za_stop();
			kvm_vm_free(r.vm);
			test_flavour(id, iters);
			return;
		}

		switch (smekvm_run_exit(&run, err, &uc)) {
		case SMEKVM_EV_REFUSED:	/* not: may_refuse is unset */
			break;
		case SMEKVM_EV_EXIT:
			if (!host_check_and_rewrite(&r, r.gen))
				r.state_bad = true;
			break;
		case SMEKVM_EV_SYNC:
			if (uc.args[0] == STAGE_SVL) {
				svl_ok = uc.args[1] == r.geom.svl;
				if (!svl_ok)
					ksft_print_msg("%s: RDSVL %lu bytes, expected %llu\n",
						       f->name, uc.args[1], r.geom.svl);
				break;
			}
			sync_global_from_guest(r.vm, g_result);
			if (g_result.bad || g_result.svcr != (SVCR_SM | SVCR_ZA)) {
				r.state_bad = true;
				if (g_result.bad)
					ksft_print_msg("%s: round trip %lu: guest found %s%u byte %lld 0x%02x, expected 0x%02x\n",
						       f->name, uc.args[1],
						       smekvm_pattern_cls_name(g_result.cls),
						       g_result.reg, g_result.off,
						       g_result.got, g_result.want);
				else
					ksft_print_msg("%s: round trip %lu: guest SVCR 0x%llx after the exit\n",
						       f->name, uc.args[1],
						       g_result.svcr);
			}
			r.gen += 2;
			smekvm_move_to_cpu(uc.args[1]);
			break;
		case SMEKVM_EV_DONE:
			done = true;
			break;
		case SMEKVM_EV_UNHANDLED:	/* printed */
			r.state_bad = true;
			done = true;
			break;
		}
	}

	if (host_sme)
		smekvm_host_za_stop();
	kvm_vm_free(r.vm);

	if (selected(f, C_RDSVL))
		report(f, C_RDSVL, svl_ok ? KSFT_PASS : KSFT_FAIL, NULL);
	if (selected(f, C_EXIT))
		report(f, C_EXIT, r.state_bad || r.gen != 2 * iters ?
		       KSFT_FAIL : KSFT_PASS, NULL);
	if (selected(f, C_HOST))
		report(f, C_HOST, !host_sme ? KSFT_SKIP :
		       r.host_bad ? KSFT_FAIL : KSFT_PASS,
		       "host task cannot use SME (no HWCAP2_SME)");
}

int main(void)
{
	struct sme_thread *threads = NULL;
	unsigned int i, c, iters, plan = 0;
	long nthreads = 0;
	bool want_threads;
	const char *s;

	for (i = 0; i < ARRAY_SIZE(flavours); i++)
		for (c = 0; c < NR_CASES; c++)
			plan += selected(smekvm_flavour(flavours[i]), c);
	want_threads = smekvm_case_selected("host_sme_threads");
	plan += want_threads;
	if (!plan)
		ksft_exit_skip("SMEKVM_CASE=%s: no such case\n",
			       smekvm_case_filter());

	smekvm_skip_unless_kvm_sme();
	iters = smekvm_iters(ITERS_DEFAULT, ITERS_FULL, 1);
	host_sme = getauxval(AT_HWCAP2) & HWCAP2_SME;
	s = smekvm_setting("SMEKVM_HOST_SME");
	if (s && !strcmp(s, "0"))
		host_sme = false;	/* diagnostics: the host task keeps out of SME */
	if (host_sme)
		host_svl = smekvm_host_rdsvl();

	ksft_print_header();
	ksft_set_plan(plan);
	ksft_print_msg("host task SME: %s\n", host_sme ? "yes" : "no");

	if (host_sme && want_threads) {
		nthreads = sysconf(_SC_NPROCESSORS_ONLN);
		threads = calloc(nthreads, sizeof(*threads));
		TEST_ASSERT(threads, "calloc");
		for (i = 0; i < nthreads; i++) {
			threads[i].id = i;
			pthread_create(&threads[i].thread, NULL,
				       sme_thread_main, &threads[i]);
		}
	}

	for (i = 0; i < ARRAY_SIZE(flavours); i++)
		test_flavour(i, iters);

	if (want_threads && !threads) {
		ksft_test_result_skip("host_sme_threads: host task cannot use SME\n");
	} else if (want_threads) {
		unsigned long rounds = 0, errors = 0;

		WRITE_ONCE(threads_stop, true);
		for (i = 0; i < nthreads; i++) {
			pthread_join(threads[i].thread, NULL);
			rounds += threads[i].rounds;
			errors += threads[i].errors;
		}
		ksft_print_msg("host SME threads: %ld threads, %lu rounds, %lu corrupted\n",
			       nthreads, rounds, errors);
		ksft_test_result(!errors && rounds, "host_sme_threads\n");
	}

	ksft_finished();
}
