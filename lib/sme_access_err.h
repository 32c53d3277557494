/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_access_err.h - whether the errno of a ONE_REG access to a vector or
 * matrix register is acceptable under the running profile
 * (abi-onereg-order, abi-vls-final-eperm).
 *
 * Which rows of the error table apply to an access, and their errnos,
 * are the reference model's (smekvm_model_access_rows() and
 * smekvm_model_rows_errno(), lib/sme_model.h): this file keeps no table
 * of its own.  What it adds is the profile: the order of the rows is an
 * [ours] rule (SMEKVM_RULE_ERROR_ORDER), and a kernel without it may give
 * the errno of any row that applies.  The error table this file used to
 * keep beside the model, as a second opinion, restated the rules; the
 * model now checks itself instead (smekvm_model_self_check()).
 */
#ifndef SMEKVM_SME_ACCESS_ERR_H
#define SMEKVM_SME_ACCESS_ERR_H

#include <stdbool.h>

/*
 * Whether @err is a correct result for an access to which the model's
 * @rows (SMEKVM_ROW_*) apply: the errno of the first row, or, when the
 * profile lacks the [ours] order, the errno of any row that applies.
 */
bool smekvm_access_err_ok(unsigned int rows, int err);

#endif /* SMEKVM_SME_ACCESS_ERR_H */
