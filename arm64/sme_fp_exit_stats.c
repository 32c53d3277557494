// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_fp_exit_stats - KVM loads and saves exactly the live FP/SVE/SME
 * state of a guest, no more, and what that costs per exit.
 *
 * doc/abi.md asks KVM to switch guest vector state lazily and to save
 * only live state (abi-rt-lazy-load, abi-rt-save-live): streaming Z/P
 * only in streaming mode, ZA only with PSTATE.ZA=1, ZT0 only with ZA on
 * and SME2.  Our implementation counts every load and save per vcpu in
 * KVM's binary statistics (abi-stats-*: fp_sve_load, ssve_load, za_load,
 * zt0_load and the *_save ones), which makes "only live state"
 * measurable.
 *
 * A guest keeps one kind of state live and exits to userspace in a loop
 * (guest_code/sme_exit_loop.S), touching each live class after every
 * entry so that a lazy implementation has to load it.  Per state:
 *
 *   fpsimd_no_sme  V registers only, in a VM without SME (the old path)
 *   fpsimd         V registers only, SME VM with SVCR 0
 *   sve            non-streaming Z0 (needs SVE)
 *   streaming      SM=1: streaming Z0
 *   za             ZA=1, SM=0, ZA row 0 and V0 (SME2 hidden: no ZT0)
 *   za_zt0         SM=1, ZA=1: streaming Z0, ZA row 0, ZT0 (needs SME2)
 *
 * the case <state>/counters checks, over the loop's exits: classes that
 * are not live are never loaded or saved; every live class is loaded and
 * saved equally often, at least once per exit to userspace and at most
 * once per exit of any kind (a protected host saves on every exit); all
 * live classes move together.  The vcpu thread runs pinned with
 * SCHED_FIFO when it may, so a VHE or nVHE host should show exactly one
 * load and one save per exit.  On a kernel without the counters the
 * counter cases skip, saying so.
 *
 * Every state it can run, it times: exit round trips per second, their
 * ratio to the fpsimd figure, and one line "# rate: <state> <per second>"
 * that make bench-compare reads (scripts/bench-compare.sh), on any
 * kernel; never checked, and only indicative under TCG.  States that
 * need SME skip when KVM offers none; fpsimd_no_sme runs everywhere.
 * Exits per state: 100, 1000 in the full tier (the benchmark), or
 * SMEKVM_ITERS.
 */
#include <errno.h>
#include <sched.h>
#include <string.h>
#include <sys/auxv.h>
#include <asm/hwcap.h>

#include <kvm_util.h>
#include <processor.h>
#include <test_util.h>
#include <ucall_common.h>

#include "sme_gframe.h"
#include "sme_settings.h"
#include "sme_stats.h"
#include "guest_code/sme_exit_loop.h"

#define ITERS_DEFAULT	100
#define ITERS_FULL	1000	/* --tier full, and the benchmark */

struct live_state {
	const char *name;
	bool sve, sme, sme2, hide_sme2;	/* what the VM needs */
	__u64 flags;			/* SMEKVM_LOOP_* */
	bool live[SMEKVM_NR_FP_STATS / 2];	/* fp_sve, ssve, za, zt0 */
};

enum { L_FP_SVE, L_SSVE, L_ZA, L_ZT0 };

static const struct live_state states[] = {
	{ "fpsimd_no_sme", .flags = SMEKVM_LOOP_FP,
	  .live = { [L_FP_SVE] = true } },
	{ "fpsimd", .sme = true, .flags = SMEKVM_LOOP_FP,
	  .live = { [L_FP_SVE] = true } },
	{ "sve", .sve = true, .sme = true, .flags = SMEKVM_LOOP_Z,
	  .live = { [L_FP_SVE] = true } },
	{ "streaming", .sme = true, .flags = SMEKVM_LOOP_SM | SMEKVM_LOOP_Z,
	  .live = { [L_SSVE] = true } },
	{ "za", .sme = true, .hide_sme2 = true,
	  .flags = SMEKVM_LOOP_ZA | SMEKVM_LOOP_FP | SMEKVM_LOOP_TZA,
	  .live = { [L_FP_SVE] = true, [L_ZA] = true } },
	{ "za_zt0", .sme = true, .sme2 = true,
	  .flags = SMEKVM_LOOP_SM | SMEKVM_LOOP_ZA | SMEKVM_LOOP_Z |
		   SMEKVM_LOOP_TZA | SMEKVM_LOOP_TZT0,
	  .live = { [L_SSVE] = true, [L_ZA] = true, [L_ZT0] = true } },
};

