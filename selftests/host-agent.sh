#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# tools/host-agent against a stand-in QMP server (nested/fake-qmp.sh) and a
# stand-in sysfs tree: the exact QMP commands for attach and detach, the mdev
# create/remove and its unwinding, every malformed event refused before any
# QMP traffic, and the monitor mode reacting to a uevent of the controller's
# device. Needs socat (the nested layer has it); elsewhere it skips.
. "$(dirname "$0")/lib.sh"
agent=${NITRO_HOST_AGENT:-/root/tools/host-agent}
here=$(cd "$(dirname "$0")" && pwd)

tap_start
if ! command -v socat >/dev/null || [ ! -x "$agent" ]; then
	diag "SKIP: no socat or host agent here (run make nested)"
	echo "1..0"
	exit 0
fi

w=$(mktemp -d /tmp/host-agent.XXXXXX)
sock=$w/qmp.sock
qlog=$w/qmp.log
: >"$qlog"
socat "UNIX-LISTEN:$sock,fork" EXEC:"sh $here/nested/fake-qmp.sh $qlog" &
server=$!
wait_for 10 test -S "$sock"
cat >"$w/conf" <<EOC
# instance  socket  root port  device
vm1 $sock rp1 {"driver": "nvme", "serial": "S-%INSTANCE%", "drive": "vol1"}
vm2 $sock rp2
EOC
u=0c6b1a52-3e1f-4d4a-9a57-5d1e2f3a4b5c
export NITRO_AGENT_CONFIG=$w/conf NITRO_AGENT_RUNDIR=$w/run NITRO_AGENT_TIMEOUT=10

# ev ACTION UUID INSTANCE PERSONALITY [VAR=VALUE...]: run the agent on one
# event as udev or busybox uevent present it; its log in $w/err.
ev() {
	_a=$1 _u=$2 _i=$3 _p=$4
	shift 4
	env ACTION=change SUBSYSTEM=nitro NITRO_ACTION="$_a" \
		NITRO_MDEV_UUID="$_u" NITRO_INSTANCE="$_i" \
		NITRO_PERSONALITY="$_p" "$@" "$agent" handle 2>"$w/err"
}
# qmp_sent: the non-negotiation commands the server got since the last call.
qmp_sent() {
	grep -v qmp_capabilities "$qlog" | sed 's/, "id": "nitro-qmp"}$/}/'
	: >"$qlog"
}

check "attach" ev attach "$u" vm1 nvme
check_eq "attach: device_add with the configured device, id and root port" "$(qmp_sent)" \
	"{\"execute\": \"device_add\", \"arguments\": {\"driver\": \"nvme\", \"serial\": \"S-vm1\", \"drive\": \"vol1\", \"id\": \"nitro-$u\", \"bus\": \"rp1\"}}"
check "attach logged" grep -q "attached $u (nvme) to vm1 at rp1" "$w/err"
check "detach (waits for DEVICE_DELETED)" ev detach "$u" vm1 nvme
check_eq "detach: device_del of that id" "$(qmp_sent)" \
	"{\"execute\": \"device_del\", \"arguments\": {\"id\": \"nitro-$u\"}}"

# Refused before anything happens: exit 1, an error logged, no QMP traffic.
refused() {
	_d=$1
	shift
	rc=0
	ev "$@" || rc=$?
	check_eq "$_d: refused" "$rc" 1
	check "$_d: error logged" grep -q 'error:' "$w/err"
	check_eq "$_d: no QMP traffic" "$(qmp_sent)" ""
}
refused "unknown instance" attach "$u" vm9 nvme
refused "malformed uuid" attach "0c6b1a52-3e1f-4d4a" vm1 nvme
refused "uuid with a path" attach "../../../../tmp/x" vm1 nvme
refused "instance with a path" attach "$u" "../vm1" nvme
refused "instance with JSON" attach "$u" 'vm1","x' nvme
refused "personality with JSON" attach "$u" vm1 'nvme"}'
refused "unknown action" reboot "$u" vm1 nvme
refused "no mdev type for the personality" attach "$u" vm2 nvme \
	NITRO_AGENT_SYSFS="$w/nosys"

rc=0
env ACTION=change SUBSYSTEM=block NITRO_ACTION=attach NITRO_MDEV_UUID="$u" \
	NITRO_INSTANCE=vm1 NITRO_PERSONALITY=nvme "$agent" handle 2>"$w/err" || rc=$?
check_eq "another subsystem's event is ignored" "$rc/$(qmp_sent)" "0/"
rc=0
env ACTION=add SUBSYSTEM=nitro NITRO_ACTION=attach NITRO_MDEV_UUID="$u" \
	NITRO_INSTANCE=vm1 NITRO_PERSONALITY=nvme "$agent" handle 2>"$w/err" || rc=$?
