/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_pattern.h - register contents that say where they belong.
 *
 * A pattern is a byte sequence derived from a tag that names the vcpu, the
 * generation (step of a test), the register class and the register (or ZA
 * row).  Every byte depends on the tag and on its own offset and is never
 * zero, so a register holding another register's, another step's or
 * another vcpu's value, a shifted value or zeroes is told apart, and the
 * first wrong byte identifies what went wrong.
 *
 * This is the suite's one generator of register contents: tests that
 * need a value that is not zero and differs per register and per step
 * fill it from a tag, smekvm_tag() or smekvm_id_tag(), or from any
 * number of their own that they can reproduce.
 *
 * Plain C without library calls: guest code uses it as well as the host
 * (never in streaming mode, where compiled code may be illegal).
 */
#ifndef SMEKVM_SME_PATTERN_H
#define SMEKVM_SME_PATTERN_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

/* Not sme_model.h's enum smekvm_reg_class: a program may include both. */
enum smekvm_pattern_class {
	SMEKVM_CLS_V = 1,
	SMEKVM_CLS_Z,
	SMEKVM_CLS_P,
	SMEKVM_CLS_FFR,
	SMEKVM_CLS_ZA,
	SMEKVM_CLS_ZT0,
};

/* vcpu: 4 bits, generation: 8 bits, class: 4 bits, register: 16 bits. */
static inline __u32 smekvm_tag(unsigned int vcpu, unsigned int gen,
			       enum smekvm_pattern_class cls, unsigned int reg)
{
	return (vcpu & 0xf) << 28 | (gen & 0xff) << 20 | (cls & 0xf) << 16 |
	       (reg & 0xffff);
}

/*
 * The tag of the register whose ONE_REG ID is @id, in step @step, for
 * tests that know registers by their ID (sme_check.h): the ID folded to
 * 32 bits, combined with the step so that no two steps of a register
 * share a tag.
 */
static inline __u32 smekvm_id_tag(__u64 id, unsigned int step)
{
	return (__u32)((id * 0x9e3779b97f4a7c15ULL) >> 32) ^
	       step * 0x85ebca6bu;
}

/* Byte @off of the pattern of @tag; never 0. */
__u8 smekvm_pattern_byte(__u32 tag, size_t off);

/* Fill @len bytes with the pattern of @tag. */
void smekvm_pattern_fill(void *buf, size_t len, __u32 tag);

/*
 * An FFR value: FFR must hold a monotonic predicate (ones from bit 0, then
 * zeroes), so its pattern is a tag-dependent number of leading ones, at
 * least one, in @len bytes.
 */
void smekvm_pattern_fill_ffr(void *buf, size_t len, __u32 tag);

/*
 * The value of a register of class @cls: smekvm_pattern_fill_ffr() for
 * FFR, smekvm_pattern_fill() for the others.
 */
void smekvm_pattern_fill_reg(void *buf, size_t len,
			     enum smekvm_pattern_class cls, __u32 tag);

/* Offset of the first byte of @buf that differs from @want, or -1. */
long smekvm_first_diff(const void *buf, const void *want, size_t len);

#endif /* SMEKVM_SME_PATTERN_H */
