/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_names.h - the names the suite prints: errnos, registers and
 * register classes.
 *
 * Every message that names an errno, a register (by its ONE_REG ID) or a
 * class of registers takes the name from here, so that all programs and
 * the library say the same thing the same way ("EINVAL", "Z3",
 * "ZA row 17", "SMCR_EL1") and a spelling changes in one place.  Names
 * of registers come from the reference model (sme_model.h) for the
 * FP/SVE/SME state it tracks and from the get-reg-list data
 * (reg_sublists.h) for the others.  Nothing here needs KVM.
 */
#ifndef SMEKVM_SME_NAMES_H
#define SMEKVM_SME_NAMES_H

#include <stddef.h>
#include <linux/types.h>

#include "sme_model.h"
#include "sme_pattern.h"

/* Room for any name smekvm_reg_name() gives. */
#define SMEKVM_REG_NAME_MAX	64

/* "EPERM", "ENOENT", "EINVAL", ...; "success" for 0; else strerror(). */
const char *smekvm_errno_name(int err);

/*
 * A name for register @id, into @buf (@size bytes), which is returned:
 *
 *  - the state the reference model tracks: "V0", "Z3", "P15", "FFR",
 *    "ZA row 17", "ZT0", "SVCR", "FPSR", "FPCR", "FPMR", "SVE_VLS",
 *    "SME_VLS"; an ID of one of these classes that is malformed (another
 *    size, a slice, stray bits) gets the raw ID added: "Z3 (0x...)";
 *  - a register of the get-reg-list data: its name there ("SMCR_EL1",
 *    "X0", "ID_AA64PFR1_EL1");
 *  - others by their encoding: "S3_0_C1_C2_3", "CORE[0x42]", "FW[3]",
 *    "FW_FEAT_BMAP[1]", "CCSIDR[2]", or "register 0x..." for the rest.
 */
const char *smekvm_reg_name(__u64 id, char *buf, size_t size);

/* A class of the model: "V", "Z", "ZA", ..., "other" (SMEKVM_RC_NONE). */
const char *smekvm_reg_class_name(enum smekvm_reg_class rc);

/*
 * The SVCR states (index SVCR & 3) as case names spell them: "sm0za0",
 * "sm1za0", "sm0za1", "sm1za1".
 */
extern const char * const smekvm_svcr_names[4];

/*
 * A class of the patterns (sme_pattern.h), to be followed by the register
 * or row number: "V", "Z", "P", "FFR", "ZA row ", "ZT0".
 */
const char *smekvm_pattern_cls_name(enum smekvm_pattern_class cls);

#endif /* SMEKVM_SME_NAMES_H */