check_eq "a non-change event is ignored" "$rc/$(qmp_sent)" "0/"

rc=0
ev attach "$u" vm1 nvme NITRO_AGENT_CONFIG="$w/conf-fail" 2>/dev/null || rc=$?
check_eq "missing config: refused" "$rc" 1

# The mdev path, on a stand-in sysfs: create before device_add, remove
# after device_del, and undo the create when device_add fails.
fs=$w/sys
t=$fs/class/mdev_bus/parent/mdev_supported_types/nitro_ctrl-nvme
mkdir -p "$t" "$fs/bus/mdev/devices"
: >"$t/create"
check "attach with mdev" ev attach "$u" vm2 nvme NITRO_AGENT_SYSFS="$fs"
check_eq "mdev created for the uuid" "$(cat "$t/create")" "$u"
check_eq "device_add of the mdev" "$(qmp_sent)" \
	"{\"execute\": \"device_add\", \"arguments\": {\"driver\": \"vfio-pci\", \"sysfsdev\": \"/sys/bus/mdev/devices/$u\", \"id\": \"nitro-$u\", \"bus\": \"rp2\"}}"
mkdir -p "$fs/bus/mdev/devices/$u"
: >"$fs/bus/mdev/devices/$u/remove"
check "detach with mdev" ev detach "$u" vm2 nvme NITRO_AGENT_SYSFS="$fs"
check_eq "mdev removed" "$(cat "$fs/bus/mdev/devices/$u/remove")" 1
check_eq "device_del of the mdev" "$(qmp_sent)" \
	"{\"execute\": \"device_del\", \"arguments\": {\"id\": \"nitro-$u\"}}"

u2=5a0f3c1e-7d2b-4c8e-b1a9-0e6f4d3c2b1a
printf 'vm3 %s rp1 {"driver": "vfio-pci", "sysfsdev": "/sys/bus/mdev/devices/%%UUID%%", "x": "fail-me"}\n' \
	"$sock" >>"$w/conf"
: >"$t/create"
rc=0
# The stand-in cannot make the device appear on create; point remove at a
# file the test can read by creating it once the create was written.
( wait_for 10 test -s "$t/create" && mkdir -p "$fs/bus/mdev/devices/$u2" &&
	: >"$fs/bus/mdev/devices/$u2/remove" ) &
helper=$!
ev attach "$u2" vm3 nvme NITRO_AGENT_SYSFS="$fs" || rc=$?
wait "$helper"
check_eq "device_add failure: refused" "$rc" 1
check_eq "device_add failure: the mdev was created" "$(cat "$t/create")" "$u2"
check_eq "device_add failure: the created mdev was removed again" \
	"$(cat "$fs/bus/mdev/devices/$u2/remove" 2>/dev/null)" 1
qmp_sent >/dev/null

# Monitor mode: the controller's uevent, sent through the test hook (in the
# test VM with a test build of nitro_ctrl only).
if [ "${NITRO_VM:-}" = 1 ]; then
	loaded nitro_ctrl || modprobe nitro_ctrl
fi
if [ -w "$NITRO_DBG/uevent" ]; then
	"$agent" monitor 2>"$w/monitor.err" &
	mon=$!
	sleep 1
	check "uevent hook refuses a fifth word" \
		sh -c "! echo 'attach $u vm1 nvme extra' >$NITRO_DBG/uevent" 2>/dev/null
	check "uevent hook sends attach" sh -c "echo 'attach $u vm1 nvme' >$NITRO_DBG/uevent"
	check "monitor: the uevent led to device_add" \
		wait_for 20 grep -q "\"nitro-$u\", \"bus\": \"rp1\"" "$qlog"
	check "monitor: attach logged" \
		wait_for 10 grep -q "attached $u (nvme) to vm1 at rp1" "$w/monitor.err"
	qmp_sent >/dev/null
	echo "detach $u vm1 nvme" >"$NITRO_DBG/uevent"
	check "monitor: the detach uevent led to device_del" \
		wait_for 20 grep -q "device_del" "$qlog"
	check "monitor: detach logged" \
		wait_for 10 grep -q "detached $u (nvme) from vm1" "$w/monitor.err"
	echo "attach $u vm9 nvme" >"$NITRO_DBG/uevent"
	check "monitor: unknown instance logged as an error" \
		wait_for 10 grep -q "error: attach $u: instance vm9 is not in" "$w/monitor.err"
	check "monitor: the agent survives a refused event" kill -0 "$mon"
	kill "$mon"
else
	diag "no $NITRO_DBG/uevent (a test build of nitro_ctrl): monitor mode not tested"
fi
kill "$server" 2>/dev/null
wait 2>/dev/null
rm -rf "$w"
tap_done
