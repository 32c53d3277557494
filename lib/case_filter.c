// SPDX-License-Identifier: GPL-2.0-only
/*
 * case_filter.c - run a single named case of a test program (SMEKVM_CASE).
 */
#include <stdlib.h>
#include <string.h>

#include "case_filter.h"

const char *smekvm_case_filter(void)
{
	const char *name = getenv("SMEKVM_CASE");

	return name && *name ? name : NULL;
}

bool smekvm_case_selected(const char *name)
{
	const char *filter = smekvm_case_filter();

	return !filter || !strcmp(filter, name);
}
