# SPDX-License-Identifier: GPL-2.0-only
#
# case-name.awk - the LAVA names of the suite's results (doc/lava.md).
#
# Input: a results file ("name pass|fail|skip" a line, '#' comments, as
# run_tests.sh --results writes it). Output: "set case result" a line,
# where case is the LAVA test case of name and set its LAVA test set (the
# program, the part of name before the first "/").
#
# The rule is the one LAVA's "monitors" test action applies to every case
# name it reads from the console (lava_dispatcher/actions/test/monitor.py):
# lower case, and each run of characters other than a-z, 0-9 and "_"
# replaced by one "_" ("_" itself is kept). So the result
# "fp-ptrace/FPMR_write,_SVE_16->16,_SME_256/0->256/0" is the case
# "fp_ptrace_fpmr_write__sve_16_16__sme_256_0_256_0" in the set
# "fp_ptrace", whether a QEMU job's monitor or the board definition's
# lava-test-case (lava/native-run.sh) reports it: a case has one name in
# every LAVA job. Two names with one LAVA name would be reported as one:
# lava-check.sh fails when a results file has any such pair.
function lava_name(s) {
	s = tolower(s)
	gsub(/[^a-z0-9_]+/, "_", s)
	return s
}

/^[ \t]*#/ || NF != 2 { next }
{
	prog = $1
	sub(/\/.*/, "", prog)
	print lava_name(prog), lava_name($1), $2
}
