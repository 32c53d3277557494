// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_flavour.c - the vcpu flavours and their names (see sme_flavour.h).
 */
#include <test_util.h>

#include "sme_flavour.h"

#define FLAVOUR(_id, _name, _what, ...)					\
	[SMEKVM_FL_##_id] = {						\
		.id = SMEKVM_FL_##_id, .name = _name, .what = _what,	\
		.cfg = { __VA_ARGS__ },					\
	}

static const struct smekvm_flavour_info flavours[SMEKVM_NR_FLAVOURS] = {
	FLAVOUR(NO_VEC, "no_vec", "neither SVE nor SME (FP/SIMD only)"),
	FLAVOUR(SVE_ONLY, "sve_only", "SVE without SME", .sve = true),
	FLAVOUR(SME_ONLY, "sme_only", "SME without SVE", .sme = true),
	FLAVOUR(SVE_SME, "sve_sme", "SVE and SME", .sve = true, .sme = true),
	FLAVOUR(SME2_HIDDEN, "sme2_hidden", "SME without SVE, SME2 hidden",
		.sme = true, .hide_sme2 = true),
	FLAVOUR(FA64_HIDDEN, "fa64_hidden", "SME without SVE, FA64 hidden",
		.sme = true, .hide_fa64 = true),
};

const struct smekvm_flavour_info *smekvm_flavour(enum smekvm_flavour f)
{
	TEST_ASSERT((unsigned int)f < SMEKVM_NR_FLAVOURS, "no flavour %d", f);
	return &flavours[f];
}
