/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_fuzz_entry.h - the entry point of sme_fuzz's guest (see
 * sme_fuzz_entry.S and lib/sme_fuzz_run.c).
 */
#ifndef SMEKVM_SME_FUZZ_ENTRY_H
#define SMEKVM_SME_FUZZ_ENTRY_H

#ifndef __ASSEMBLY__
/*
 * Guest: the vcpu's PC after every INIT.  A NOP, then smekvm_fuzz_guest()
 * (lib/sme_fuzz_run.c), which never returns.
 */
void smekvm_fuzz_guest_entry(void);

/* Guest: the C code it branches to. */
void smekvm_fuzz_guest(void);
#endif /* !__ASSEMBLY__ */

#endif /* SMEKVM_SME_FUZZ_ENTRY_H */
