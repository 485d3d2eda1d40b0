#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The four modules insert and remove in every order that should work, refuse
# the orders that should not, and leave the controller's sysfs consistent.
. "$(dirname "$0")/lib.sh"

moddir=/lib/modules/$(uname -r)/extra
ko() { echo "$moddir/$1.ko"; }
# nitro_ctrl's front-end needs vfio and mdev, which insmod does not load.
ctrl_deps() { modprobe -a vfio mdev; }

tap_start
unload_all
# nitro_sec's crypto (the AEAD API and the GCM template) is modular on
# Debian; insmod does not resolve it as modprobe does.
modprobe -a gcm

# A component without the controller: the kernel refuses it (unknown symbols).
for m in $NITRO_MODULES; do
	if insmod "$(ko "$m")" 2>/dev/null; then
		not_ok "$m refused without nitro_ctrl"
		rmmod "$m"
	else
		ok "$m refused without nitro_ctrl"
	fi
done
check "nothing loaded after refusals" sh -c '! grep -q "^nitro_" /proc/modules'

# The six insertion orders of the components, each removed in another order
# so that all six removal orders are covered too.
perms="nitro_sec:nitro_nvme:nitro_ena nitro_sec:nitro_ena:nitro_nvme
nitro_nvme:nitro_sec:nitro_ena nitro_nvme:nitro_ena:nitro_sec
nitro_ena:nitro_sec:nitro_nvme nitro_ena:nitro_nvme:nitro_sec"
set -- $perms
rm_orders="$2 $3 $4 $5 $6 $1"
i=0
for p in $perms; do
	i=$((i + 1))
	r=$(echo "$rm_orders" | cut -d' ' -f"$i")
	ins=$(echo "$p" | tr : ' ')
	rem=$(echo "$r" | tr : ' ')
	res=0
	ctrl_deps
	insmod "$(ko nitro_ctrl)" || res=1
	for m in $ins; do insmod "$(ko "$m")" || res=1; done
	for m in $ins; do [ -d "$NITRO_SYS/mbox/$m" ] || res=1; done
	check_eq "insert ctrl then $ins" "$res" 0

	# While any component is loaded, the controller cannot go.
	if rmmod nitro_ctrl 2>/dev/null; then
		not_ok "nitro_ctrl refuses removal while in use ($ins)"
	else
		ok "nitro_ctrl refuses removal while in use ($ins)"
	fi
	res=0
	for m in $rem; do
		rmmod "$m" || res=1
		[ ! -e "$NITRO_SYS/mbox/$m" ] || res=1
	done
	rmmod nitro_ctrl || res=1
	[ ! -e /sys/class/nitro ] || res=1
	check_eq "remove $rem then ctrl" "$res" 0
done

# Refusal keeps state: with one component left, ctrl stays and works.
ctrl_deps
insmod "$(ko nitro_ctrl)"
insmod "$(ko nitro_nvme)"
rmmod nitro_ctrl 2>/dev/null
check "nitro_ctrl still loaded after refused removal" loaded nitro_ctrl
check "nitro_nvme mailbox intact after refused removal" test -d "$NITRO_SYS/mbox/nitro_nvme"
check "refcount of nitro_ctrl is its one user" \
	test "$(cat /sys/module/nitro_ctrl/refcnt)" = 1
unload_all

# modprobe resolves the dependency both ways.
check "modprobe nitro_ena pulls in nitro_ctrl" sh -c 'modprobe nitro_ena && grep -q "^nitro_ctrl " /proc/modules'
check "modprobe -r nitro_ena drops the unused nitro_ctrl" sh -c 'modprobe -r nitro_ena && ! grep -q "^nitro_ctrl " /proc/modules'
check "modprobe all three" modprobe -a nitro_sec nitro_nvme nitro_ena
check_eq "nitro_ctrl has three users" "$(cat /sys/module/nitro_ctrl/refcnt)" 3
# modprobe -r also removes dependencies nobody uses any more, and reports
# the one it could not remove while others still use it.
if modprobe -r nitro_sec 2>/dev/null; then
	not_ok "modprobe -r nitro_sec reports nitro_ctrl still in use"
else
	ok "modprobe -r nitro_sec reports nitro_ctrl still in use"
fi
check "nitro_sec gone, nitro_ctrl kept" sh -c '! grep -q "^nitro_sec " /proc/modules && grep -q "^nitro_ctrl " /proc/modules'
check "rmmod nitro_nvme" rmmod nitro_nvme
check "modprobe -r nitro_ena, the last user, takes nitro_ctrl too" modprobe -r nitro_ena
check "nothing left" sh -c '! grep -q "^nitro_" /proc/modules'

# Fast cycles: unload races the first GET_INFO and the posted EVENT_POLLs.
res=0
for n in $(seq 1 20); do
	modprobe -a nitro_sec nitro_nvme nitro_ena || res=1
	rmmod nitro_ena nitro_sec || res=1
	modprobe -r nitro_nvme || res=1
done
check_eq "20 fast load/unload cycles" "$res" 0

# The controller alone, and its read-only sysfs.
ctrl_deps
insmod "$(ko nitro_ctrl)"
check "controller device exists" test -d "$NITRO_SYS/mbox"
check "no mailbox without components" test -z "$(ls "$NITRO_SYS/mbox")"
insmod "$(ko nitro_sec)"
res=0
for f in "$NITRO_SYS"/mbox/nitro_sec/*; do
	case "$(stat -c %a "$f")" in 444) ;; *) res=1; diag "$f is writable" ;; esac
done
check_eq "every mailbox attribute is read-only" "$res" 0
if sh -c "echo 0 >$NITRO_SYS/mbox/nitro_sec/posted" 2>/dev/null; then
	not_ok "writing a counter fails"
else
	ok "writing a counter fails"
fi
unload_all
check "clean unload at the end" sh -c '! grep -q "^nitro_" /proc/modules'

tap_done