#define NR_STATES	ARRAY_SIZE(states)

static const char * const case_names[] = { "counters" };

static const struct smekvm_gf_group group = {
	.inner = case_names, .nr_inner = 1,
};

/* A VM per state, its vcpu as the state and the host ask (main()). */
static struct smekvm_gf_kind kinds[NR_STATES];
static struct smekvm_vcpu_cfg cfgs[NR_STATES];

static struct {
	__u64 *exit_addr;
	__u64 n;
	__u64 flags;
	__u64 smcr;
	__u8 buf[256];
} g_loop;

static void guest_main(void)
{
	__u64 cpacr = read_sysreg(cpacr_el1) | CPACR_EL1_FPEN | CPACR_EL1_ZEN;

	if (g_loop.smcr) {
		write_sysreg(cpacr | CPACR_EL1_SMEN, cpacr_el1);
		isb();
		write_sysreg_s(g_loop.smcr, SYS_SMCR_EL1);
	} else {
		write_sysreg(cpacr, cpacr_el1);
	}
	isb();
	smekvm_exit_loop(g_loop.exit_addr, g_loop.n, g_loop.flags,
			 g_loop.buf);
	GUEST_DONE();
}

static bool host_sve, host_sme2;
static __u64 iters;
static double fpsimd_rate;

static const char *lacks(const struct smekvm_gf_vm *vm)
{
	const struct live_state *s = vm->kind->data;

	return s->sme2 && !host_sme2 ? "host has no SME2" : NULL;
}

/* Check the counter deltas @d over @n exits to userspace, @all exits. */
static void check_counts(struct smekvm_gf_case *c, const struct live_state *s,
			 const struct smekvm_fp_stats *d, __u64 n, __u64 all)
{
	__u64 first = 0;
	bool seen = false;
	int k;

	smekvm_gf_check(c, true);
	for (k = 0; k < SMEKVM_NR_FP_STATS / 2; k++) {
		__u64 load = d->v[2 * k], save = d->v[2 * k + 1];
		const char *name = smekvm_fp_stat_name(2 * k);

		ksft_print_msg("%s: %-11s %5llu loads %5llu saves over %llu exits (%llu in all)%s\n",
			       s->name, name, load, save, n, all,
			       s->live[k] ? ", live" : "");
		if (!s->live[k]) {
			if (load || save)
				smekvm_gf_fail(c, "%s state is not live but was loaded or saved",
					       name);
			continue;
		}
		if (load != save || load < n || load > all)
			smekvm_gf_fail(c, "%s: expected loads == saves, between %llu and %llu",
				       name, n, all);
		if (seen && load != first)
			smekvm_gf_fail(c, "live classes loaded unequally often");
		seen = true;
		first = load;
	}
}

/* The counters, the exits and the time at the first and the last exit. */
static struct {
	struct smekvm_fp_stats at[2];
	__u64 all[2], exits;
	double t[2];
	bool stats;
} m;

static void count_exit(struct smekvm_gf_vm *vm, enum smekvm_run_event ev,
		       struct ucall *uc)
{
	bool first = ++m.exits == 1, stats;

