// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_fault_buf.c - user buffers that fault (see sme_fault_buf.h).
 */
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

#include <test_util.h>

#include "sme_fault_buf.h"

/* Two pages: the first read-write, the second PROT_NONE. */
static char *pages;

static size_t page_size(void)
{
	return getpagesize();
}

static void map_pages(void)
{
	void *p;

	if (pages)
		return;
	p = mmap(NULL, 2 * page_size(), PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	TEST_ASSERT(p != MAP_FAILED, "mmap of the fault pages");
	TEST_ASSERT(!mprotect((char *)p + page_size(), page_size(), PROT_NONE),
		    "mprotect of the fault page");
	pages = p;
}

void *smekvm_fault_buf(enum smekvm_buf_kind kind, const void *good,
		       size_t len)
{
	size_t head;

	TEST_ASSERT(len && len <= page_size(), "fault buffer of %zu bytes",
		    len);
	switch (kind) {
	case SMEKVM_BUF_NULL:
		return NULL;
	case SMEKVM_BUF_KERNEL:
		/* The top page: kernel space with any VA size and TBI. */
		return (void *)-page_size();
	case SMEKVM_BUF_NONE:
		map_pages();
		return pages + page_size();
	case SMEKVM_BUF_HALF:
		map_pages();
		head = smekvm_fault_buf_mapped(kind, len);
		if (!head)
			return pages + page_size();
		memcpy(pages + page_size() - head, good, head);
		return pages + page_size() - head;
	default:
		return (void *)good;
	}
}

size_t smekvm_fault_buf_mapped(enum smekvm_buf_kind kind, size_t len)
{
	if (kind == SMEKVM_BUF_GOOD)
		return len;
	return kind == SMEKVM_BUF_HALF && len > 1 ? len / 2 : 0;
}

const char *smekvm_buf_kind_name(enum smekvm_buf_kind kind)
{
	static const char * const names[SMEKVM_NR_BUF_KINDS] = {
		[SMEKVM_BUF_GOOD] = "good",
		[SMEKVM_BUF_NULL] = "NULL",
		[SMEKVM_BUF_KERNEL] = "kernel address",
		[SMEKVM_BUF_NONE] = "PROT_NONE page",
		[SMEKVM_BUF_HALF] = "half-mapped",
	};

	return kind < SMEKVM_NR_BUF_KINDS ? names[kind] : "?";
}
