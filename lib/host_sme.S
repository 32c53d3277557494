/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * host_sme.S - SME in the test program's own task (see host_sme.h).
 *
 * SME instructions are the .inst encodings of sme_insn.h, system
 * registers use generic names, so that any assembler builds this.
 */
#include "sme_asm.h"

	.text

func smekvm_host_svcr
	mrs	x0, s3_3_c4_c2_2		// svcr
	ret
endfunc smekvm_host_svcr

func smekvm_host_rdsvl
	.inst	RDSVL				// rdsvl x0, #1
	ret
endfunc smekvm_host_rdsvl

func smekvm_host_za_start
	.inst	SMSTART_ZA
	ret
endfunc smekvm_host_za_start

func smekvm_host_za_stop
	.inst	SMSTOP_ZA
	ret
endfunc smekvm_host_za_stop

/* x0 buffer, w1 row */
func smekvm_host_za_row_load
	mov	w12, w1
	.inst	LDR_ZA				// ldr za[w12, 0], [x0]
	ret
endfunc smekvm_host_za_row_load

func smekvm_host_za_row_store
	mov	w12, w1
	.inst	STR_ZA				// str za[w12, 0], [x0]
	ret
endfunc smekvm_host_za_row_store

func smekvm_host_tpidr2
	mrs	x0, s3_3_c13_c0_5		// tpidr2_el0
	ret
endfunc smekvm_host_tpidr2

func smekvm_host_set_tpidr2
	msr	s3_3_c13_c0_5, x0		// tpidr2_el0
	ret
endfunc smekvm_host_set_tpidr2
