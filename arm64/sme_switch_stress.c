// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_switch_stress - many vcpus, each keeping its own FP/SVE/SME state
 * across exits, preemption, migration between CPUs, signals and host SME
 * use, and finding exactly its own state every time.
 *
 * A hypervisor switching matrix state lazily must save and restore it for
 * whichever vcpu owns the CPU, on every path out of the guest: exits to
 * userspace, interruptions by signals (KVM_RUN returns EINTR), preemption
 * by other vcpu threads and by host threads using SME themselves, and
 * migration of the vcpu thread to another CPU (abi-rt-preserve).  Several
 * VMs with several vcpus each run at once, more vcpus than host CPUs.
 * Each vcpu's guest, round after round, fills every register
 * live in one SVCR state with patterns naming its VM, vcpu, register, row,
 * byte and round (lib/sme_state_img.h), spins and exits to userspace
 * several times with that state live (guest_code/sme_state_loop.S), then
 * stores it all and compares; each round uses the next SVCR state of SM+ZA,
 * SM, ZA, neither (with ZA: ZA rows and ZT0; Z/P/FFR streaming or not, V
 * without SVE), and TPIDR2_EL0 and FPSR carry the round too.  At the exits
 * the host reads SVCR, TPIDR2_EL0 and one register of each live class
 * through ONE_REG and compares them as well.  Meanwhile a disturber
 * thread moves random vcpu threads to random CPUs and sends them a signal
 * with a no-op handler, vcpu threads move themselves after rounds, and
 * host threads use ZA and TPIDR2_EL0 on every CPU (lib/host_sme_load.h).
 *
 * Flavours, each run named after that of most of its VMs (VMs 1, 4, 7...
 * have another): sve_sme (the others sve_only), sme_only (the others
 * no_vec) and sve_only (the others no_vec), the baseline that runs
 * without SME guest support; where KVM has no SVE its VMs are all no_vec
 * and it is named no_vec.  Cases:
 * <flavour>/guest_state (every round of every vcpu found its own state;
 * every vcpu completed rounds), <flavour>/exit_state
 * (the host's ONE_REG reads at exits), host_sme_threads.  A corruption is
 * reported with VM, vcpu, SVCR state, register and byte.  Afterwards
 * the totals covered are printed: rounds, exits, EINTRs, migrations,
 * context switches of the vcpu threads (/proc voluntary and involuntary)
 * and, with KVM's FP statistics, the loads and saves of each class.
 *
 * Run length: SMEKVM_TIER=ci (default) runs each flavour for 6 seconds
 * (3 when creating the VMs took a second or more each), and every vcpu
 * for at least MIN_ROUNDS rounds however slow the machine,
 * with 2 VMs of 3 vcpus (VM creation takes seconds under
 * protected KVM on TCG); SMEKVM_TIER=full for 60 seconds with 4 VMs of
 * 4 vcpus; SMEKVM_SOAK_SECONDS=<n> runs each flavour for n seconds
 * (soak).  SMEKVM_STRESS_VMS and SMEKVM_STRESS_VCPUS (1..15) override the
 * shape, SMEKVM_SEED the seed (printed).  Skips SME flavours when KVM
 * cannot offer SME or KVM_RUN refuses SME vcpus (EINVAL: a kernel without
 * SME guest support).
 */
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

#include <kvm_util.h>
#include <processor.h>
#include <test_util.h>
#include <ucall_common.h>

#include "sme_check.h"
#include "sme_gframe.h"
#include "sme_names.h"
#include "sme_settings.h"
#include "sme_state_img.h"
#include "sme_stats.h"

#define MAX_VMS		15
#define MAX_VCPUS	15
#define NR_MODES	4
#define EXITS_PER_ROUND	3
#define SPIN		2000
#define MAX_REPORTS	10
#define CI_SECONDS_SLOW	3	/* CI run when VMs take >= 1 s each to create */
/*
 * Every vcpu runs at least this many rounds, past the deadline if it must:
 * the run length is a time, but what the test checks must not depend on
 * how fast the machine is.
 */
#define MIN_ROUNDS	2

/* SVCR states the rounds cycle through. */
static const struct { bool sm, za; const char *name; } modes[NR_MODES] = {
	{ true,  true,  "SM+ZA" },
	{ true,  false, "SM" },
	{ false, true,  "ZA" },
	{ false, false, "none" },
};

enum { C_GUEST, C_EXIT, NR_CASES };
static const char * const case_names[NR_CASES] = {
	"guest_state", "exit_state",
};

static const struct smekvm_gf_group group = {
	.inner = case_names, .nr_inner = NR_CASES,
};

/*
 * A run mixes two flavours (lib/sme_flavour.h): its own in most VMs and
 * the kind's mix in VMs 1, 4, 7, ...; it is named after its own.  The run
 * without SME is the baseline that runs everywhere: sve_only VMs where
 * KVM has SVE, else no_vec ones, and then it is named no_vec (main()).
 */
#define KIND(fl, mx)							\
	{ .f = SMEKVM_FL_##fl, .mix = SMEKVM_FL_##mx, .groups = &group,	\
	  .nr_groups = 1 }

enum { BASELINE = 2 };

static struct smekvm_gf_kind kinds[] = {
	KIND(SVE_SME, SVE_ONLY), KIND(SME_ONLY, NO_VEC),
	[BASELINE] = KIND(SVE_ONLY, NO_VEC),
};

/* What the guest of one vcpu needs, in guest memory. */
struct gparams {
	struct smekvm_state_params h;
	struct smekvm_img_geom geom[NR_MODES];
	__u32 vm, vcpu, first_mode;
	__u32 stop;			/* set by the host */
};

#define GUEST_TPIDR2(vm, vcpu, gen) \
	(0x7d00000000000000ULL | (__u64)(vm) << 40 | (__u64)(vcpu) << 32 | (gen))
#define GUEST_FPSR(gen)	((gen) & 1 ? 0x0800001fULL : 0x00000091ULL)

/* sync args: round, status bits, class << 16 | reg, byte, got << 8 | want */
#define ST_REGS		0x1
#define ST_TPIDR2	0x2
#define ST_SVCR		0x4
#define ST_FPSR		0x8

static void guest_stress(struct gparams *p)
{
	struct smekvm_gregs *in = (void *)p->h.in, *out = (void *)p->h.out;
	struct smekvm_img_owner o = { .vm = p->vm, .vcpu = p->vcpu };
	bool sme = p->h.smcr;
	const struct smekvm_img_geom *g;
	struct smekvm_img_diff d;
	unsigned int m, gen;
	__u64 st, want_svcr;

	smekvm_gf_guest_start(p->h.smcr, p->h.sve);

	for (gen = 0; !READ_ONCE(p->stop); gen++) {
		m = (p->first_mode + gen) % NR_MODES;
		g = &p->geom[m];
		o.gen = gen & 0xff;
		smekvm_img_fill(in, g, &o);
		if (sme)
			write_sysreg_s(GUEST_TPIDR2(p->vm, p->vcpu, gen),
				       SYS_TPIDR2_EL0);
		write_sysreg(GUEST_FPSR(gen), fpsr);

		smekvm_state_loop(in, out, (void *)p->h.exit_addr, g->flags,
				  g->svl, EXITS_PER_ROUND, SPIN);

		st = 0;
		d = (struct smekvm_img_diff){ 0 };
		if (!smekvm_img_check(out, g, &o, &d))
			st |= ST_REGS;
		if (sme && read_sysreg_s(SYS_TPIDR2_EL0) !=
		    GUEST_TPIDR2(p->vm, p->vcpu, gen))
			st |= ST_TPIDR2;
		want_svcr = (g->flags & SMEKVM_SL_SM ? SVCR_SM : 0) |
			    (g->flags & SMEKVM_SL_ZA ? SVCR_ZA : 0);
		if (sme && out->svcr != want_svcr)
			st |= ST_SVCR;
		/* FPSR survives unless SMSTOP left streaming mode. */
		if (!(g->flags & SMEKVM_SL_SM) &&
		    read_sysreg(fpsr) != GUEST_FPSR(gen))
			st |= ST_FPSR;
		GUEST_SYNC5(gen, st, d.cls << 16 | d.reg, d.off,
			    d.got << 8 | d.want);
	}
	GUEST_DONE();
}

/* Host side. */
struct vcpu_run {
	struct smekvm_state_vcpu s;
	struct gparams *p;		/* host view of the guest's params */
	struct vm_run *vm;
	pthread_t thread;
	pid_t tid;
	unsigned int id, seed;
	bool refused, done, bad_guest, bad_exit;
	unsigned long rounds, exits, eintr, moves;
	unsigned long vcsw, nvcsw;
	struct smekvm_fp_stats stats;
	bool have_stats;
};

struct vm_run {
	struct kvm_vm *vm;
	unsigned int id;
	gpa_t exit_gpa;
	struct vcpu_run v[MAX_VCPUS];
};

static struct {
	struct smekvm_gf_vm *cur;	/* the run's flavours and cases */
	unsigned int nvms, nvcpus, seconds, seed;
	bool ci;			/* CI tier, default length */
	struct vm_run vms[MAX_VMS];
	double deadline;
	bool abort;			/* a vcpu was refused: stop all */
	bool stop_disturb, disturber_done;
	unsigned long signals, moves;
	pthread_mutex_t lock;
	unsigned int reports;
} st = { .lock = PTHREAD_MUTEX_INITIALIZER };

static long ncpus;

static void move_thread(pid_t tid, unsigned int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu % ncpus, &set);
	sched_setaffinity(tid, sizeof(set), &set);
}

