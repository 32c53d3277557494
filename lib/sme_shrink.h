/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_shrink.h - shrink a failing sequence of steps by delta debugging.
 *
 * A randomised test that fails after thousands of steps is only useful
 * once it is cut down to the few steps that matter.  smekvm_shrink() is a
 * form of delta debugging (Zeller and Hildebrandt, "Simplifying and
 * Isolating Failure-Inducing Input", 2002): it drops each chunk of steps
 * whose removal still lets the failure reproduce, halves the chunks
 * after each pass down to single steps, and repeats passes of single
 * steps until none can go (a 1-minimal sequence).  The caller says what
 * a step is (an array of fixed-size items) and whether a candidate still
 * fails (a callback that replays it from scratch); this file knows
 * nothing of KVM.  Each replay costs time (fresh VMs), so shrinking stops
 * at a number of attempts or seconds, and then keeps the shortest failing
 * sequence found so far.
 */
#ifndef SMEKVM_SME_SHRINK_H
#define SMEKVM_SME_SHRINK_H

#include <stdbool.h>
#include <stddef.h>

struct smekvm_shrink {
	size_t item_size;
	/* Whether the @n items at @items still fail. */
	bool (*fails)(const void *items, size_t n, void *ctx);
	void *ctx;
	unsigned int max_attempts;	/* 0: no limit */
	double max_seconds;		/* 0: no limit */
	/* Results */
	unsigned int attempts;		/* replays made */
	double seconds;
	bool cut_short;			/* stopped by the budget */
};

/*
 * Shrink the @n items at @items, which fail, in place; returns how many
 * are left (a sequence that still fails).
 */
size_t smekvm_shrink(struct smekvm_shrink *s, void *items, size_t n);

#endif /* SMEKVM_SME_SHRINK_H */
