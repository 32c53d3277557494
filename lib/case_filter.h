/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * case_filter.h - run a single named case of a test program.
 *
 * With SMEKVM_CASE=<name> in the environment, a program runs and reports
 * only the case whose name is exactly <name>: its plan counts that case
 * alone and the other cases are neither run nor printed.  Unset or empty:
 * every case runs.  A program none of whose cases matches skips as a
 * whole ("1..0 # SKIP").
 */
#ifndef SMEKVM_CASE_FILTER_H
#define SMEKVM_CASE_FILTER_H

#include <stdbool.h>

/* The requested case name, or NULL when every case runs. */
const char *smekvm_case_filter(void);

/* Whether the case called @name runs. */
bool smekvm_case_selected(const char *name);

#endif /* SMEKVM_CASE_FILTER_H */
