#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# deps.sh - build the tool root that everything else runs in.
#
# Usage: deps.sh [lava] [browser]
#
# The host may be any Debian with root. Everything the project needs
# (QEMU 11, the aarch64 cross toolchain, linux-source-7.2, kernel build
# tools, a static arm64 busybox, gdb-multiarch for the lockup snapshots of
# scripts/lockup-snapshot.sh) is installed from Debian's registry into
# one directory, $SMEKVM_CACHE/root, a minimal Debian made with
# debootstrap. Nothing is installed on the host. A second run finds the
# stamp file and downloads nothing.
#
# The extras, each added to the same root with a stamp of its own
# ($ROOT/.smekvm-NAME-ready), so that make check installs none of them:
# "lava", LAVA's dispatcher (lava-run), for make lava-check and the full
# tier (doc/lava.md); "browser", a headless Chromium, for the browser
# check of the results page (scripts/results-check.sh: make
# results-check, make selftest and the full tier).
#
# The registry's address is read from the host's apt configuration.
set -eu

. "$(dirname "$0")/common.sh"

ROOT_PKGS="qemu-system-arm linux-source-7.2 gcc-aarch64-linux-gnu
libc6-dev-arm64-cross make flex bison bc libssl-dev libelf-dev ccache
rsync cpio xz-utils gzip git perl kmod file ca-certificates gcc libc6-dev
busybox-static gdb-multiarch patch python3"
# LAVA's dispatcher, with Python, pexpect, jinja2 and a few tools: about
# 40 packages (doc/benchmarks.md).
LAVA_PKGS="lava-dispatcher"
# Chromium's headless shell (fonts come with its libraries): about 90
# packages (doc/benchmarks.md).
BROWSER_PKGS="chromium-headless-shell"

for x in "$@"; do
	case $x in
	lava | browser) ;;
	*) die "usage: deps.sh [lava] [browser]" ;;
	esac
done

stamp=$ROOT/.smekvm-root-ready

# The first "URIs:" (deb822) or "deb" (one-line) entry for Debian proper.
host_mirror() {
	m=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
	    sed -n 's/^URIs:[[:space:]]*\([^[:space:]]*\).*/\1/p' |
	    grep -v -e security -e updates | head -n 1)
	if [ -z "$m" ]; then
		m=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
		    2>/dev/null | sed -n 's/^deb[[:space:]]\{1,\}\(\[[^]]*\][[:space:]]\{1,\}\)\{0,1\}\([^[:space:]]*\).*/\2/p' |
		    grep -v -e security -e updates | head -n 1)
	fi
	[ -n "$m" ] || die "no Debian mirror found in /etc/apt (sources.list or *.sources)"
	echo "$m"
}

# root_install LOG PKG...: install PKG... from the registry into the tool
# root, without recommended packages; apt's output goes to LOG, a path
# inside the root.
root_install() {
	ilog=$1
	shift
	in_root sh -c "apt-get -qq update &&
		DEBIAN_FRONTEND=noninteractive apt-get -qq -y \
		--no-install-recommends install $* > $ilog 2>&1" ||
		die "package installation failed, see $ROOT$ilog"
}

# extra_tools NAME...: the packages of each extra NAME (lava: LAVA_PKGS,
# browser: BROWSER_PKGS) in the tool root, unless its stamp says so: the
# version of its first package and a hash of its list.
extra_tools() {
	for x in "$@"; do
		case $x in
		lava) xpkgs=$LAVA_PKGS ;;
		browser) xpkgs=$BROWSER_PKGS ;;
		esac
		xstamp=$ROOT/.smekvm-$x-ready
		# shellcheck disable=SC2086 # a list of packages
		xhash=$(echo $xpkgs | sha256sum | cut -c1-16)
		if [ -f "$xstamp" ] && grep -q "pkgs=$xhash" "$xstamp"; then
			log "$x extra ready ($(cat "$xstamp"))"
			continue
		fi
		log "installing the $x extra into the tool root: $xpkgs"
		# shellcheck disable=SC2086 # a list of packages
		root_install "/var/log/smekvm-$x-install.log" $xpkgs
		xmain=${xpkgs%% *}
		xver=$(in_root dpkg-query -W -f '${Version}' "$xmain")
		echo "$xmain=$xver pkgs=$xhash" > "$xstamp"
		log "$x extra ready: $(cat "$xstamp")"
	done
}

pkghash=$(echo $ROOT_PKGS | sha256sum | cut -c1-16)
if [ -f "$stamp" ] && grep -q "pkgs=$pkghash" "$stamp"; then
	log "tool root ready: $ROOT ($(cat "$stamp"))"
	extra_tools "$@"
	exit 0
fi

[ "$(id -u)" = 0 ] || die "building the tool root needs root (debootstrap, chroot)"
mirror=$(host_mirror)
log "Debian mirror from the host's apt configuration: $mirror"
mkdir -p "$CACHE"

# debootstrap itself, unpacked into the cache rather than installed.
dbs=$CACHE/debootstrap
if [ ! -x "$dbs/usr/sbin/debootstrap" ]; then
	log "fetching debootstrap"
	tmp=$CACHE/dl
	mkdir -p "$tmp/lists/partial" "$tmp/archives/partial"
	aptopt="-o Dir::State::Lists=$tmp/lists -o Dir::Cache=$tmp -o Debug::NoLocking=1"
	# shellcheck disable=SC2086
	apt-get $aptopt -qq update
	# shellcheck disable=SC2086
	(cd "$tmp" && apt-get $aptopt -qq download debootstrap)
	rm -rf "$dbs"
	dpkg-deb -x "$tmp"/debootstrap_*.deb "$dbs"
fi

if [ ! -f "$ROOT/.smekvm-base-ready" ]; then
	log "debootstrap $SUITE into $ROOT (minbase)"
	rm -rf "$ROOT"
	# Old debootstrap releases may not know the newest suite names: every
	# current suite uses the same script as sid.
	DEBOOTSTRAP_DIR=$dbs/usr/share/debootstrap \
		"$dbs/usr/sbin/debootstrap" --variant=minbase "$SUITE" "$ROOT" \
		"$mirror" "$dbs/usr/share/debootstrap/scripts/sid" \
		> "$CACHE/debootstrap.log" 2>&1 ||
		die "debootstrap failed, see $CACHE/debootstrap.log"
	touch "$ROOT/.smekvm-base-ready"
fi

log "installing packages into the tool root"
# The registry may be a dated snapshot whose Release files have expired.
echo 'Acquire::Check-Valid-Until "false";' > "$ROOT/etc/apt/apt.conf.d/90smekvm"
in_root dpkg --add-architecture arm64
# shellcheck disable=SC2086 # a list of packages
root_install /var/log/smekvm-install.log $ROOT_PKGS
in_root sh -c 'cd /var/cache/apt/archives &&
	apt-get -qq download busybox-static:arm64' ||
	die "cannot download busybox-static:arm64"

mkdir -p "$CACHE/busybox"
dpkg-deb -x "$ROOT"/var/cache/apt/archives/busybox-static_*_arm64.deb "$CACHE/busybox/pkg"
cp "$CACHE/busybox/pkg/usr/bin/busybox" "$CACHE/busybox/busybox"
rm -rf "$CACHE/busybox/pkg"

ver=$(in_root dpkg-query -W -f '${Version}' linux-source-7.2)
qver=$(in_root dpkg-query -W -f '${Version}' qemu-system-arm)
echo "suite=$SUITE linux-source-7.2=$ver qemu=$qver pkgs=$pkghash" > "$stamp"
log "tool root ready: $(cat "$stamp")"
extra_tools "$@"
