#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# checkpatch.sh - the kernel's scripts/checkpatch.pl --strict over the
# suite's C and over every patch of hyp_patches/series (make checkpatch).
#
# Usage: checkpatch.sh
#
# checkpatch.pl comes from the patched linux-source tree (the same one the
# suite builds against). C files: arm64/*.c, lib/*.[ch], guest_code/*.h.
# Left out, as checkpatch reads them as C and they are not: the assembly
# (*.S) and lib/sme_asm.h, a header of GNU as macros for .S files only
# (its "errors" are as syntax: local labels, \@, vararg parameters).
# Patches: each one as a patch, like a maintainer would.
# Prints every report, then "N files, N errors, N warnings, N checks";
# exits 1 on any error or warning but one known false positive (below).
# Checks (--strict) are printed and counted, not fatal: format strings
# longer than 100 columns (kept on one line to stay greppable), BIT()
# in headers shared with assembly, _Static_assert taken for CamelCase,
# and in the patches what hyp_patches/README.md lists.
set -eu

. "$(dirname "$0")/common.sh"
run_in_root "$0" "$@"

ksrc=$(sh "$TOP/scripts/kernel-src.sh" patched)
cp="perl scripts/checkpatch.pl --no-tree --strict --quiet --show-types"

files=$(cd "$TOP" && ls arm64/*.c lib/*.c lib/*.h guest_code/*.h | grep -v -x lib/sme_asm.h)
patches=$(grep -v -e '^#' -e '^$' "$TOP/hyp_patches/series" | sed 's|^|hyp_patches/|')
out=$OUT/checkpatch.log
: > "$out"
n=0
# From the kernel tree: elsewhere, checkpatch misreads the blank context
# lines of a patch as added lines with trailing whitespace.
cd "$ksrc"
for f in $files; do
	$cp -f "$TOP/$f" >> "$out" 2>&1 || true
	n=$((n + 1))
done
for p in $patches; do
	$cp "$TOP/$p" >> "$out" 2>&1 || true
	n=$((n + 1))
done
cat "$out"
e=$(grep -c '^ERROR:' "$out" || true)
# Known false positive, counted apart: checkpatch takes the kvm_nvhe_sym()
# wrapper of an extern declaration in asm/kvm_hyp.h for a function
# definition (upstream declares kvm_sve_max_vl the same way).
k=$(awk '/^WARNING:FUNCTION_ARGUMENTS:/ { t = 1; next }
	t && /^\+extern .*kvm_nvhe_sym\(/ { n++ } /^$/ { t = 0 }
	END { print n + 0 }' "$out")
w=$(($(grep -c '^WARNING:' "$out" || true) - k))
c=$(grep -c '^CHECK:' "$out" || true)
echo "checkpatch: $n files, $e errors, $w warnings (and $k known false positives), $c checks"
[ "$e" = 0 ] && [ "$w" = 0 ]
