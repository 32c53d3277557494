/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_cpu.h - moving the calling thread between host CPUs, so that a
 * vcpu's next KVM_RUN enters from another CPU than its last exit.
 */
#ifndef SMEKVM_SME_CPU_H
#define SMEKVM_SME_CPU_H

/*
 * Pin the calling thread to online CPU @i (modulo the number of online
 * CPUs) and yield, so that it runs there from now on. Does nothing on a
 * host with one CPU.
 */
void smekvm_move_to_cpu(unsigned int i);

#endif /* SMEKVM_SME_CPU_H */