static bool may_report(void)
{
	bool ok;

	pthread_mutex_lock(&st.lock);
	ok = st.reports++ < MAX_REPORTS;
	pthread_mutex_unlock(&st.lock);
	return ok;
}

/* A corruption message: flavour, VM, vcpu, round and SVCR state first. */
static void __printf(3, 4) vcpu_msg(struct vcpu_run *v, unsigned int gen,
				    const char *fmt, ...)
{
	unsigned int m = (v->p->first_mode + gen) % NR_MODES;
	char buf[256];
	va_list ap;

	if (!may_report())
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	ksft_print_msg("%s: VM %u vcpu %u round %u (%s): %s\n", st.cur->name,
		       v->vm->id, v->id, gen, modes[m].name, buf);
}

/*
 * At an exit inside round @gen: SVCR, TPIDR2_EL0 and one register of each
 * live class (a different one each exit) through ONE_REG.
 */
static bool check_at_exit(struct vcpu_run *v, unsigned int gen)
{
	unsigned int m = (v->p->first_mode + gen) % NR_MODES, i, n, reg;
	const struct smekvm_img_geom *g = &v->p->geom[m];
	struct smekvm_img_owner o = { .vm = v->vm->id, .vcpu = v->id,
				      .gen = gen & 0xff };
	struct smekvm_img_class c[SMEKVM_IMG_MAX_CLASSES];
	__u8 want[SMEKVM_REG_MAX_BYTES];
	__u64 svcr, tp, want_svcr, id;
	char msg[128];

	if (v->s.cfg.sme) {
		want_svcr = smekvm_model_svcr(&v->s.cfg, modes[m].sm,
					      modes[m].za);
		svcr = smekvm_get_svcr(v->s.vcpu);
		tp = vcpu_get_reg(v->s.vcpu, SMEKVM_TPIDR2_EL0);
		if (svcr != want_svcr ||
		    tp != GUEST_TPIDR2(v->vm->id, v->id, gen)) {
			vcpu_msg(v, gen, "exit: SVCR 0x%llx TPIDR2 0x%llx, expected 0x%llx 0x%llx",
				 svcr, tp, want_svcr,
				 GUEST_TPIDR2(v->vm->id, v->id, gen));
			return false;
		}
	}

	n = smekvm_img_classes(g, c);
	for (i = 0; i < n; i++) {
		reg = (v->exits + v->id) % c[i].count;
		id = smekvm_img_reg_id(c[i].cls, reg);
		memset(want, 0, sizeof(want));
		smekvm_img_expected(want, c[i].bytes, &o, c[i].cls, reg);
		if (smekvm_reg_matches(v->s.vcpu, id, want, c[i].bytes, msg,
				       sizeof(msg)))
			continue;
		vcpu_msg(v, gen, "exit: ONE_REG %s", msg);
		return false;
	}
	return true;
}

