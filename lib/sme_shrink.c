// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_shrink.c - delta debugging of a failing sequence (see sme_shrink.h).
 */
#include <stdlib.h>
#include <string.h>

#include "sme_clock.h"
#include "sme_shrink.h"

static bool out_of_budget(const struct smekvm_shrink *s, double start)
{
	return (s->max_attempts && s->attempts >= s->max_attempts) ||
	       (s->max_seconds && smekvm_now() - start >= s->max_seconds);
}

/*
 * Whether the items without [@from, @to) still fail; if so they replace
 * @items and *@n is updated.
 */
static bool try_without(struct smekvm_shrink *s, char *items, size_t *n,
			size_t from, size_t to, char *tmp)
{
	size_t sz = s->item_size, left = *n - (to - from);

	memcpy(tmp, items, from * sz);
	memcpy(tmp + from * sz, items + to * sz, (*n - to) * sz);
	s->attempts++;
	if (!s->fails(tmp, left, s->ctx))
		return false;
	memcpy(items, tmp, left * sz);
	*n = left;
	return true;
}

size_t smekvm_shrink(struct smekvm_shrink *s, void *items, size_t n)
{
	size_t size = n > 1 ? n / 2 : 1, i, to;
	double start = smekvm_now();
	bool dropped;
	char *tmp;

	s->attempts = 0;
	s->cut_short = false;
	tmp = malloc(n * s->item_size + 1);
	if (!tmp)
		return n;

	/*
	 * Chunks of @size items, halved after each pass; passes of single
	 * items repeat until none can go.  A chunk that cannot go is passed
	 * over; after one that could, its successor takes its place.
	 */
	for (;;) {
		dropped = false;
		for (i = 0; i < n;) {
			to = i + size < n ? i + size : n;
			if (to - i == n) {
				i = to;
				continue;
			}
			if (out_of_budget(s, start)) {
				s->cut_short = true;
				goto out;
			}
			if (try_without(s, items, &n, i, to, tmp))
				dropped = true;
			else
				i = to;
		}
		if (size > 1)
			size /= 2;
		else if (!dropped)
			break;
	}
out:
	free(tmp);
	s->seconds = smekvm_now() - start;
	return n;
}
