/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_fuzz_op.h - the operations of sme_fuzz's random sequences, and the
 * two ways one is written down: a line that says it ("vm0/vcpu1: set Z3
 * = pattern 0x2, NULL buffer") and the replay encoding that
 * SMEKVM_FUZZ_REPLAY takes back.
 *
 * An operation names its VM and its vcpu by slot (a sequence has
 * SMEKVM_FUZZ_NR_VMS VM slots of SMEKVM_FUZZ_NR_VCPUS vcpu slots), never
 * by a kernel object, so that a sequence is a list of plain values: the
 * same on every kernel, and a replay, a cut or a shrink of it
 * (sme_fuzz_seq.h) makes its own VMs and vcpus when it first uses a slot
 * (sme_fuzz_world.h).
 *
 * The replay encoding is one item per operation, separated by colons (a
 * comma would split the kernel command line that carries it to a guest):
 * "<letter><vm><vcpu><buffer kind>.<arg in hex>.<value in hex>", the
 * letter saying the kind ("IFGSDLAVMWR", in the order of enum
 * smekvm_fuzz_kind).
 */
#ifndef SMEKVM_SME_FUZZ_OP_H
#define SMEKVM_SME_FUZZ_OP_H

#include <stddef.h>
#include <linux/types.h>

#define SMEKVM_FUZZ_NR_VMS	2	/* VM slots of a sequence */
#define SMEKVM_FUZZ_NR_VCPUS	3	/* vcpu slots of a VM */

/* Room for what smekvm_fuzz_op_str() says of an operation. */
#define SMEKVM_FUZZ_OP_STR_MAX	160

enum smekvm_fuzz_kind {
	SMEKVM_FUZZ_INIT,	/* KVM_ARM_VCPU_INIT, @arg: features */
	SMEKVM_FUZZ_FINALIZE,	/* KVM_ARM_VCPU_FINALIZE, @arg: its value */
	SMEKVM_FUZZ_GET,	/* KVM_GET_ONE_REG of @arg into @buf */
	SMEKVM_FUZZ_SET,	/* KVM_SET_ONE_REG of @arg from @buf, @val */
	SMEKVM_FUZZ_IDREG,	/* ID register field @arg <- @val */
	SMEKVM_FUZZ_REG_LIST,	/* KVM_GET_REG_LIST */
	SMEKVM_FUZZ_AUDIT,	/* read every register */
	SMEKVM_FUZZ_NEW_VCPU,	/* a new vcpu in the slot */
	SMEKVM_FUZZ_NEW_VM,	/* a new VM in the slot */
	SMEKVM_FUZZ_MASKS,	/* KVM_ARM_GET_REG_WRITABLE_MASKS of the VM */
	SMEKVM_FUZZ_RUN,	/* KVM_RUN: a step of the guest (sme_fuzz_run.h) */
	SMEKVM_FUZZ_NR_KINDS
};

struct smekvm_fuzz_op {
	__u8 kind, vm, vcpu, buf;	/* buf: enum smekvm_buf_kind */
	__u64 arg;	/* features, FINALIZE value, register ID, ID field */
	__u64 val;	/* value written, or the tag of its pattern */
};

/*
 * The name of register @id (sme_names.h), in one of four buffers used in
 * turn, so that one message may name up to four registers.
 */
const char *smekvm_fuzz_reg_name(__u64 id);

/* What @op does, "vm0/vcpu1: get ZA row 3, NULL buffer", into @buf. */
const char *smekvm_fuzz_op_str(const struct smekvm_fuzz_op *op, char *buf,
			       size_t size);

/* The @n operations of @ops, one report line each ("  3: ..."). */
void smekvm_fuzz_print_ops(const struct smekvm_fuzz_op *ops, size_t n);

/* The replay encoding of @n operations, into a new string (free() it). */
char *smekvm_fuzz_encode(const struct smekvm_fuzz_op *ops, size_t n);

/* Parse replay encoding @s into @ops (room for @max); -1 if malformed. */
long smekvm_fuzz_decode(const char *s, struct smekvm_fuzz_op *ops,
			size_t max);

#endif /* SMEKVM_SME_FUZZ_OP_H */
