// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_fuzz_shrink.c - a failing sequence of sme_fuzz, shrunk and told
 * (see sme_fuzz_shrink.h).
 */
#include <stdlib.h>
#include <string.h>

#include <kvm_util.h>
#include <test_util.h>

#include "sme_conf.h"
#include "sme_fuzz_shrink.h"
#include "sme_settings.h"
#include "sme_shrink.h"

/* What a failure is, so that shrinking keeps the same one. */
struct failure {
	struct smekvm_fuzz_world *w;
	enum smekvm_fuzz_kind kind;
	struct smekvm_tags tags;
	unsigned int replays;
};

static bool still_fails(const void *items, size_t n, void *ctx)
{
	struct failure *f = ctx;
	const struct smekvm_fuzz_op *ops = items;
	bool same;

	same = smekvm_fuzz_replay(f->w, ops, n, true, false) &&
	       ops[f->w->fail_op].kind == f->kind &&
	       smekvm_tags_meet(&f->w->fail_tags, &f->tags);
	f->replays++;
	smekvm_fuzz_world_free(f->w);
	return same;
}

/* Keep the operations @keep says, if the failure stays. */
static size_t keep_only(struct failure *f, struct smekvm_fuzz_op *ops,
			size_t n,
			bool (*keep)(const struct smekvm_fuzz_op *op,
				     const struct smekvm_fuzz_op *last))
{
	struct smekvm_fuzz_op *tmp = calloc(n, sizeof(*tmp));
	size_t i, k = 0;

	TEST_ASSERT(tmp, "out of memory");
	for (i = 0; i < n; i++)
		if (keep(&ops[i], &ops[n - 1]))
			tmp[k++] = ops[i];
	if (k < n && still_fails(tmp, k, f)) {
		memcpy(ops, tmp, k * sizeof(*ops));
		n = k;
	}
	free(tmp);
	return n;
}

static bool same_vm(const struct smekvm_fuzz_op *op,
		    const struct smekvm_fuzz_op *last)
{
	return op->vm == last->vm;
}

static bool same_vcpu(const struct smekvm_fuzz_op *op,
		      const struct smekvm_fuzz_op *last)
{
	return op->vm == last->vm &&
	       (op->vcpu == last->vcpu || op->kind == SMEKVM_FUZZ_IDREG ||
		op->kind == SMEKVM_FUZZ_NEW_VM);
}

/*
 * Say how to run sme_fuzz's current case again with the runner's
 * arguments @args (VAR=value words first): on the target, and, in a
 * configuration of the QEMU matrix, from the host (make run passes
 * RUNNER_ARGS to the runner in the guest).
 */
static void say_replay(const char *args)
{
	const char *config = getenv("SMEKVM_CONFIG");

	smekvm_report("replay: ./run_tests.sh %s sme_fuzz/%s", args,
		      smekvm_conf_cur);
	if (config && *config && strcmp(config, "native"))
		smekvm_report("replay from the host: make run CONFIGS=%s RUNNER_ARGS=\"%s sme_fuzz/%s\"",
			      config, args, smekvm_conf_cur);
}

/*
 * Shrink the failing sequence @ops (@n operations, the last failed) and
 * say how to replay what is left.
 */
static void shrink_and_report(struct smekvm_fuzz_world *w,
			      struct smekvm_fuzz_op *ops, size_t n,
			      const struct smekvm_fuzz_budget *b)
{
	struct failure f = {
		.w = w, .kind = ops[n - 1].kind, .tags = w->fail_tags,
	};
	struct smekvm_shrink s = {
		.item_size = sizeof(*ops), .fails = still_fails, .ctx = &f,
		.max_attempts = b->shrink_attempts,
		.max_seconds = b->shrink_seconds,
	};
	size_t before = n;
	char *enc, *args;

	smekvm_fuzz_world_free(w);
	if (!still_fails(ops, n, &f)) {
		smekvm_report("not shrunk: its replay (%zu operations) passes",
			      n);
		return;
	}
	n = keep_only(&f, ops, n, same_vm);
	n = keep_only(&f, ops, n, same_vcpu);
	n = smekvm_shrink(&s, ops, n);
	smekvm_report("shrunk from %zu to %zu operations: %u replays, %.1f s%s",
		      before, n, f.replays, s.seconds,
		      s.cut_short ? " (budget spent: not minimal)" : "");
	smekvm_fuzz_print_ops(ops, n);
	/* Say again what differs, in the short sequence. */
	smekvm_fuzz_replay(w, ops, n, false, false);
	smekvm_fuzz_world_free(w);
	enc = smekvm_fuzz_encode(ops, n);
	TEST_ASSERT(asprintf(&args, "SMEKVM_FUZZ_REPLAY=%s", enc) > 0,
		    "out of memory");
	say_replay(args);
	free(args);
	free(enc);
}

void smekvm_fuzz_report_failure(struct smekvm_fuzz_world *w,
				struct smekvm_fuzz_op *ops, size_t n,
				unsigned long s,
				const struct smekvm_fuzz_budget *b)
{
	char args[96];

	snprintf(args, sizeof(args),
		 "--seed %llu SMEKVM_FUZZ_SEQ=%lu SMEKVM_FUZZ_LEN=%zu",
		 smekvm_seed(), s, n);
	smekvm_report("sequence %lu failed at its operation %zu", s, n - 1);
	say_replay(args);
	shrink_and_report(w, ops, n, b);
}
