/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_insn.h - the SME and SVE instruction encodings the suite uses, each
 * named once, for assembly (.S files, through sme_asm.h) and C inline
 * assembly alike.
 *
 * The suite emits these instructions as .inst words, with the mnemonic in
 * a comment, so that any assembler builds it, whatever SME and SVE
 * support it has.  Each name is the encoding with register 0 in every
 * register field (and base x0); a use ORs in the registers it wants, as
 * the comment of its group says.  The encodings were checked against
 * binutils 2.47 (.arch armv9.4-a+sme2+sme-fa64).  FP and Advanced SIMD
 * instructions, which every AArch64 assembler knows, are written as
 * mnemonics instead.
 *
 * Only numbers here, so that C and the assembler read the same file;
 * GNU as macros are in sme_asm.h.
 */
#ifndef SMEKVM_SME_INSN_H
#define SMEKVM_SME_INSN_H

/* PSTATE.SM and PSTATE.ZA. */
#define SMSTART		0xd503477f	/* smstart */
#define SMSTART_SM	0xd503437f	/* smstart sm */
#define SMSTART_ZA	0xd503457f	/* smstart za */
#define SMSTOP		0xd503467f	/* smstop */
#define SMSTOP_SM	0xd503427f	/* smstop sm */
#define SMSTOP_ZA	0xd503447f	/* smstop za */

/* Register 0 and base x0: OR in (base << 5) | register. */
#define LDR_Z		0x85804000	/* ldr z0, [x0] */
#define STR_Z		0xe5804000	/* str z0, [x0] */
#define LDR_P		0x85800000	/* ldr p0, [x0] */
#define STR_P		0xe5800000	/* str p0, [x0] */
#define LDR_Q		0x3dc00000	/* ldr q0, [x0] */
#define STR_Q		0x3d800000	/* str q0, [x0] */

/* Base x0: OR in (base << 5). */
#define LDR_ZA		0xe1000000	/* ldr za[w12, 0], [x0] */
#define STR_ZA		0xe1200000	/* str za[w12, 0], [x0] */
#define LDR_ZT0		0xe11f8000	/* ldr zt0, [x0] */
#define STR_ZT0		0xe13f8000	/* str zt0, [x0] */

/* P0: OR in the predicate, RDFFR's in bits 3:0, WRFFR's in bits 8:5. */
#define RDFFR		0x2519f000	/* rdffr p0.b */
#define WRFFR		0x25289000	/* wrffr p0.b */

/* Z0 and x0: OR in (x register << 5) | z register. */
#define DUP_Z_X		0x05e03800	/* mov z0.d, x0 (dup) */

/* Z0 from Z0: an SVE instruction that changes no register. */
#define MOV_Z		0x04603000	/* mov z0.d, z0.d (orr) */

/* x0 = vector length in bytes: OR in the destination register. */
#define RDVL		0x04bf5020	/* rdvl x0, #1 */
#define RDSVL		0x04bf5820	/* rdsvl x0, #1 */

/* All of ZA, ZT0. */
#define ZERO_ZA		0xc00800ff	/* zero {za} */
#define ZERO_ZT0	0xc0480001	/* zero {zt0} */

#ifndef __ASSEMBLER__
#define SMEKVM_INSN_STR_(x)	#x
#define SMEKVM_INSN_STR(x)	SMEKVM_INSN_STR_(x)
/* The assembler line that emits encoding @x, for C inline assembly. */
#define SMEKVM_INST(x)		".inst " SMEKVM_INSN_STR(x)
#endif

#endif /* SMEKVM_SME_INSN_H */
