/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_hidden_insns.h - guest payload of arm64/sme_hidden.
 *
 * sme_hidden_<what>(arg) executes one instruction or system register
 * access at the label sme_hidden_<what>_insn (an MSR writes @arg) and
 * returns what an MRS read (0 for the others).  See sme_hidden_insns.S.
 */
#ifndef SMEKVM_SME_HIDDEN_INSNS_H
#define SMEKVM_SME_HIDDEN_INSNS_H

#include <linux/types.h>

#define SME_HIDDEN_INSN(what)					\
	u64 sme_hidden_##what(u64 arg);				\
	extern const char sme_hidden_##what##_insn[]

SME_HIDDEN_INSN(smstart);
SME_HIDDEN_INSN(smstop);
SME_HIDDEN_INSN(rdsvl);
SME_HIDDEN_INSN(zero_za);
SME_HIDDEN_INSN(zero_zt0);
SME_HIDDEN_INSN(fp_fmov);
SME_HIDDEN_INSN(sve_rdvl);
SME_HIDDEN_INSN(svcr_read);
SME_HIDDEN_INSN(svcr_write);
SME_HIDDEN_INSN(smcr_el1_read);
SME_HIDDEN_INSN(smcr_el1_write);
SME_HIDDEN_INSN(tpidr2_el0_read);
SME_HIDDEN_INSN(tpidr2_el0_write);
SME_HIDDEN_INSN(smpri_el1_read);
SME_HIDDEN_INSN(smpri_el1_write);
SME_HIDDEN_INSN(smidr_el1_read);
SME_HIDDEN_INSN(id_aa64pfr1_el1_read);
SME_HIDDEN_INSN(id_aa64smfr0_el1_read);

#endif /* SMEKVM_SME_HIDDEN_INSNS_H */