static void report_round(struct vcpu_run *v, struct ucall *uc)
{
	unsigned int gen = uc->args[0];
	unsigned int cls = uc->args[2] >> 16;
	char num[24] = "";
	__u64 s = uc->args[1];

	if (!s)
		return;
	v->bad_guest = true;
	if (cls != SMEKVM_CLS_FFR && cls != SMEKVM_CLS_ZT0)
		snprintf(num, sizeof(num), "%lu", uc->args[2] & 0xffff);
	if (s & ST_REGS)
		vcpu_msg(v, gen, "guest found %s%s byte %lu 0x%02lx, expected 0x%02lx",
			 smekvm_pattern_cls_name(cls), num, uc->args[3],
			 uc->args[4] >> 8, uc->args[4] & 0xff);
	if (s & (ST_TPIDR2 | ST_SVCR | ST_FPSR))
		vcpu_msg(v, gen, "guest found%s%s%s changed",
			 s & ST_TPIDR2 ? " TPIDR2_EL0" : "",
			 s & ST_SVCR ? " SVCR" : "",
			 s & ST_FPSR ? " FPSR" : "");
}

static void read_ctxt_switches(struct vcpu_run *v)
{
	char line[128];
	FILE *f = fopen("/proc/thread-self/status", "r");

	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "voluntary_ctxt_switches: %lu", &v->vcsw) != 1)
			sscanf(line, "nonvoluntary_ctxt_switches: %lu",
			       &v->nvcsw);
	}
	fclose(f);
}

