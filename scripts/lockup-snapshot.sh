#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# lockup-snapshot.sh - what every vCPU of a stuck guest is doing, seen from
# QEMU's gdbstub.
#
# Usage: lockup-snapshot.sh SOCKET QEMU_PID SYSTEM_MAP OUT [COUNT [GAP]]
#
# A CPU spinning at EL2 (the nVHE or protected hypervisor) or in VHE's
# world switch with interrupts masked cannot print its own backtrace, and
# without pseudo-NMI neither can any CPU at EL1 with interrupts masked: the
# kernel's lockup reports then say only which CPU is stuck. QEMU still
# knows. COUNT snapshots (default 3), GAP seconds apart (default 2), each:
# per vCPU the PC, PSTATE, SP, LR and the EL2 system registers the monitor
# does not show (ESR_EL2, ELR_EL2, FAR_EL2, SPSR_EL2, HCR_EL2, CPTR_EL2,
# SMCR_EL2, SVCR, VBAR_EL2, SP_EL2), the PC and LR as symbols, the general
# registers, then the monitor's "info registers -a". Symbols come from
# SYSTEM_MAP ("-" for none); a PC at EL2 outside the kernel image is a hyp
# VA, moved back to a kernel address by the offset between VBAR_EL2 and
# the nVHE hyp vector's address in System.map. A gdbstub that does not
# answer is itself evidence (QEMU stuck, not the guest): then QEMU's
# host-side threads are shown, with their state and CPU time, twice.
# Appends to OUT. Every gdb call runs under a timeout; never blocks.
set -u

sock=${1:?usage: lockup-snapshot.sh SOCKET QEMU_PID SYSTEM_MAP OUT [COUNT [GAP]]}
qpid=${2:?}
map=${3:?}
out=${4:?}
count=${5:-3}
gap=${6:-2}
gdb=${SMEKVM_GDB:-gdb-multiarch}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/smekvm-snap.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

# The gdb script: one "smekvm-reg NAME VALUE" line per register of every
# vCPU, registers the CPU lacks (SVCR without SME) left out.
{
	cat <<'EOF'
set pagination off
set confirm off
set width 0
define smekvm_regs
  printf "smekvm-cpu %d\n", $_thread
EOF
	for r in pc cpsr sp x30 ESR_EL2 ELR_EL2 FAR_EL2 SPSR_EL2 HCR_EL2 \
		 CPTR_EL2 SMCR_EL2 SVCR VBAR_EL2 SP_EL2 ELR_EL1 ESR_EL1; do
		printf '  if !$_isvoid($%s)\n' "$r"
		printf '    printf "smekvm-reg %s %%#018lx\\n", $%s\n' "$r" "$r"
		printf '  end\n'
	done
	cat <<'EOF'
end
info threads
thread apply all -q smekvm_regs
thread apply all info registers x0 x1 x2 x3 x4 x5 x6 x7 x8 x9 x10 x11 x12 x13 x14 x15 x16 x17 x18 x19 x20 x21 x22 x23 x24 x25 x26 x27 x28 x29 x30 sp pc cpsr
monitor info registers -a
detach
EOF
} > "$tmp/cmds"

# The text symbols of System.map, address as 16 hex digits, sorted.
if [ -r "$map" ]; then
	awk '$2 ~ /^[tTwW]$/ || $3 == "_etext" { a = tolower($1); while (length(a) < 16) a = "0" a; print a, $3 }' \
		"$map" | LC_ALL=C sort > "$tmp/syms"
else
	: > "$tmp/syms"
fi

