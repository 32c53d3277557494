/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_fault_buf.h - user buffers that the kernel cannot copy in full, for
 * the EFAULT row of ONE_REG (abi-onereg-efault) and for the rule that a
 * failed access changes nothing (abi-onereg-unchanged).
 *
 * Kinds: a NULL pointer; an address outside user space (no mapping can
 * ever make it valid, unlike a page that was unmapped and may be reused);
 * a page mapped PROT_NONE; and a buffer that starts in a mapped page and
 * runs into that PROT_NONE page, so that a copy faults part-way (a write
 * whose first half was readable must still store nothing).
 */
#ifndef SMEKVM_SME_FAULT_BUF_H
#define SMEKVM_SME_FAULT_BUF_H

#include <stddef.h>

enum smekvm_buf_kind {
	SMEKVM_BUF_GOOD,	/* the caller's buffer */
	SMEKVM_BUF_NULL,
	SMEKVM_BUF_KERNEL,	/* an address outside user space */
	SMEKVM_BUF_NONE,	/* a PROT_NONE page */
	SMEKVM_BUF_HALF,	/* mapped, then PROT_NONE */
	SMEKVM_NR_BUF_KINDS
};

/*
 * A buffer of @len bytes (at most a page) of @kind: @good itself for
 * SMEKVM_BUF_GOOD; for SMEKVM_BUF_HALF, its first half (at least one
 * byte, filled from @good) is mapped and the rest faults.
 */
void *smekvm_fault_buf(enum smekvm_buf_kind kind, const void *good,
		       size_t len);

/* "good", "NULL", "kernel address", "PROT_NONE page", "half-mapped". */
/* How many of the first @len bytes of such a buffer can be accessed. */
size_t smekvm_fault_buf_mapped(enum smekvm_buf_kind kind, size_t len);

const char *smekvm_buf_kind_name(enum smekvm_buf_kind kind);

#endif /* SMEKVM_SME_FAULT_BUF_H */