	TEST_ASSERT(ev == SMEKVM_EV_EXIT, "%s: unexpected GUEST_SYNC",
		    vm->name);
	if (!first && m.exits != iters)
		return;
	stats = smekvm_read_fp_stats(vm->vcpu, &m.at[!first]);
	if (first)
		m.stats = stats;
	m.all[!first] = vcpu_get_stat(vm->vcpu, exits);
	m.t[!first] = smekvm_gf_now();
}

static const char *run_vm(struct smekvm_gf_vm *vm)
{
	const struct live_state *s = vm->kind->data;
	struct smekvm_gf_case *c = smekvm_gf_case(vm, 0, 0, 0);
	struct smekvm_fp_stats d;
	double rate;
	int k;

	g_loop.exit_addr = (__u64 *)smekvm_map_exit_page(vm->vm, 0,
							 &vm->run.exit_gpa);
	vm->run.has_exit_page = true;
	g_loop.n = iters;
	g_loop.flags = s->flags;
	g_loop.smcr = s->sme ? SMCR_ELx_LEN |
		      (s->sme2 ? SMCR_ELx_EZT0 : 0) : 0;
	sync_global_to_guest(vm->vm, g_loop);

	memset(&m, 0, sizeof(m));
	if (smekvm_gf_loop(vm, count_exit))
		return SMEKVM_RUN_REFUSED;
	TEST_ASSERT(vm->done && m.exits == iters,
		    "%s: %llu exits, expected %llu", s->name, m.exits, iters);

	rate = (iters - 1) / (m.t[1] - m.t[0]);
	if (!strcmp(s->name, "fpsimd"))
		fpsimd_rate = rate;
	if (fpsimd_rate)
		ksft_print_msg("%s: %.0f exit round trips/s, %.2f of fpsimd\n",
			       s->name, rate, rate / fpsimd_rate);
	else
		ksft_print_msg("%s: %.0f exit round trips/s\n", s->name, rate);
	ksft_print_msg("rate: %s %.0f\n", s->name, rate);

	if (!m.stats) {
		smekvm_gf_skip(c, "kernel has no FP/SME load and save counters");
		return NULL;
	}
	for (k = 0; k < SMEKVM_NR_FP_STATS; k++)
		d.v[k] = m.at[1].v[k] - m.at[0].v[k];
	check_counts(c, s, &d, iters - 1, m.all[1] - m.all[0]);
	return NULL;
}

/* Keep the vcpu thread on one CPU and ahead of other tasks, if allowed. */
static void start(void)
{
	struct sched_param sp = { .sched_priority = 1 };
	cpu_set_t set;

	ksft_print_msg("%llu exits per state\n", iters);
	CPU_ZERO(&set);
	CPU_SET(0, &set);
	if (sched_setaffinity(0, sizeof(set), &set) ||
	    sched_setscheduler(0, SCHED_FIFO, &sp))
		ksft_print_msg("cannot pin the vcpu thread with SCHED_FIFO (%s): preemption may add loads and saves\n",
			       strerror(errno));
}

int main(void)
{
	const struct live_state *s;
	unsigned int i;

	/* Two exits at least: the rate and counts are taken between them. */
	iters = smekvm_iters(ITERS_DEFAULT, ITERS_FULL, 2);
	host_sve = kvm_has_cap(KVM_CAP_ARM_SVE);
	host_sme2 = getauxval(AT_HWCAP2) & HWCAP2_SME2;
	for (i = 0; i < NR_STATES; i++) {
		s = &states[i];
		cfgs[i] = (struct smekvm_vcpu_cfg){
			.sve = s->sve || (host_sve && s->sme), .sme = s->sme,
			.hide_sme2 = s->hide_sme2 && host_sme2,
		};
		kinds[i] = (struct smekvm_gf_kind){
			.name = s->name, .cfg = &cfgs[i], .groups = &group,
			.nr_groups = 1, .data = s,
		};
	}

	smekvm_gf_main(&(struct smekvm_gf_prog){
		.prefix = "", .kinds = kinds, .nr_kinds = NR_STATES,
		.guest = guest_main,
		.lacks = lacks, .run = run_vm, .start = start,
	});
}
