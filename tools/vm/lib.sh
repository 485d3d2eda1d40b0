# SPDX-License-Identifier: GPL-2.0
#
# Shell functions shared by tools/vm/{kernel,mkinitramfs,run}. Sourced (POSIX
# sh), after the sourcing script has set VM_DIR to the tools/vm directory.
#
# Cache layout (nothing generated goes into the repository):
#   $NITRO_CACHE/img/                     downloaded linux-image .deb files
#   $NITRO_CACHE/img/root/                their unpacked contents (dpkg -x)
#   $NITRO_CACHE/vm/$KVER/vmlinux         uncompressed kernel for PVH boot
#   $NITRO_CACHE/vm/$KVER/modindex        "name relpath" of every module
#   $NITRO_CACHE/vm/$KVER/base-HASH.cpio  base initramfs (+ base-HASH/ tree)

NITRO_CACHE=${NITRO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/nitro}
VM_CACHE=$NITRO_CACHE/vm
# shellcheck disable=SC2034 # (used by tools/vm/kernel)
IMG_DIR=$NITRO_CACHE/img
# depmod, modinfo and friends live in sbin, which a user's PATH may lack.
PATH=$PATH:/usr/sbin:/sbin
export NITRO_CACHE PATH

msg() { printf 'nitro-vm: %s\n' "$*" >&2; }
# tools/vm/run sets VM_DIE_STATUS=125: its failures other than usage
# errors and timeouts all exit with 125.
die() {
	msg "$*"
	exit "${VM_DIE_STATUS:-1}"
}

# Quote $1 for the shell: abc'd -> 'abc'\''d'
shquote() {
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

# Install what the VM tools need, once per top-level invocation.
vm_deps() {
	[ -n "${NITRO_VM_DEPS_DONE:-}" ] && return 0
	"$VM_DIR/../deps/install" vm || die "cannot install the packages of group 'vm'"
	NITRO_VM_DEPS_DONE=1
	export NITRO_VM_DEPS_DONE
}

# Serialise cache updates between concurrent runs. The lock is held until
# the calling script exits.
vm_lock() {
	mkdir -p "$VM_CACHE"
	exec 9>"$VM_CACHE/.lock"
	flock 9
}

# The kernel release of the VM: the one whose headers linux-headers-amd64
# pulls in, so that modules built against the installed headers load in the
# VM (vermagic and symbol CRCs match). Sets KVER and KPKGVER (the package
# version, e.g. 6.1.192-2).
vm_kver() {
	_deps=$(dpkg-query -W -f='${Depends}' linux-headers-amd64 2>/dev/null) ||
		die "linux-headers-amd64 is not installed (run: tools/deps/install vm)"
	# e.g. "linux-headers-6.1.0-56-amd64 (= 6.1.192-2)"
	_kv=$(printf '%s\n' "$_deps" | tr ',' '\n' |
		sed -n 's/^ *linux-headers-\([0-9][^ ]*\) *(= *\([^)]*\)).*/\1 \2/p' | head -n 1)
	[ -n "$_kv" ] || die "cannot find the kernel version in the dependencies of linux-headers-amd64: $_deps"
	KVER=${_kv% *}
	# shellcheck disable=SC2034 # (used by tools/vm/kernel)
	KPKGVER=${_kv#* }
}

# Index of the distribution's modules, built once per kernel: one line
# "name relpath" per module (name with '-' turned into '_', as the kernel
# does), and "name builtin" for code built into the kernel. Needs KVER and
# VM_MODDIR; sets VM_MODINDEX.
vm_modindex() {
	VM_MODINDEX=$VM_CACHE/$KVER/modindex
	[ -s "$VM_MODINDEX" ] && return 0
	mkdir -p "$VM_CACHE/$KVER"
	(
		cd "$VM_MODDIR" || exit
		find kernel -name '*.ko' -o -name '*.ko.xz' -o -name '*.ko.zst' -o -name '*.ko.gz'
		sed 's/$/ builtin/' modules.builtin
	) | awk '{
		name = $1
		sub(/.*\//, "", name)
		sub(/\.ko(\.[a-z]+)?$/, "", name)
		gsub(/-/, "_", name)
		print name, ($2 == "builtin" ? "builtin" : $1)
	}' >"$VM_MODINDEX.tmp.$$"
	mv "$VM_MODINDEX.tmp.$$" "$VM_MODINDEX"
}

# Print the relpaths (under VM_MODDIR) of the named distribution modules and
# of everything they need (depends, and softdep pre/post), each once. Built-in
# names are skipped. An unknown name is fatal, except in a softdep (vfio's
# name modules of other architectures). Needs vm_modindex.
vm_mod_closure() {
	_todo=$*
	_seen=" "
	while :; do
		# shellcheck disable=SC2086
		set -- $_todo
		[ $# -gt 0 ] || break
		_m=$(printf '%s' "$1" | tr - _)
		shift
		_todo=$*
		case $_seen in *" ${_m#\?} "*) continue ;; esac
		_seen="$_seen${_m#\?} "
		_p=$(awk -v m="${_m#\?}" '$1 == m { print $2; exit }' "$VM_MODINDEX")
		case $_m/$_p in
		\?*/) continue ;;
		*/) die "module $_m does not exist in kernel $KVER" ;;
		*/builtin) continue ;;
		esac
		echo "$_p"
		_todo="$_todo $(modinfo -F depends "$VM_MODDIR/$_p" | tr , ' ')"
		# softdep lines look like "pre: crc32c post: foo"; mark them optional
		_todo="$_todo $(modinfo -F softdep "$VM_MODDIR/$_p" |
			sed 's/[a-z]*://g; s/[^ ][^ ]*/?&/g')"
	done
}

# Copy distribution module RELPATH into tree $2 (a root directory) as a plain
# .ko: modprobe in the VM then needs no decompression support, and the
# initramfs loads faster uncompressed.
vm_install_module() {
	_dst=$2/lib/modules/$KVER/${1%.ko*}.ko
	mkdir -p "${_dst%/*}"
	case $1 in
	*.ko) cp "$VM_MODDIR/$1" "$_dst" ;;
	*.ko.xz) xz -dc "$VM_MODDIR/$1" >"$_dst" ;;
	*.ko.zst) zstd -qdc "$VM_MODDIR/$1" >"$_dst" ;;
	*.ko.gz) gzip -dc "$VM_MODDIR/$1" >"$_dst" ;;
	esac
}

# Write directory $1 as a newc cpio archive to file $2. Entries are sorted so
# that every directory precedes its contents; -R 0:0 makes everything owned by
# root in the VM even when the host user is not root.
vm_cpio() {
	(cd "$1" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) >"$2"
}