static void *vcpu_thread(void *arg)
{
	struct vcpu_run *v = arg;
	struct smekvm_run run = {
		.vcpu = v->s.vcpu, .may_refuse = v->s.cfg.sme,
		.has_exit_page = true, .exit_gpa = v->vm->exit_gpa,
		.eintr = &v->eintr,
	};
	unsigned int gen = 0;
	struct ucall uc;
	char who[64];

	snprintf(who, sizeof(who), "%s: VM %u vcpu %u", st.cur->name,
		 v->vm->id, v->id);
	run.who = who;
	v->tid = syscall(SYS_gettid);
	for (;;) {
		switch (smekvm_run_next(&run, &uc)) {
		case SMEKVM_EV_REFUSED:
			v->refused = true;
			WRITE_ONCE(st.abort, true);
			goto out;
		case SMEKVM_EV_EXIT:
			if (!check_at_exit(v, gen))
				v->bad_exit = true;
			v->exits++;
			break;
		case SMEKVM_EV_SYNC:
			report_round(v, &uc);
			v->rounds++;
			gen = uc.args[0] + 1;
			if ((smekvm_gf_now() >= st.deadline &&
			     v->rounds >= MIN_ROUNDS) ||
			    READ_ONCE(st.abort))
				WRITE_ONCE(v->p->stop, 1);
			move_thread(0, rand_r(&v->seed));
			v->moves++;
			break;
		case SMEKVM_EV_DONE:
			goto out;
		case SMEKVM_EV_UNHANDLED:
			TEST_FAIL("%s: guest exception", who);
		}
	}
out:
	read_ctxt_switches(v);
	v->have_stats = smekvm_read_fp_stats(v->s.vcpu, &v->stats);
	WRITE_ONCE(v->done, true);
	/* Stay signallable until the disturber has stopped. */
	while (!READ_ONCE(st.disturber_done))
		usleep(1000);
	return NULL;
}

static void noop_handler(int sig)
{
}

/* Moves random vcpu threads to random CPUs and signals them. */
static void *disturber(void *arg)
{
	unsigned int seed = st.seed ^ 0x5eed;
	struct vcpu_run *v;
	unsigned int k;

	while (!READ_ONCE(st.stop_disturb)) {
		k = rand_r(&seed) % (st.nvms * st.nvcpus);
		v = &st.vms[k / st.nvcpus].v[k % st.nvcpus];
		if (READ_ONCE(v->tid)) {
			if (rand_r(&seed) & 1) {
				move_thread(v->tid, rand_r(&seed));
				st.moves++;
			}
			pthread_kill(v->thread, SIGUSR1);
			st.signals++;
		}
		usleep(200 + rand_r(&seed) % 2000);
	}
	return NULL;
}

