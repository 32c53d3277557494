// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_fuzz_world.c - the VMs and vcpus of a sequence and the record of
 * its checks (see sme_fuzz_world.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kvm_util.h>
#include <test_util.h>

#include "sme_conf.h"
#include "sme_fuzz_world.h"
#include "sme_fuzz_run.h"
#include "sme_names.h"

void smekvm_fuzz_vcpu_reset(struct smekvm_fuzz_vcpu *c)
{
	c->vcpu = NULL;
	c->where = SMEKVM_FUZZ_IDLE;
	c->late = false;
	c->park_smcr = 0;
	memset(&c->v, 0, sizeof(c->v));
	memset(c->m, 0, sizeof(*c->m));
}

void smekvm_fuzz_vm_reset(struct smekvm_fuzz_vm *v)
{
	unsigned int j;

	if (v->vm)
		kvm_vm_free(v->vm);
	v->vm = NULL;
	v->next_id = 0;
	v->runnable = false;
	memset(&v->mvm, 0, sizeof(v->mvm));
	for (j = 0; j < SMEKVM_FUZZ_NR_VCPUS; j++)
		smekvm_fuzz_vcpu_reset(&v->c[j]);
}

void smekvm_fuzz_world_init(struct smekvm_fuzz_world *w, bool quiet)
{
	struct smekvm_fuzz_vcpu *c;
	unsigned int i, j;

	for (i = 0; i < SMEKVM_FUZZ_NR_VMS; i++) {
		for (j = 0; j < SMEKVM_FUZZ_NR_VCPUS; j++) {
			c = &w->vm[i].c[j];
			if (!c->m)
				c->m = calloc(1, sizeof(*c->m));
			TEST_ASSERT(c->m, "out of memory");
		}
	}
	for (i = 0; i < SMEKVM_FUZZ_NR_VMS; i++)
		smekvm_fuzz_vm_reset(&w->vm[i]);
	w->quiet = quiet;
	w->count = !quiet;
	w->calls = 0;
	w->vms = 0;
	w->failed = false;
	w->said = 0;
}

void smekvm_fuzz_world_free(struct smekvm_fuzz_world *w)
{
	unsigned int i;

	for (i = 0; i < SMEKVM_FUZZ_NR_VMS; i++)
		smekvm_fuzz_vm_reset(&w->vm[i]);
}

struct smekvm_fuzz_vcpu *smekvm_fuzz_slot(struct smekvm_fuzz_world *w,
					  const struct smekvm_fuzz_op *op)
{
	struct smekvm_fuzz_vm *v = &w->vm[op->vm];
	struct smekvm_fuzz_vcpu *c = &v->c[op->vcpu];

	if (!v->vm) {
		if (op->vm == SMEKVM_FUZZ_RUN_VM)
			smekvm_fuzz_run_vm_create(v);
		else
			v->vm = vm_create_barebones();
		w->vms++;
	}
	if (!c->vcpu) {
		c->vcpu = __vm_vcpu_add(v->vm, v->next_id++);
		memset(&c->v, 0, sizeof(c->v));
		c->late = v->runnable && v->mvm.ran;
	}
	return c;
}

/* The check that failed last, for smekvm_fuzz_fail(). */
static struct smekvm_fuzz_world *failing;
static struct smekvm_tags failing_tags;

bool smekvm_fuzz_counted(struct smekvm_fuzz_world *w,
			 const struct smekvm_tags *t, bool ok)
{
	if (w->count)
		smekvm_tags_count(w->cov, t);
	if (ok)
		return true;
	if (!w->failed) {
		w->failed = true;
		w->fail_op = w->cur;
		w->fail_tags = *t;
	}
	failing = w;
	failing_tags = *t;
	return false;
}

bool smekvm_fuzz_fail(const char *fmt, ...)
{
	char msg[256], rules[512], desc[SMEKVM_FUZZ_OP_STR_MAX];
	struct smekvm_fuzz_world *w = failing;
	va_list ap;

	if (w->quiet || ++w->said > 4)
		return false;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	smekvm_report("op %zu (%s): %s [rules:%s]", w->cur,
		      smekvm_fuzz_op_str(w->cur_op, desc, sizeof(desc)), msg,
		      smekvm_tags_str(&failing_tags, rules, sizeof(rules)));
	return false;
}

bool smekvm_fuzz_check_err(struct smekvm_fuzz_world *w,
			   const struct smekvm_tags *t, const char *what,
			   int got, int want)
{
	return SMEKVM_FUZZ_CHECK(w, t, got == want, "%s: %s, expected %s",
				 what, smekvm_errno_name(got),
				 smekvm_errno_name(want));
}