# symbolize: the smekvm-reg lines of one snapshot on stdin; per CPU one
# summary line with the exception level and PC and LR as symbols.
symbolize() {
	awk -v syms="$tmp/syms" '
	function hex(s,   i, n) {
		s = tolower(s); sub(/^0x/, "", s); n = 0
		for (i = 1; i <= length(s); i++)
			n = n * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
		return n
	}
	function pad(s) {
		s = tolower(s); sub(/^0x/, "", s)
		while (length(s) < 16) s = "0" s
		return s
	}
	# a - b modulo 2^64, 16 hex digits: in two 32-bit halves, so that
	# awk doubles stay exact.
	function sub64(a, b,   ah, al, bh, bl, l, h) {
		a = pad(a); b = pad(b)
		ah = hex(substr(a, 1, 8)); al = hex(substr(a, 9))
		bh = hex(substr(b, 1, 8)); bl = hex(substr(b, 9))
		l = al - bl; h = ah - bh
		if (l < 0) { l += 4294967296; h-- }
		if (h < 0) h += 4294967296
		return sprintf("%08x%08x", h, l)
	}
	# the symbol holding address a (16 hex digits), as sym+0xoff
	function sym(a,   lo, hi, mid) {
		if (n == 0 || a < addr[1] || a > stext_end) return ""
		lo = 1; hi = n
		while (lo < hi) {
			mid = int((lo + hi + 1) / 2)
			if (addr[mid] <= a) lo = mid; else hi = mid - 1
		}
		return name[lo] "+0x" sprintf("%x", hex(substr(sub64(a, addr[lo]), 9)))
	}
	function where(v, el,   a, s) {
		a = pad(v)
		s = sym(a)
		if (s == "" && el == 2 && hypoff != "") {
			s = sym(sub64(a, hypoff))
			if (s != "") s = s " (hyp VA)"
		}
		return s == "" ? "?" : s
	}
	function flush(   el, s) {
		if (cpu == "") return
		el = int(hex(r["cpsr"]) / 4) % 4
		hypoff = ""
		if ("VBAR_EL2" in r && hypvec != "" && sym(pad(r["VBAR_EL2"])) == "")
			hypoff = sub64(r["VBAR_EL2"], hypvec)
		s = sprintf("cpu %d: EL%d PC %s %s", cpu - 1, el, r["pc"], where(r["pc"], el))
		s = s sprintf(", LR %s %s", r["x30"], where(r["x30"], el))
		print s
		if ("ELR_EL2" in r)
			print "       ELR_EL2 " r["ELR_EL2"] " " where(r["ELR_EL2"], 1)
		s = "      "
		for (k = 1; k <= nk; k++)
			if (keys[k] in r && keys[k] !~ /^(pc|x30)$/)
				s = s " " keys[k] "=" r[keys[k]]
		print s
		delete r
	}
	BEGIN {
		while ((getline l < syms) > 0) {
			split(l, f, " ")
			addr[++n] = f[1]; name[n] = f[2]
			if (f[2] == "__kvm_nvhe___kvm_hyp_vector") hypvec = f[1]
			if (f[2] == "_etext") stext_end = f[1]
		}
		if (stext_end == "") stext_end = addr[n]
		nk = split("cpsr sp ESR_EL2 ELR_EL2 FAR_EL2 SPSR_EL2 HCR_EL2 CPTR_EL2 SMCR_EL2 SVCR VBAR_EL2 SP_EL2 ELR_EL1 ESR_EL1", keys, " ")
	}
	$1 == "smekvm-cpu" { flush(); cpu = $2 }
	$1 == "smekvm-reg" { r[$2] = $3 }
	END { flush() }'
}

# qemu_threads: QEMU's threads seen from the host: state and CPU ticks.
qemu_threads() {
	for t in /proc/"$qpid"/task/[0-9]*; do
		st=$(cat "$t/stat" 2>/dev/null) || continue
		comm=${st#*(}
		comm=${comm%)*}
		# shellcheck disable=SC2086 # the fields after "(comm) "
		set -- ${st##*) }
		echo "  tid ${t##*/} \"$comm\" state $1 utime ${12} stime ${13}"
	done
}

i=1
while [ "$i" -le "$count" ]; do
	{
		echo "=== vCPU snapshot $i of $count, $(date -u +%H:%M:%S)"
		if timeout -k 5 30 "$gdb" -q -batch -nx \
			-ex 'set architecture aarch64' -ex "target remote $sock" \
			-x "$tmp/cmds" > "$tmp/gdb.out" 2>&1 &&
		   grep -q '^smekvm-cpu ' "$tmp/gdb.out"; then
			grep -E '^smekvm-(cpu|reg) ' "$tmp/gdb.out" | symbolize
			echo "--- gdb output"
			grep -v -E '^smekvm-(cpu|reg) ' "$tmp/gdb.out"
		else
			echo "the gdbstub did not answer within 30 s (QEMU itself may be stuck):"
			tail -n 5 "$tmp/gdb.out"
			echo "QEMU's threads (pid $qpid), then again 1 s later:"
			qemu_threads
			sleep 1
			qemu_threads
		fi
	} >> "$out" 2>&1
	i=$((i + 1))
	[ "$i" -gt "$count" ] || sleep "$gap"
done
