#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# lava-check.sh - run one configuration as a LAVA job with LAVA's own
# dispatcher (lava-run) and check that LAVA recorded the harness's results.
#
# Usage: lava-check.sh --kernel IMAGE --initrd FILE --results RUNDIR
#                      [--args "RUNNER ARGS"] [--out DIR] CONFIG
#
# RUNDIR is the harness's run of CONFIG (scripts/qemu-run.sh) with the same
# kernel, initramfs and runner arguments. The job is the one lava-jobs.sh
# writes for CONFIG, with file:// URLs of IMAGE and FILE; the device is
# lava/devices/qemu-smekvm.yaml with the job's context filled in. Into DIR
# (default RUNDIR/../lava-CONFIG) go the job, device.yaml,
# dispatcher.yaml, lava-run.log, lava-run's output directory run/
# (logs.yaml holds every result LAVA recorded), console.log (the guest's
# console as LAVA saw it) and results (the LAVA cases, "case result" a
# line). Prints KTAP, three cases:
#   lava_job      lava-run finished the job ("lava" suite, case "job")
#   lava_results  the cases of suite "smekvm" are the entries of
#                 RUNDIR/results, named as lava/case-name.awk says, with
#                 the same results
#   lava_verdict  the case of suite "smekvm-verdict" says what RUNDIR's
#                 verdict says
# Runs where lava-run is (the tool root after "deps.sh lava").
set -eu

. "$(dirname "$0")/common.sh"

kernel='' initrd='' rdir='' rargs='' dir=''
while [ $# -gt 0 ]; do
	case $1 in
	--kernel) kernel=${2:?}; shift ;;
	--initrd) initrd=${2:?}; shift ;;
	--results) rdir=${2:?}; shift ;;
	--args) rargs=${2?}; shift ;;
	--out) dir=${2:?}; shift ;;
	-*) die "unknown option $1" ;;
	*) break ;;
	esac
	shift
done
cfg=${1:?usage: lava-check.sh --kernel IMAGE --initrd FILE --results RUNDIR [--args ARGS] [--out DIR] CONFIG}
[ -f "$kernel" ] || die "kernel image not found: $kernel"
[ -f "$initrd" ] || die "initramfs not found: $initrd"
[ -f "$rdir/results" ] || die "no harness results in $rdir"
command -v lava-run > /dev/null || die "lava-run not found (scripts/deps.sh lava)"
dir=${dir:-$(dirname "$rdir")/lava-$cfg}
rm -rf "$dir"
mkdir -p "$dir"

scale=$(time_scale "$(dirname "$kernel")")
sh "$TOP/scripts/lava-jobs.sh" --out "$dir" --kernel "file://$kernel" \
	--initrd "file://$initrd" --args "$rargs" --time-scale "$scale" "$cfg" \
	> /dev/null
job=$dir/$cfg.yaml

# The device: @CPU@, @MACHINE@, @MEMORY@ and @EXTRA@ of the template
# from the job's context (the extra_options list as a YAML flow list).
awk '
	FNR == NR {
		if ($0 ~ /^context:/) { on = 1; next }
		if ($0 ~ /^[^ ]/) on = 0
		if (!on) next
		v = $0
		sub(/^ *(- )?[a-z_]*:? */, "", v)
		if (v ~ /^'\''.*'\''$/) {
			v = substr(v, 2, length(v) - 2)
			gsub(/'\'''\''/, "'\''", v)
		}
		if ($1 == "-") {
			q = v
			gsub(/'\''/, "'\'''\''", q)
			extra = extra (extra == "" ? "" : ", ") "'\''" q "'\''"
		} else {
			k = $1
			sub(/:$/, "", k)
			ctx[k] = v
		}
		next
	}
	{
		gsub(/@CPU@/, ctx["cpu"])
		gsub(/@MACHINE@/, ctx["machine"])
		gsub(/@MEMORY@/, ctx["memory"])
		gsub(/@EXTRA@/, "[" extra "]")
		print
	}' "$job" "$TOP/lava/devices/qemu-smekvm.yaml" > "$dir/device.yaml"

# The worker's settings: lava-run puts the worker's address into every
# QEMU command (for NFS root file systems) and, when this file gives none,
# asks "ip route" for it; these jobs use no network at all.
echo "dispatcher_ip: 127.0.0.1" > "$dir/dispatcher.yaml"

