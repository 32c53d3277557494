// SPDX-License-Identifier: GPL-2.0-only
/*
 * host_sme_load.c - host threads that use SME while vcpus run.
 */
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/auxv.h>
#include <asm/hwcap.h>
#include <linux/compiler.h>

#include "host_sme.h"
#include "host_sme_load.h"
#include "sme_pattern.h"
#include "sme_settings.h"

#define ROW_MAX	256

struct load_thread {
	pthread_t thread;
	unsigned int id;
	unsigned long rounds, errors;
	bool *stop;
};

struct smekvm_host_load {
	bool stop;
	unsigned int n;
	struct load_thread t[];
};

static void *load_main(void *arg)
{
	struct load_thread *t = arg;
	__u8 want[ROW_MAX], got[ROW_MAX];
	__u64 svl = smekvm_host_rdsvl(), tp;
	__u32 row;

	while (!READ_ONCE(*t->stop)) {
		row = t->rounds % svl;
		tp = 0x5e0000000000ULL | (__u64)t->id << 24 |
		     (t->rounds & 0xffffff);
		smekvm_pattern_fill(want, svl,
				    smekvm_tag(15, t->rounds, SMEKVM_CLS_ZA,
					       t->id << 8 | row));
		smekvm_host_za_start();
		smekvm_host_za_row_load(want, row);
		smekvm_host_set_tpidr2(tp);
		sched_yield();
		smekvm_host_za_row_store(got, row);
		if (memcmp(got, want, svl) || smekvm_host_tpidr2() != tp)
			t->errors++;
		smekvm_host_za_stop();
		t->rounds++;
	}
	return NULL;
}

bool smekvm_host_task_sme(void)
{
	const char *s = smekvm_setting("SMEKVM_HOST_SME");

	return (getauxval(AT_HWCAP2) & HWCAP2_SME) && !(s && !strcmp(s, "0"));
}

struct smekvm_host_load *smekvm_host_load_start(void)
{
	struct smekvm_host_load *l;
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned int i;

	if (!smekvm_host_task_sme() || n < 1)
		return NULL;
	l = calloc(1, sizeof(*l) + n * sizeof(l->t[0]));
	if (!l)
		return NULL;
	l->n = n;
	for (i = 0; i < l->n; i++) {
		l->t[i].id = i;
		l->t[i].stop = &l->stop;
		if (pthread_create(&l->t[i].thread, NULL, load_main, &l->t[i])) {
			l->n = i;
			break;
		}
	}
	return l;
}

unsigned int smekvm_host_load_stop(struct smekvm_host_load *l,
				   unsigned long *rounds,
				   unsigned long *errors)
{
	unsigned int i, n;

	*rounds = 0;
	*errors = 0;
	if (!l)
		return 0;
	WRITE_ONCE(l->stop, true);
	for (i = 0; i < l->n; i++) {
		pthread_join(l->t[i].thread, NULL);
		*rounds += l->t[i].rounds;
		*errors += l->t[i].errors;
	}
	n = l->n;
	free(l);
	return n;
}
