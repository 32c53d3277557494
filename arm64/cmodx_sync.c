// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmodx_sync - code that one CPU modifies and synchronises executes in its
 * new form on every other CPU.
 *
 * Not an SME test: a check of the platform the suite runs on.  KVM relies
 * on it: the preempt notifiers that put and load a vcpu around every
 * reschedule sit behind a static key, which the kernel patches (a NOP
 * becomes a branch, and back) each time the number of VMs goes from 0 to
 * 1 and back.  A CPU that kept executing the old instruction after the
 * patch would load a vcpu it never put, or put one it never loads again
 * (doc/known-issues.md, "QEMU 11.1: stale code after cross-CPU
 * modification").
 *
 * One thread (the writer, on CPU 0) rewrites the immediate of a MOVZ in a
 * page it maps writable at one address, as the kernel patches its text
 * through a fixmap alias; the page is mapped executable at another.  Each
 * generation writes an intermediate value, waits a varying while, writes
 * the final one, cleans and invalidates (DC CVAU, IC IVAU, DSB ISH) and
 * publishes the generation with a release store.  The other thread (the
 * executor, on CPU 1) calls the code in a loop; when it observes a new
 * generation (acquire load) it executes an ISB and calls the code, which
 * must return exactly that generation: once the invalidation is complete
 * and the executor has had a context synchronisation event, it fetches the
 * new instruction.  The writer waits for the executor's answer before the
 * next generation, so no write is in flight at the check.  A stale result
 * is retried with more ISBs, to tell a transient copy from one that stays.
 *
 * It runs twice, with two layouts of the page: page_alone, where the
 * modified code is the only code in it, and page_shared, where the
 * executor also keeps running other code in the same page, as with kernel
 * text.  Case cmodx/stale_after_sync: no stale result in either; the
 * counts of each are printed (under QEMU, page_shared gives few enough
 * that it alone would not fail every run).
 * Skips on a single CPU.  Generations per layout: 10000, 30000 in the full
 * tier, or SMEKVM_ITERS (at most 32767).
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <unistd.h>
#include <sys/mman.h>
#include <linux/types.h>

#include "kselftest.h"
#include "sme_cpu.h"
#include "sme_settings.h"

#define MOVZ_W0(imm)	(0x52800000u | ((__u32)(imm) << 5))
#define RET		0xd65f03c0u
#define MID_BIT		0x8000u		/* marks the intermediate value */
#define GEN_MASK	0x7fffu
#define RETRIES		1000
#define OTHER_OFF	64		/* other code in the page, in words */

typedef __u32 (*fn_t)(void);

struct layout {
	const char *name;
	int shared;
};

static const struct layout layouts[] = {
	{ "page_alone",		0 },
	{ "page_shared",	1 },
};

static __u32 *code_w;			/* writable alias of the page */
static fn_t code_x, other_x;		/* executable alias */
static __u32 pub, ack;		/* generation published, answered */
static int shared;

static struct {
	unsigned long stale, persistent;
	__u32 gen, val;
} res;

static void isb(void)
{
	asm volatile("isb" ::: "memory");
}

static void sync_icache(void)
{
	__builtin___clear_cache((char *)code_x, (char *)code_x + 8);
}

/* The code must now return generation @g. */
static void check(__u32 g)
{
	__u32 want = g & GEN_MASK, v;
	int i;

	isb();
	v = code_x();
	if (v == want)
		return;
	if (!res.stale++) {
		res.gen = want;
		res.val = v;
	}
	for (i = 0; i < RETRIES && v != want; i++) {
		isb();
		v = code_x();
	}
	if (v != want)
		res.persistent++;
}

static void *executor(void *arg)
{
	__u32 seen = 0, g;

	smekvm_move_to_cpu(1);
	for (;;) {
		g = __atomic_load_n(&pub, __ATOMIC_ACQUIRE);
		if (g == seen) {
			/* keep the blocks hot, so they are translated again */
			(void)code_x();
			if (shared)
				(void)other_x();
			continue;
		}
		if (!g)
			break;
		check(g);
		seen = g;
		__atomic_store_n(&ack, g, __ATOMIC_RELEASE);
	}
	return arg;
}

static void write_gen(__u32 g)
{
	int d;

	__atomic_store_n(code_w, MOVZ_W0((g & GEN_MASK) | MID_BIT),
			 __ATOMIC_RELAXED);
	for (d = 0; d < (int)(g % 257); d++)
		asm volatile("" ::: "memory");
	__atomic_store_n(code_w, MOVZ_W0(g & GEN_MASK), __ATOMIC_RELAXED);
	sync_icache();
	__atomic_store_n(&pub, g, __ATOMIC_RELEASE);
	while (__atomic_load_n(&ack, __ATOMIC_ACQUIRE) != g)
		;
}

static unsigned long run_layout(const struct layout *l, unsigned long iters)
{
	pthread_t t;
	__u32 g;

	shared = l->shared;
	res = (typeof(res)){ 0 };
	pub = 0;
	ack = 0;
	code_w[0] = MOVZ_W0(0);
	code_w[1] = RET;
	code_w[OTHER_OFF] = MOVZ_W0(1);
	code_w[OTHER_OFF + 1] = RET;
	__builtin___clear_cache((char *)code_x,
				(char *)(other_x) + 8);

	if (pthread_create(&t, NULL, executor, NULL))
		ksft_exit_fail_perror("pthread_create");
	smekvm_move_to_cpu(0);
	for (g = 1; g <= iters; g++)
		write_gen(g);
	__atomic_store_n(&pub, 0, __ATOMIC_RELEASE);
	pthread_join(t, NULL);

	ksft_print_msg("%s: %lu generations, %lu stale after synchronisation, %lu still stale after %d more ISBs\n",
		       l->name, iters, res.stale, res.persistent, RETRIES);
	if (res.stale)
		ksft_print_msg("%s: first: generation %u executed as %u (0x%x)\n",
			       l->name, res.gen, res.val, res.val);
	return res.stale;
}

int main(void)
{
	long page = sysconf(_SC_PAGESIZE);
	unsigned long iters = smekvm_iters(10000, 30000, 1);
	unsigned long stale = 0;
	void *w, *x;
	unsigned int i;
	int fd;

	ksft_print_header();
	ksft_set_plan(1);

	if (sysconf(_SC_NPROCESSORS_ONLN) < 2) {
		ksft_test_result_code(KSFT_SKIP, "cmodx/stale_after_sync",
				      "needs two CPUs");
		ksft_finished();
	}
	if (iters > GEN_MASK)
		iters = GEN_MASK;

	fd = memfd_create("cmodx_sync", 0);
	if (fd < 0 || ftruncate(fd, page))
		ksft_exit_fail_perror("memfd");
	w = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	x = mmap(NULL, page, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
	if (w == MAP_FAILED || x == MAP_FAILED)
		ksft_exit_fail_perror("mmap");
	code_w = w;
	code_x = (fn_t)x;
	other_x = (fn_t)((__u32 *)x + OTHER_OFF);

	for (i = 0; i < ARRAY_SIZE(layouts); i++)
		stale += run_layout(&layouts[i], iters);
	ksft_test_result(!stale, "cmodx/stale_after_sync\n");
	ksft_finished();
}
