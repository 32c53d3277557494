// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_sweep.c - how many vector lengths a test sweeps.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sme_sweep.h"

bool smekvm_sweep_all_vls(void)
{
	const char *tier = getenv("SMEKVM_TIER");
	const char *all = getenv("SMEKVM_ALL_VLS");
	char cmdline[1024] = "";
	FILE *f = fopen("/proc/cmdline", "r");

	if ((tier && !strcmp(tier, "full")) || (all && !strcmp(all, "1")))
		return true;
	if (f) {
		if (!fgets(cmdline, sizeof(cmdline), f))
			cmdline[0] = '\0';
		fclose(f);
	}
	return !strstr(cmdline, "kvm-arm.mode=protected");
}