static void setup_vm(struct vm_run *r, unsigned int id)
{
	const struct smekvm_vcpu_cfg *cfg = id % 3 == 1 ? &st.cur->mix :
							  &st.cur->cfg;
	struct vcpu_run *v;
	unsigned int i, m;
	gva_t exit_gva;

	r->id = id;
	r->vm = smekvm_state_vm_create(st.nvcpus);
	for (i = 0; i < st.nvcpus; i++)
		r->v[i].s.vcpu = smekvm_state_vcpu_add(r->vm, i, cfg,
						       guest_stress);
	exit_gva = smekvm_state_vm_finalize(r->vm, cfg, &r->exit_gpa);

	for (i = 0; i < st.nvcpus; i++) {
		v = &r->v[i];
		v->vm = r;
		v->id = i;
		v->seed = st.seed + id * 131 + i;
		v->p = smekvm_state_vcpu_params(&v->s, v->s.vcpu, cfg,
						sizeof(*v->p), exit_gva, NULL);
		for (m = 0; m < NR_MODES; m++)
			v->p->geom[m] = smekvm_state_geom(&v->s, modes[m].sm,
							  modes[m].za);
		v->p->vm = id;
		v->p->vcpu = i;
		v->p->first_mode = (id * st.nvcpus + i) % NR_MODES;
	}
}

/* The VMs of @vm's kind, all at once; NULL, or why KVM_RUN refused. */
static const char *run_vm(struct smekvm_gf_vm *vm)
{
	unsigned long rounds = 0, exits = 0, eintr = 0, moves = 0;
	unsigned long vcsw = 0, nvcsw = 0, idle = 0;
	unsigned long bad_guest = 0, bad_exit = 0;	/* vcpus */
	unsigned int seconds;
	long created;
	struct smekvm_fp_stats sum = { 0 };
	struct smekvm_gf_case *guest, *at_exit;
	bool refused = false, have_stats = true;
	double t0;
	pthread_t dist;
	struct vcpu_run *v;
	unsigned int i, j, k;

	st.cur = vm;
	st.signals = 0;
	st.moves = 0;
	st.reports = 0;
	t0 = smekvm_gf_now();
	for (i = 0; i < st.nvms; i++) {
		memset(&st.vms[i], 0, sizeof(st.vms[i]));
		setup_vm(&st.vms[i], i);
		/* VM 0 has SME if any has: stop early if KVM refuses it. */
		if (i || !vm->cfg.sme ||
		    !smekvm_run_refused(st.vms[0].v[0].s.vcpu))
			continue;
		kvm_vm_free(st.vms[0].vm);
		return SMEKVM_RUN_REFUSED;
	}
	st.deadline = smekvm_gf_now();
	created = (long)st.deadline - (long)t0;	/* whole seconds */
	/* CI tier: VMs slow to create (protected KVM on TCG), a shorter run. */
	seconds = st.ci && created >= st.nvms ? CI_SECONDS_SLOW : st.seconds;
	ksft_print_msg("%s: %u VMs x %u vcpus created in %ld s; running %u s\n",
		       vm->name, st.nvms, st.nvcpus, created, seconds);
	st.deadline += seconds;

	WRITE_ONCE(st.abort, false);
	WRITE_ONCE(st.stop_disturb, false);
	WRITE_ONCE(st.disturber_done, false);
	for (i = 0; i < st.nvms; i++)
		for (j = 0; j < st.nvcpus; j++)
			pthread_create(&st.vms[i].v[j].thread, NULL,
				       vcpu_thread, &st.vms[i].v[j]);
	pthread_create(&dist, NULL, disturber, NULL);

	/* Wait until every vcpu is done, then stop the disturber. */
	for (k = 0; k < st.nvms * st.nvcpus; k++) {
		v = &st.vms[k / st.nvcpus].v[k % st.nvcpus];
		while (!READ_ONCE(v->done))
			usleep(10000);
	}
	WRITE_ONCE(st.stop_disturb, true);
	pthread_join(dist, NULL);
	WRITE_ONCE(st.disturber_done, true);

	for (i = 0; i < st.nvms; i++) {
		for (j = 0; j < st.nvcpus; j++) {
			v = &st.vms[i].v[j];
			pthread_join(v->thread, NULL);
			refused |= v->refused;
			bad_guest += v->bad_guest;
			bad_exit += v->bad_exit;
			idle += !v->rounds;
			rounds += v->rounds;
			exits += v->exits;
			eintr += v->eintr;
			moves += v->moves;
			vcsw += v->vcsw;
			nvcsw += v->nvcsw;
			have_stats &= v->have_stats;
			for (k = 0; k < SMEKVM_NR_FP_STATS; k++)
				sum.v[k] += v->stats.v[k];
		}
		kvm_vm_free(st.vms[i].vm);
	}

	if (refused)
		return SMEKVM_RUN_REFUSED;
	ksft_print_msg("%s: %lu guest rounds, %lu exits with state live\n",
		       vm->name, rounds, exits);
	ksft_print_msg("%s: %lu signals, %lu EINTR, %lu + %lu migrations\n",
		       vm->name, st.signals, eintr, moves, st.moves);
	ksft_print_msg("%s: vcpu threads: %lu voluntary, %lu involuntary context switches\n",
		       vm->name, vcsw, nvcsw);
	if (have_stats) {
		ksft_print_msg("%s: KVM loads/saves: fp_sve %llu/%llu ssve %llu/%llu\n",
			       vm->name,
			       sum.v[SMEKVM_STAT_FP_SVE_LOAD],
			       sum.v[SMEKVM_STAT_FP_SVE_SAVE],
			       sum.v[SMEKVM_STAT_SSVE_LOAD],
			       sum.v[SMEKVM_STAT_SSVE_SAVE]);
		ksft_print_msg("%s: KVM loads/saves: za %llu/%llu zt0 %llu/%llu\n",
			       vm->name,
			       sum.v[SMEKVM_STAT_ZA_LOAD],
			       sum.v[SMEKVM_STAT_ZA_SAVE],
			       sum.v[SMEKVM_STAT_ZT0_LOAD],
			       sum.v[SMEKVM_STAT_ZT0_SAVE]);
	}
	guest = smekvm_gf_case(vm, 0, 0, C_GUEST);
	at_exit = smekvm_gf_case(vm, 0, 0, C_EXIT);
	smekvm_gf_check(guest, true);
	smekvm_gf_check(at_exit, true);
	if (bad_guest)
		smekvm_gf_fail(guest, "%lu of %u vcpus found another state (see above)",
			       bad_guest, st.nvms * st.nvcpus);
	if (idle)
		smekvm_gf_fail(guest, "%lu vcpus completed no round", idle);
	if (bad_exit)
		smekvm_gf_fail(at_exit, "%lu of %u vcpus read another state at exits (see above)",
			       bad_exit, st.nvms * st.nvcpus);
	if (!exits)
		smekvm_gf_fail(at_exit, "no exit with the guest's state live");
	return NULL;
}

