/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_fuzz_entry.S - the entry point of sme_fuzz's guest: a NOP, then its
 * C code.
 *
 * KVM completes an MMIO exit at the next KVM_RUN by stepping the PC past
 * the access, even when an INIT reset the vcpu in between.  sme_fuzz
 * INITs vcpus parked at the exit page and points their PC here: that
 * step then skips the NOP instead of an instruction of the guest.
 */
#ifndef __ASSEMBLY__
#define __ASSEMBLY__
#endif
#include "sme_fuzz_entry.h"
#include "sme_asm.h"

	.text

func smekvm_fuzz_guest_entry
	nop
	b	smekvm_fuzz_guest
endfunc smekvm_fuzz_guest_entry

	.section .note.GNU-stack, "", %progbits
