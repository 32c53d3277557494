// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_fuzz_seq.c - sme_fuzz's sequences, run and run again (see
 * sme_fuzz_seq.h).
 */
#include <stdlib.h>
#include <string.h>

#include <kvm_util.h>
#include <test_util.h>

#include "kselftest.h"
#include "sme_conf.h"
#include "sme_fuzz_exec.h"
#include "sme_fuzz_seq.h"

/* Room for the final reads of every vcpu slot. */
#define NR_SLOTS	(SMEKVM_FUZZ_NR_VMS * SMEKVM_FUZZ_NR_VCPUS)

size_t smekvm_fuzz_max_ops(const struct smekvm_fuzz_budget *b)
{
	return b->seq_ops ? b->seq_ops + NR_SLOTS : b->seq_calls + NR_SLOTS;
}

size_t smekvm_fuzz_run_sequence(struct smekvm_fuzz_world *w,
				struct smekvm_fuzz_gen *g,
				struct smekvm_fuzz_op *ops, size_t max,
				unsigned long max_calls)
{
	size_t n = 0;
	unsigned int i, j;

	while (n + NR_SLOTS < max && w->calls < max_calls) {
		smekvm_fuzz_gen_op(g, w, &ops[n]);
		if (!smekvm_fuzz_exec(w, &ops[n], n))
			return n + 1;
		n++;
	}
	for (i = 0; i < SMEKVM_FUZZ_NR_VMS; i++) {
		for (j = 0; j < SMEKVM_FUZZ_NR_VCPUS; j++) {
			if (!w->vm[i].c[j].v.inited)
				continue;
			ops[n] = (struct smekvm_fuzz_op){
				.kind = SMEKVM_FUZZ_AUDIT, .vm = i, .vcpu = j,
			};
			if (!smekvm_fuzz_exec(w, &ops[n], n))
				return n + 1;
			n++;
		}
	}
	return n;
}

bool smekvm_fuzz_replay(struct smekvm_fuzz_world *w,
			const struct smekvm_fuzz_op *ops, size_t n,
			bool quiet, bool count)
{
	size_t i;

	smekvm_fuzz_world_init(w, quiet);
	w->count = count;
	for (i = 0; i < n && !w->failed; i++)
		smekvm_fuzz_exec(w, &ops[i], i);
	return w->failed;
}

int smekvm_fuzz_replay_env(struct smekvm_fuzz_world *w, const char *enc)
{
	size_t max = strlen(enc) / 10 + 1;
	struct smekvm_fuzz_op *ops = calloc(max, sizeof(*ops));
	long n;
	bool failed;

	TEST_ASSERT(ops, "out of memory");
	n = smekvm_fuzz_decode(enc, ops, max);
	if (n < 0) {
		free(ops);
		smekvm_report("SMEKVM_FUZZ_REPLAY: not operations");
		return KSFT_FAIL;
	}
	smekvm_report("replaying %ld operations of SMEKVM_FUZZ_REPLAY", n);
	smekvm_fuzz_print_ops(ops, n);
	failed = smekvm_fuzz_replay(w, ops, n, false, true);
	smekvm_report("%lu calls checked: %s", w->calls,
		      failed ? "a check failed" : "every check held");
	smekvm_fuzz_world_free(w);
	free(ops);
	return failed ? KSFT_FAIL : KSFT_PASS;
}