static void start(void)
{
	st.seed = smekvm_seed();
	ksft_print_msg("%u s per flavour (SMEKVM_SOAK_SECONDS)\n", st.seconds);
	ksft_print_msg("%u VMs x %u vcpus on %ld CPUs\n", st.nvms, st.nvcpus,
		       ncpus);
}

int main(void)
{
	bool full = smekvm_tier_full();

	st.seconds = smekvm_setting_uint("SMEKVM_SOAK_SECONDS", full ? 60 : 6,
					 1, 1000000);
	st.ci = !full && !smekvm_setting("SMEKVM_SOAK_SECONDS");
	st.nvms = smekvm_setting_uint("SMEKVM_STRESS_VMS", full ? 4 : 2, 1,
				      MAX_VMS);
	st.nvcpus = smekvm_setting_uint("SMEKVM_STRESS_VCPUS", full ? 4 : 3, 1,
					MAX_VCPUS);
	ncpus = sysconf(_SC_NPROCESSORS_ONLN);
	if (ncpus < 1)
		ncpus = 1;
	signal(SIGUSR1, noop_handler);
	if (!kvm_has_cap(KVM_CAP_ARM_SVE))
		kinds[BASELINE].f = SMEKVM_FL_NO_VEC;

	smekvm_gf_main(&(struct smekvm_gf_prog){
		.prefix = "", .kinds = kinds, .nr_kinds = ARRAY_SIZE(kinds),
		.flags = SMEKVM_GF_OWN_VMS | SMEKVM_GF_HOST_LOAD,
		.run = run_vm, .start = start,
	});
}
