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
 * load and one save per exit.  Kernels without the counters skip.
 *
 * It also prints exit round trips per second and their ratio to the
 * fpsimd figure: indicative only under TCG, never checked.  Exits per
 * state: 100, 1000 in the full tier (the benchmark), or SMEKVM_ITERS.
 */
#include <errno.h>
#include <sched.h>
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
#include "sme_probe.h"
#include "sme_run.h"
#include "sme_settings.h"
#include "sme_stats.h"
#include "sme_vcpu.h"
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
static double fpsimd_rate;

static const char *why_not(const struct live_state *s)
{
	if (s->sve && !host_sve)
		return "host has no SVE";
	if (s->sme2 && !host_sme2)
		return "host has no SME2";
	return NULL;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Check the counter deltas @d over @n exits to userspace, @all exits. */
static bool check_counts(const struct live_state *s,
			 const struct smekvm_fp_stats *d, __u64 n, __u64 all)
{
	__u64 first = 0;
	bool ok = true, seen = false;
	int c;

	for (c = 0; c < SMEKVM_NR_FP_STATS / 2; c++) {
		__u64 load = d->v[2 * c], save = d->v[2 * c + 1];

		ksft_print_msg("%s: %-11s %5llu loads %5llu saves over %llu exits (%llu in all)%s\n",
			       s->name, smekvm_fp_stat_name(2 * c), load, save,
			       n, all, s->live[c] ? ", live" : "");
		if (!s->live[c]) {
			if (load || save) {
				ksft_print_msg("%s: %s state is not live but was loaded or saved\n",
					       s->name,
					       smekvm_fp_stat_name(2 * c));
				ok = false;
			}
			continue;
		}
		if (load != save || load < n || load > all) {
			ksft_print_msg("%s: %s: expected loads == saves, between %llu and %llu\n",
				       s->name, smekvm_fp_stat_name(2 * c),
				       n, all);
			ok = false;
		}
		if (seen && load != first) {
			ksft_print_msg("%s: live classes loaded unequally often\n",
				       s->name);
			ok = false;
		}
		seen = true;
		first = load;
	}
	return ok;
}

static void test_state(const struct live_state *s, __u64 iters)
{
	struct smekvm_vcpu_cfg cfg = {
		.sve = s->sve || (host_sve && s->sme),
		.sme = s->sme, .hide_sme2 = s->hide_sme2 && host_sme2,
	};
	struct smekvm_fp_stats a, b, d;
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;
	__u64 exits = 0, all_a = 0, all_b = 0;
	double t_a = 0, t_b = 0, rate;
	struct smekvm_run run = { .who = s->name, .may_refuse = s->sme };
	bool stats = true, done = false;
	struct ucall uc;
	gpa_t exit_gpa;
	gva_t gva;
	int c;

	if (why_not(s)) {
		ksft_test_result_skip("%s/counters: %s\n", s->name, why_not(s));
		return;
	}

	vm = vm_create(1);
	vcpu = smekvm_vcpu_add(vm, 0, &cfg, guest_main);
	vm_init_descriptor_tables(vm);
	vcpu_init_descriptor_tables(vcpu);
	if (cfg.sve || cfg.sme)
		smekvm_vcpu_finalize(vcpu);
	kvm_arch_vm_finalize_vcpus(vm);

	exit_gpa = (vm->max_gfn - 1) << vm->page_shift;
	gva = vm_unused_gva_gap(vm, vm->page_size, KVM_UTIL_MIN_VADDR);
	virt_map(vm, gva, exit_gpa, 1);
	g_loop.exit_addr = (__u64 *)gva;
	g_loop.n = iters;
	g_loop.flags = s->flags;
	g_loop.smcr = s->sme ? SMCR_ELx_LEN |
		      (s->sme2 ? SMCR_ELx_EZT0 : 0) : 0;
	sync_global_to_guest(vm, g_loop);

	run.vcpu = vcpu;
	run.has_exit_page = true;
	run.exit_gpa = exit_gpa;
	while (!done) {
		switch (smekvm_run_next(&run, &uc)) {
		case SMEKVM_EV_REFUSED:
			kvm_vm_free(vm);
			ksft_test_result_skip("%s/counters: %s\n", s->name,
					      SMEKVM_RUN_REFUSED);
			return;
		case SMEKVM_EV_EXIT:
			exits++;
			if (exits == 1) {
				stats = smekvm_read_fp_stats(vcpu, &a);
				all_a = vcpu_get_stat(vcpu, exits);
				t_a = now();
			} else if (exits == iters) {
				smekvm_read_fp_stats(vcpu, &b);
				all_b = vcpu_get_stat(vcpu, exits);
				t_b = now();
			}
			break;
		case SMEKVM_EV_DONE:
			done = true;
			break;
		case SMEKVM_EV_SYNC:
			TEST_FAIL("%s: unexpected GUEST_SYNC", s->name);
		case SMEKVM_EV_UNHANDLED:
			TEST_FAIL("%s: guest exception", s->name);
		}
	}
	kvm_vm_free(vm);
	TEST_ASSERT(exits == iters, "%s: %llu exits, expected %llu", s->name,
		    exits, iters);

	rate = (iters - 1) / (t_b - t_a);
	if (!strcmp(s->name, "fpsimd"))
		fpsimd_rate = rate;
	if (fpsimd_rate)
		ksft_print_msg("%s: %.0f exit round trips/s, %.2f of fpsimd\n",
			       s->name, rate, rate / fpsimd_rate);
	else
		ksft_print_msg("%s: %.0f exit round trips/s\n", s->name, rate);

	if (!stats) {
		ksft_test_result_skip("%s/counters: kernel has no FP/SME load and save counters\n",
				      s->name);
		return;
	}
	for (c = 0; c < SMEKVM_NR_FP_STATS; c++)
		d.v[c] = b.v[c] - a.v[c];
	ksft_test_result(check_counts(s, &d, iters - 1, all_b - all_a),
			 "%s/counters\n", s->name);
}

/* Keep the vcpu thread on one CPU and ahead of other tasks, if allowed. */
static void pin_and_prioritise(void)
{
	struct sched_param sp = { .sched_priority = 1 };
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(0, &set);
	if (sched_setaffinity(0, sizeof(set), &set) ||
	    sched_setscheduler(0, SCHED_FIFO, &sp))
		ksft_print_msg("cannot pin the vcpu thread with SCHED_FIFO (%s): preemption may add loads and saves\n",
			       strerror(errno));
}

int main(void)
{
	unsigned int i, plan = 0;
	bool sel[ARRAY_SIZE(states)];
	char name[64];
	__u64 iters;

	for (i = 0; i < ARRAY_SIZE(states); i++) {
		snprintf(name, sizeof(name), "%s/counters", states[i].name);
		sel[i] = smekvm_case_selected(name);
		plan += sel[i];
	}
	if (!plan)
		ksft_exit_skip("SMEKVM_CASE=%s: no such case\n",
			       smekvm_case_filter());

	smekvm_skip_unless_kvm_sme();
	/* Two exits at least: the rate and counts are taken between them. */
	iters = smekvm_iters(ITERS_DEFAULT, ITERS_FULL, 2);
	host_sve = kvm_has_cap(KVM_CAP_ARM_SVE);
	host_sme2 = getauxval(AT_HWCAP2) & HWCAP2_SME2;

	ksft_print_header();
	ksft_set_plan(plan);
	ksft_print_msg("%llu exits per state\n", iters);
	pin_and_prioritise();

	for (i = 0; i < ARRAY_SIZE(states); i++)
		if (sel[i])
			test_state(&states[i], iters);

	ksft_finished();
}
