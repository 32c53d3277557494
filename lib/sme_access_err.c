// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_access_err.c - whether the errno of a ONE_REG access is acceptable
 * under the running profile; the rows and their errnos are the model's.
 */
#include <linux/bits.h>

#include "sme_access_err.h"
#include "sme_model.h"
#include "sme_profile.h"

bool smekvm_access_err_ok(unsigned int rows, int err)
{
	unsigned int i;

	if (err == smekvm_model_rows_errno(rows))
		return true;
	if (!rows || smekvm_profile_has(SMEKVM_RULE_ERROR_ORDER))
		return false;
	for (i = 0; i < 32; i++)
		if ((rows & BIT(i)) && err == smekvm_model_rows_errno(BIT(i)))
			return true;
	return false;
}
