// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_settings.c - what a run asks of the test programs through the
 * environment (see sme_settings.h).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kselftest.h"
#include "sme_settings.h"

const char *smekvm_setting(const char *name)
{
	const char *s = getenv(name);

	return s && *s ? s : NULL;
}

/* Setting @name as a number into *@v; false when unset or not a number. */
static bool setting_number(const char *name, unsigned long long *v)
{
	const char *s = smekvm_setting(name);

	if (!s || !isdigit((unsigned char)*s))
		return false;
	*v = strtoull(s, NULL, 0);
	return true;
}

unsigned long smekvm_setting_uint(const char *name, unsigned long def,
				  unsigned long min, unsigned long max)
{
	unsigned long long v;

	if (!setting_number(name, &v))
		return def;
	return v < min ? min : v > max ? max : v;
}

bool smekvm_tier_full(void)
{
	const char *tier = smekvm_setting("SMEKVM_TIER");

	return tier && !strcmp(tier, "full");
}

unsigned long smekvm_iters(unsigned long ci, unsigned long full,
			   unsigned long min)
{
	unsigned long long v;

	if (setting_number("SMEKVM_ITERS", &v) && v >= min)
		return v;
	return smekvm_tier_full() ? full : ci;
}

__u64 smekvm_seed(void)
{
	static unsigned long long seed;
	static bool known;

	if (known)
		return seed;
	if (!setting_number("SMEKVM_SEED", &seed))
		seed = time(NULL) & 0xffff;
	known = true;
	ksft_print_msg("seed: %llu (SMEKVM_SEED=%llu reproduces the run)\n",
		       seed, seed);
	return seed;
}

void smekvm_rng_init(struct smekvm_rng *r, __u64 salt)
{
	r->state = (smekvm_seed() + salt) * 0x9e3779b97f4a7c15ULL + 1;
}

__u64 smekvm_rng_next(struct smekvm_rng *r)
{
	r->state ^= r->state >> 12;
	r->state ^= r->state << 25;
	r->state ^= r->state >> 27;
	return r->state * 0x2545f4914f6cdd1dULL;
}

void smekvm_rng_fill(struct smekvm_rng *r, void *buf, size_t len)
{
	__u8 *p = buf;
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = smekvm_rng_next(r) >> 56;
}

bool smekvm_sweep_all_vls(void)
{
	const char *all = smekvm_setting("SMEKVM_ALL_VLS");
	char cmdline[1024] = "";
	FILE *f;

	if (smekvm_tier_full() || (all && !strcmp(all, "1")))
		return true;
	f = fopen("/proc/cmdline", "r");
	if (f) {
		if (!fgets(cmdline, sizeof(cmdline), f))
			cmdline[0] = '\0';
		fclose(f);
	}
	return !strstr(cmdline, "kvm-arm.mode=protected");
}
