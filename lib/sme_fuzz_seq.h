/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_fuzz_seq.h - sme_fuzz's sequences: generate and run one
 * (sme_fuzz_gen.h, sme_fuzz_exec.h) until its budget of calls is spent
 * or a check fails, and run a given list of operations again from a
 * fresh world, for shrinking (sme_fuzz_shrink.h) and for
 * SMEKVM_FUZZ_REPLAY.
 *
 * The program sets the budgets (struct smekvm_fuzz_budget): counts of
 * calls, never times, so that no verdict depends on the machine's speed;
 * only shrinking, after a failure, stops at a time as well.
 */
#ifndef SMEKVM_SME_FUZZ_SEQ_H
#define SMEKVM_SME_FUZZ_SEQ_H

#include <stdbool.h>
#include <stddef.h>

#include "sme_fuzz_gen.h"
#include "sme_fuzz_op.h"
#include "sme_fuzz_world.h"

struct smekvm_fuzz_budget {
	unsigned long calls;		/* per case */
	unsigned long seq_calls;	/* per sequence */
	unsigned long seq_ops;		/* SMEKVM_FUZZ_LEN, 0: no limit */
	unsigned int new_vms;		/* NEW_VM operations a sequence */
	unsigned int shrink_attempts;
	double shrink_seconds;
};

/*
 * The operations a sequence of budget @b may need room for: its own and
 * the final reads of every vcpu slot.
 */
size_t smekvm_fuzz_max_ops(const struct smekvm_fuzz_budget *b);

/*
 * Generate and run a sequence into @ops (room for @max), until
 * @max_calls calls or a failed check, then read every vcpu in full;
 * returns how many operations ran (the failing one last).
 */
size_t smekvm_fuzz_run_sequence(struct smekvm_fuzz_world *w,
				struct smekvm_fuzz_gen *g,
				struct smekvm_fuzz_op *ops, size_t max,
				unsigned long max_calls);

/*
 * Run the @n operations of @ops in a fresh @w until a check fails
 * (@quiet: saying nothing; @count: counting the checks in @w->cov);
 * whether one failed.
 */
bool smekvm_fuzz_replay(struct smekvm_fuzz_world *w,
			const struct smekvm_fuzz_op *ops, size_t n,
			bool quiet, bool count);

/*
 * SMEKVM_FUZZ_REPLAY=@enc (sme_fuzz_op.h): say those operations, run
 * them, nothing else, and say how many calls were checked; KSFT_PASS,
 * or KSFT_FAIL when a check failed or @enc is no list of operations.
 */
int smekvm_fuzz_replay_env(struct smekvm_fuzz_world *w, const char *enc);

#endif /* SMEKVM_SME_FUZZ_SEQ_H */
