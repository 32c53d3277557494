// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_stats.c - the vcpu's FP/SVE/SME load and save counters.
 */
#include <stdlib.h>
#include <string.h>

#include <kvm_util.h>

#include "sme_stats.h"

static const char * const names[SMEKVM_NR_FP_STATS] = {
	[SMEKVM_STAT_FP_SVE_LOAD]	= "fp_sve_load",
	[SMEKVM_STAT_FP_SVE_SAVE]	= "fp_sve_save",
	[SMEKVM_STAT_SSVE_LOAD]		= "ssve_load",
	[SMEKVM_STAT_SSVE_SAVE]		= "ssve_save",
	[SMEKVM_STAT_ZA_LOAD]		= "za_load",
	[SMEKVM_STAT_ZA_SAVE]		= "za_save",
	[SMEKVM_STAT_ZT0_LOAD]		= "zt0_load",
	[SMEKVM_STAT_ZT0_SAVE]		= "zt0_save",
};

const char *smekvm_fp_stat_name(enum smekvm_fp_stat s)
{
	return s < SMEKVM_NR_FP_STATS ? names[s] : "?";
}

bool smekvm_read_fp_stats(struct kvm_vcpu *vcpu, struct smekvm_fp_stats *s)
{
	struct kvm_binary_stats *st = &vcpu->stats;
	struct kvm_stats_desc *desc;
	unsigned int found = 0;
	size_t size_desc;
	int i, n;

	memset(s, 0, sizeof(*s));
	if (!st->desc) {
		read_stats_header(st->fd, &st->header);
		st->desc = read_stats_descriptors(st->fd, &st->header);
	}
	size_desc = get_stats_descriptor_size(&st->header);

	for (i = 0; i < st->header.num_desc; i++) {
		desc = (void *)st->desc + i * size_desc;
		for (n = 0; n < SMEKVM_NR_FP_STATS; n++) {
			if (strcmp(desc->name, names[n]))
				continue;
			read_stat_data(st->fd, &st->header, desc,
				       (u64 *)&s->v[n], 1);
			found++;
		}
	}
	if (found == SMEKVM_NR_FP_STATS)
		return true;
	memset(s, 0, sizeof(*s));
	return false;
}