start=$(date +%s)
set +e
# lava-run ends the job at its own timeouts; this is only a backstop.
timeout -k 10 $((RUN_TIMEOUT * scale + 1800)) lava-run --job-id "smekvm-$cfg" \
	--output-dir "$dir/run" --device "$dir/device.yaml" \
	--dispatcher "$dir/dispatcher.yaml" "$job" \
	> "$dir/lava-run.log" 2>&1
lstatus=$?
set -e
secs=$(($(date +%s) - start))

# field KEY: the value of "KEY": "..." in a line of logs.yaml (lava-run
# writes each record as one line of YAML, every string double-quoted).
logs=$dir/run/logs.yaml
[ -f "$logs" ] || : > "$logs"
awk '
	function field(k,   r) {
		if (!match($0, "\"" k "\": \"[^\"]*\""))
			return ""
		r = substr($0, RSTART + length(k) + 5, RLENGTH - length(k) - 6)
		return r
	}
	/"lvl": "results"/ { print field("definition"), field("case"), field("result") }
' "$logs" > "$dir/lava-results"
# The guest console as LAVA logged it, for the reader.
awk '/"lvl": "target"/ {
	m = $0
	sub(/.*"msg": "/, "", m)
	sub(/"}$/, "", m)
	print m
}' "$logs" > "$dir/console.log"
awk '$1 == "smekvm" { print $2, $3 }' "$dir/lava-results" | LC_ALL=C sort > "$dir/results"
awk -f "$TOP/lava/case-name.awk" "$rdir/results" | awk '{ print $2, $3 }' |
	LC_ALL=C sort > "$dir/harness-results"

n=0 p=0 f=0
# case OK NAME DIAGNOSTIC...: one KTAP result.
case_result() {
	n=$((n + 1))
	ok=$1 name=$2
	shift 2
	for d in "$@"; do
		[ -z "$d" ] || printf '%s\n' "$d" | sed "s/^/# $name: /"
	done
	if [ "$ok" = 1 ]; then
		echo "ok $n $name"
		p=$((p + 1))
	else
		echo "not ok $n $name"
		f=$((f + 1))
	fi
}

echo "KTAP version 1"
echo "# LAVA job $job, device $dir/device.yaml: lava-run" \
	"$(dpkg-query -W -f '${Version}' lava-dispatcher 2>/dev/null) exit $lstatus after $secs s"
echo "1..3"

jr=$(awk '$1 == "lava" && $2 == "job" { print $3 }' "$dir/lava-results" | tail -n 1)
why=$(sed -n 's/.*"error_msg": "\([^"]*\)".*/\1/p' "$logs" | tail -n 1)
ok=0
[ "$jr" != pass ] || [ "$lstatus" != 0 ] || ok=1
case_result $ok lava_job "LAVA's job result: ${jr:-none} (lava-run exit $lstatus)${why:+: $why}"

dups=$(cut -d' ' -f1 "$dir/harness-results" | uniq -d | head -n 5 | tr '\n' ' ')
ldups=$(cut -d' ' -f1 "$dir/results" | uniq -d | head -n 5 | tr '\n' ' ')
if [ -s "$dir/harness-results" ] && [ -z "$dups$ldups" ] &&
   cmp -s "$dir/results" "$dir/harness-results"; then
	case_result 1 lava_results "$(wc -l < "$dir/results") cases, each with the harness's result"
else
	diffs=$(diff "$dir/harness-results" "$dir/results" |
		sed -n 's/^< \(.*\)/harness only: \1/p; s/^> \(.*\)/LAVA only: \1/p')
	case_result 0 lava_results \
		"$(wc -l < "$rdir/results" | tr -d ' ') harness entries, $(wc -l < "$dir/results" | tr -d ' ') LAVA cases" \
		"${dups:+results names with one LAVA name: $dups}" \
		"${ldups:+cases LAVA recorded twice: $ldups}" \
		"$(echo "$diffs" | head -n 20)"
fi

lv=$(awk '$1 == "smekvm-verdict" { print $3 }' "$dir/lava-results" | tail -n 1)
hv=$(cut -d: -f1 "$rdir/verdict" 2>/dev/null || echo none)
ok=0
[ -z "$lv" ] || [ "$lv" != "$hv" ] || ok=1
case_result $ok lava_verdict "LAVA: ${lv:-none}, harness: $(cat "$rdir/verdict" 2>/dev/null || echo none)"

echo "$p passed, $f failed, 0 skipped"
[ "$f" = 0 ]
