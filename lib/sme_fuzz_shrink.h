/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_fuzz_shrink.h - what sme_fuzz says of a sequence that failed, and
 * the shrinking of it to a shortest one that still fails.
 *
 * On the first mismatch the check has said what differed (operation,
 * call, values, rules: sme_fuzz_world.h) and the sequence stopped after
 * the failing operation.  This then says how to replay that sequence
 * (the runner's arguments --seed <run's seed> SMEKVM_FUZZ_SEQ=<n>
 * SMEKVM_FUZZ_LEN=<operations>), drops what the failure does not need (the other VM's
 * operations, the other vcpus', then delta debugging, sme_shrink.h,
 * within a budget of replays and seconds, as long as the same kind of
 * operation fails on a rule of the same check), and prints the shortest
 * sequence, what differs in it, and the command that replays exactly
 * it: ./run_tests.sh SMEKVM_FUZZ_REPLAY=<operations> sme_fuzz/<case> on
 * the target, and the make run that does the same from the host in a
 * configuration of the QEMU matrix (run_tests.sh exports VAR=value
 * arguments to the tests; nothing in them is a blank or a comma, which
 * the kernel command line that carries them would split).
 */
#ifndef SMEKVM_SME_FUZZ_SHRINK_H
#define SMEKVM_SME_FUZZ_SHRINK_H

#include <stddef.h>

#include "sme_fuzz_op.h"
#include "sme_fuzz_seq.h"
#include "sme_fuzz_world.h"

/*
 * Sequence @s of the current case failed in @w at its last operation,
 * @ops[@n - 1]: say how to replay it, shrink it in place within the
 * budget @b and say how to replay what is left.  @w is free after.
 */
void smekvm_fuzz_report_failure(struct smekvm_fuzz_world *w,
				struct smekvm_fuzz_op *ops, size_t n,
				unsigned long s,
				const struct smekvm_fuzz_budget *b);

#endif /* SMEKVM_SME_FUZZ_SHRINK_H */
