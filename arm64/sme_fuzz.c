// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_fuzz - random sequences of vcpu calls, every call checked against
 * the reference model (lib/sme_model.h, lib/sme_model_sys.h), and a
 * failing sequence shrunk to a shortest one that still fails.
 *
 * The other programs check each rule of doc/abi.md in the states their
 * authors thought of.  This one walks long random histories of a few
 * vcpus in a few VMs, so that rules meet in combinations nobody wrote a
 * case for.  The engine is in lib/:
 *
 *  - sme_fuzz_op.h: the operations (ioctls, and KVM_RUN of a guest that
 *    changes its SME state) and how they are said and written down for
 *    a replay;
 *  - sme_fuzz_gen.h: the generator, which chooses from the seed and the
 *    model's state only, so a seed makes the same sequence on every
 *    kernel;
 *  - sme_fuzz_world.h: the VMs and vcpus of a sequence with their
 *    models, and the record of its checks;
 *  - sme_fuzz_exec.h, sme_fuzz_onereg.h, sme_fuzz_run.h: one operation
 *    run and every call it makes compared with the model (errno, every
 *    value read, what a write must or must not change, what the guest
 *    finds), each check tagged with the rules that decide it
 *    (lib/sme_rule_tags.h);
 *  - sme_fuzz_seq.h: sequences run and replayed;
 *  - sme_fuzz_shrink.h: a failing sequence shrunk, and the commands that
 *    replay it.
 *
 * A case ends with how many calls it checked, at what rate, and how many
 * of the table's rules its sequences exercised.
 *
 * Budgets are counts, never times, so no verdict depends on the machine's
 * speed: calls per case (SMEKVM_ITERS; CI tier 30000, full tier 300000,
 * so a run of the four cases checks 1.2 million calls) in sequences of
 * 15000 calls (full tier 25000), each making at most three VMs (two
 * slots, one replacement; the second slot's barebones): VMs are shared
 * by the thousands of calls of a sequence.  The calls per second are
 * printed, not judged.  Only shrinking, after a failure, stops at a time
 * (30 s a case, full tier 120 s) as well as at a number of replays.
 *
 * Cases, one per shape of the first VM: "<flavour>/sequences" for
 * no_vec, sve_only, sme_only and sve_sme (the second VM's shape is drawn
 * from those the host offers); SMEKVM_CASE=<flavour>/sequences runs one.
 * SMEKVM_FUZZ_SEQ=<n> runs sequence n alone, SMEKVM_FUZZ_LEN=<n> cuts
 * sequences at n operations, SMEKVM_FUZZ_REPLAY=<operations> runs those
 * operations and nothing else.  The program skips without SME in KVM,
 * flavours the host lacks skip with the reason, and every case skips
 * under a profile other than "ours" (SMEKVM_PROFILE): the model's
 * predictions are that profile's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <asm/hwcap.h>
#include <linux/bits.h>

#include <kvm_util.h>
#include <test_util.h>

#include "sme_clock.h"
#include "sme_conf.h"
#include "sme_flavour.h"
#include "sme_fuzz_gen.h"
#include "sme_fuzz_seq.h"
#include "sme_fuzz_shrink.h"
#include "sme_fuzz_world.h"
#include "sme_profile.h"
#include "sme_rule_tags.h"
#include "sme_settings.h"

static struct smekvm_model_host host;

/* Coverage of the running case and of the program. */
static unsigned long cov[SMEKVM_NR_TAGS], cov_all[SMEKVM_NR_TAGS];

static struct smekvm_fuzz_world world = { .host = &host, .cov = cov };
static unsigned long total_calls;
static double total_seconds;

/* The host as the model sees it, from what the frame probed. */
static void setup_host(void)
{
	static const char smidr_file[] =
		"/sys/devices/system/cpu/cpu0/regs/identification/smidr_el1";
	unsigned long long smidr;
	static bool done;
	FILE *f;

	if (done)
		return;
	done = true;
	host.sve = smekvm_host.sve;
	host.sme = true;
	host.sme2 = smekvm_host.sme2;
	host.fa64 = smekvm_host.fa64;
	host.fpmr = getauxval(AT_HWCAP2) & HWCAP2_FPMR;
	memcpy(host.sve_vls, smekvm_host.sve_vls.w, sizeof(host.sve_vls));
	memcpy(host.sme_vls, smekvm_host.sme_vls.w, sizeof(host.sme_vls));
	/* abi-smidr-value: the boot CPU's SMIDR_EL1 without SMPS. */
	f = fopen(smidr_file, "r");
	if (f && fscanf(f, "%llx", &smidr) == 1) {
		host.smidr = smidr & ~BIT_ULL(15);
		host.smidr_known = true;
	}
	if (f)
		fclose(f);
	if (!host.smidr_known)
		ksft_print_msg("%s unreadable: SMIDR_EL1 values not checked\n",
			       smidr_file);
}

static void set_budget(struct smekvm_fuzz_budget *b)
{
	bool full = smekvm_tier_full();

	b->calls = smekvm_iters(30000, 300000, 1);
	b->seq_calls = full ? 25000 : 15000;
	b->seq_ops = smekvm_setting_uint("SMEKVM_FUZZ_LEN", 0, 1, 1000000);
	b->new_vms = 1;
	b->shrink_attempts = full ? 2000 : 400;
	b->shrink_seconds = full ? 120 : 30;
}

static int test_sequences(struct smekvm_conf_ctx *t)
{
	const char *enc = smekvm_setting("SMEKVM_FUZZ_REPLAY");
	unsigned long calls = 0, vms = 0, s, first, end;
	unsigned int seqs = 0;
	struct smekvm_fuzz_budget b;
	size_t n, nops = 0, max_ops;
	double start = smekvm_now(), secs;
	struct smekvm_fuzz_op *ops;
	struct smekvm_fuzz_gen g;
	__u64 seed;
	bool failed = false;

	if (smekvm_profile() != SMEKVM_PROFILE_OURS)
		return smekvm_conf_skip(t, "profile %s: the model is ours's",
					smekvm_profile_name());
	setup_host();
	memset(cov, 0, sizeof(cov));
	if (enc)
		return smekvm_fuzz_replay_env(&world, enc);

	set_budget(&b);
	seed = smekvm_seed() * 0x100000001b3ULL + t->f;
	max_ops = smekvm_fuzz_max_ops(&b);
	ops = calloc(max_ops, sizeof(*ops));
	TEST_ASSERT(ops, "out of memory");

	/* Sequence s alone with SMEKVM_FUZZ_SEQ=s: each has its own seed. */
	first = smekvm_setting_uint("SMEKVM_FUZZ_SEQ", 0, 0, ~0UL);
	end = smekvm_setting("SMEKVM_FUZZ_SEQ") ? first + 1 :
	      DIV_ROUND_UP(b.calls, b.seq_calls);
	for (s = first; s < end && !failed; s++) {
		smekvm_fuzz_gen_init(&g, &host, seed, s,
				     smekvm_cfg_features(&t->cfg), b.new_vms);
		smekvm_fuzz_world_init(&world, false);
		n = smekvm_fuzz_run_sequence(&world, &g, ops, max_ops,
					     b.seq_calls);
		calls += world.calls;
		vms += world.vms;
		nops += n;
		seqs++;
		if (world.failed) {
			failed = true;
			smekvm_fuzz_report_failure(&world, ops, n, s, &b);
		}
		smekvm_fuzz_world_free(&world);
	}
	free(ops);

	secs = smekvm_now() - start;
	total_calls += calls;
	total_seconds += secs;
	for (n = 0; n < SMEKVM_NR_TAGS; n++)
		cov_all[n] += cov[n];
	ksft_print_msg("%s: %lu calls checked, %.1f s: %.0f calls/s\n",
		       t->name, calls, secs, calls / secs);
	ksft_print_msg("%s: %u sequences, %zu operations, %lu VMs\n",
		       t->name, seqs, nops, vms);
	smekvm_tags_print_coverage(t->name, cov, false);
	ksft_print_msg("all cases so far: %lu calls, %.0f calls/s\n",
		       total_calls, total_calls / total_seconds);
	smekvm_tags_print_coverage("all cases so far", cov_all, true);
	return failed ? KSFT_FAIL : KSFT_PASS;
}

#define SHAPES	(SMEKVM_FL_NO_SME | SMEKVM_FL_SME_BASE)

static const struct smekvm_conf_case cases[] = {
	{ "sequences", test_sequences, SHAPES, SMEKVM_CASE_NO_VM },
};

int main(void)
{
	smekvm_conf_main(cases, ARRAY_SIZE(cases),
			 "sme_fuzz: random sequences of calls, checked by the model");
}
