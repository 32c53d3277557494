// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_pattern.c - register contents that say where they belong.
 */
#include "sme_pattern.h"

__u8 smekvm_pattern_byte(__u32 tag, size_t off)
{
	__u32 x = tag * 0x9e3779b1u ^ (__u32)off * 0x85ebca6bu;

	x ^= x >> 15;
	x *= 0x2c1b3c6du;
	x ^= x >> 12;
	return (x & 0xff) ? (x & 0xff) : 0x5a;
}

void smekvm_pattern_fill(void *buf, size_t len, __u32 tag)
{
	__u8 *p = buf;
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = smekvm_pattern_byte(tag, i);
}

void smekvm_pattern_fill_ffr(void *buf, size_t len, __u32 tag)
{
	size_t bits = len * 8, ones, i;
	__u8 *p = buf;

	if (!len)
		return;
	ones = 1 + (tag * 0x9e3779b1u >> 8) % bits;
	for (i = 0; i < len; i++) {
		if (ones >= 8 * (i + 1))
			p[i] = 0xff;
		else if (ones > 8 * i)
			p[i] = (1u << (ones - 8 * i)) - 1;
		else
			p[i] = 0;
	}
}

void smekvm_pattern_fill_reg(void *buf, size_t len,
			     enum smekvm_pattern_class cls, __u32 tag)
{
	if (cls == SMEKVM_CLS_FFR)
		smekvm_pattern_fill_ffr(buf, len, tag);
	else
		smekvm_pattern_fill(buf, len, tag);
}

long smekvm_first_diff(const void *buf, const void *want, size_t len)
{
	const __u8 *a = buf, *b = want;
	size_t i;

	for (i = 0; i < len; i++)
		if (a[i] != b[i])
			return i;
	return -1;
}
