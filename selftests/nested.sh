#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A real guest inside the test VM: QEMU (TCG) boots the distribution kernel,
# whose stock nvme driver binds to an NVMe device given at boot and to one
# hot-plugged through QMP into a PCIe root port. The guest's half is
# nested/guest.sh; this half starts QEMU, answers the guest's requests for
# device_add/device_del, and turns the guest's results into TAP. The first
# attach/detach cycle calls QMP directly; the second goes the production
# way: the controller's uevent (sent through the test hook
# /sys/kernel/debug/nitro/uevent), which tools/host-agent turns into the
# QMP calls.
#
# Runs only in the nested layer (make nested, tools/nested/vm), which puts
# QEMU and the guest into the test VM; elsewhere it skips.
#
# The device under test (NESTED_DUT):
#   nitro  (default) the Nitro NVMe function: two encrypted volumes set up
#          through the control API with nitroctl (bootstrap admin, operator,
#          CMK, instance), the boot volume's mdev given to QEMU as
#          -device vfio-pci,sysfsdev=...; the other attached, detached and
#          re-attached live with `nitroctl attach/detach`, whose uevents
#          tools/host-agent turns into mdev create + device_add and
#          device_del + mdev remove.
#   qemu   QEMU's own emulated NVMe controller, the harness's reference:
#          cycle 1 calls QMP directly, cycle 2 sends the controller's uevent
#          through the test hook /sys/kernel/debug/nitro/uevent.
# Either can be overridden piece by piece (Documentation/nested.rst):
#   NESTED_BOOT_DEVICE  -device string of the boot device
#   NESTED_HP_DEVICE    device_add arguments of the hot-plugged device, a
#                       JSON object without "id" and "bus" (qemu mode)
#   NESTED_BOOT_SERIAL NESTED_HP_SERIAL NESTED_MODEL NESTED_FW
#                       what the guest must see
#   NESTED_BACKING      the boot device's backing store on this host
#   NESTED_ENCRYPTED    1 if the backing store must hold only ciphertext
. "$(dirname "$0")/lib.sh"
tools=${NESTED_TOOLS:-/root/tools/nested}
agent=${NITRO_HOST_AGENT:-/root/tools/host-agent}

tap_start
if [ "${NITRO_VM:-}" != 1 ] || ! command -v qemu-system-x86_64 >/dev/null ||
	[ ! -f "${NESTED_KERNEL:-/nested/vmlinux}" ]; then
	diag "SKIP: no nested guest here (run make nested)"
	echo "1..0"
	exit 0
fi

work=/tmp/nested
mkdir -p "$work"
: "${NESTED_DUT:=nitro}"
: "${NESTED_GUEST_TIMEOUT:=780}"
# Bytes per fio job: every I/O is emulated twice over, keep it small.
: "${NESTED_FIO_SIZE:=128k}"
qemu_args=
sock=$work/qmp.sock
gout=$work/guest.out
rm -f "$sock" "$gout"
loaded nitro_ctrl || modprobe nitro_ctrl

if [ "$NESTED_DUT" = nitro ]; then
	# The operator's way (tools/bench/nitro-setup, Documentation/api.rst):
	# principals 1 (admin), 2 (operator) and 3 (auditor), a CMK, an
	# instance slot, two volumes on files whose data keys nitro_sec
	# generates.
	modprobe -a nitro_sec nitro_nvme vfio_iommu_type1 || exit 1
	head -c 32 /dev/urandom >"$work/k1"
	head -c 32 /dev/urandom >"$work/k2"
	head -c 32 /dev/urandom >"$work/k3"
	as() {
		_p=$1
		shift
		nitroctl --principal "$_p" --key-file "$work/k$_p" "$@"
	}
	# op PRINCIPAL ARGS...: as, its output as TAP diagnostics.
	op() {
		_o=$(as "$@" 2>&1)
		_rc=$?
		printf '%s\n' "$_o" | sed 's/^/# nitroctl: /'
		return $_rc
	}
	instance=5e7f0000-0000-4000-8000-00000000a001
	# Distinct in their first 20 hex digits: the NVMe serial number.
	vol0=5e7fb001-0000-4000-8000-000000000001
	vol1=5e7fb002-0000-4000-8000-000000000002
	truncate -s 64M "$work/vol0.img" "$work/vol1.img"
	check "bootstrap admin" op 1 bootstrap
	check "add operator" op 1 principal add 2 --roles operator --new-key-file "$work/k2"
	check "add auditor" op 1 principal add 3 --roles auditor --new-key-file "$work/k3"
	cmk=$(as 2 cmk create | sed -n 's/^cmk //p')
	check "CMK created ($cmk)" test -n "$cmk"
	check "instance created" op 2 instance create "$instance" --vcpus 1 --mem 256
	check "instance started" op 2 instance start "$instance"
	check "boot volume created" op 2 volume create "$vol0" --size 67108864 \
		--backend "$work/vol0.img" --cmk "$cmk"
	check "hot-plug volume created" op 2 volume create "$vol1" --size 67108864 \
		--backend "$work/vol1.img" --cmk "$cmk"
	# The boot volume: attached before the guest starts, its mdev created
	# by hand the way a VM launcher does before it runs QEMU.
	mdev0=$(as 2 attach "$instance" "$vol0" | sed -n 's/^attached as mdev //p')
	check "boot volume attached ($mdev0)" test -n "$mdev0"
	type=$(ls -d /sys/class/mdev_bus/*/mdev_supported_types/*-nvme | head -n 1)
	check "boot volume's mdev created" sh -c "echo $mdev0 >$type/create"
	# Serial: the volume id's first 20 hex digits (nitro_ctrl/inventory.c).
	: "${NESTED_BOOT_SERIAL:=$(printf '%s' "$vol0" | tr -d - | cut -c 1-20)}"
	: "${NESTED_HP_SERIAL:=$(printf '%s' "$vol1" | tr -d - | cut -c 1-20)}"
	: "${NESTED_MODEL:=Nitro NVMe volume}"
	: "${NESTED_FW:=$(cat /sys/module/nitro_ctrl/version)}"
	: "${NESTED_BACKING:=$work/vol0.img}"
	: "${NESTED_ENCRYPTED:=1}"
	: "${NESTED_BOOT_DEVICE:=vfio-pci,sysfsdev=/sys/bus/mdev/devices/$mdev0}"
	# The agent's default device: vfio-pci on the mdev of the event.
	printf '%s %s rp1\n' "$instance" "$sock" >"$work/agent.conf"
	NESTED_HP_DEVICE="(host agent: vfio-pci on the attached volume's mdev)"
else
	qemu_fw=$(qemu-system-x86_64 --version | sed -n 's/^QEMU emulator version \([^ ]*\).*/\1/p' | cut -c 1-8)
	: "${NESTED_BOOT_SERIAL:=NITRO-BOOT-0001}"
	: "${NESTED_HP_SERIAL:=NITRO-HP-0001}"
	: "${NESTED_MODEL:=QEMU NVMe Ctrl}"
	: "${NESTED_FW:=$qemu_fw}"
	: "${NESTED_BACKING:=$work/vol0.img}"
	: "${NESTED_ENCRYPTED:=0}"
	if [ -z "${NESTED_BOOT_DEVICE:-}" ]; then
		truncate -s 64M "$work/vol0.img" "$work/vol1.img"
		# -blockdev nodes outlive the device: a device_del keeps the
		# volume for the re-attach (a -drive would be deleted with its
		# device).
		NESTED_BOOT_DEVICE="nvme,serial=$NESTED_BOOT_SERIAL,drive=vol0"
		NESTED_HP_DEVICE="{\"driver\": \"nvme\", \"serial\": \"$NESTED_HP_SERIAL\", \"drive\": \"vol1\"}"
		for v in vol0 vol1; do
			qemu_args="$qemu_args --qemu-arg -blockdev --qemu-arg driver=raw,node-name=$v,file.driver=file,file.filename=$work/$v.img"
		done
	fi
	uuid=$(cat /proc/sys/kernel/random/uuid)
	instance=nested-guest
	printf '%s %s rp1 %s\n' "$instance" "$sock" "$NESTED_HP_DEVICE" >"$work/agent.conf"
fi
marker="NITRO-NESTED-PLAINTEXT-$(cut -c 1-8 /proc/sys/kernel/random/uuid)"

# The host agent, listening for the controller's uevents.
NITRO_AGENT_TIMEOUT=300 NITRO_AGENT_RUNDIR=$work/agent.run \
	"$agent" --config "$work/agent.conf" monitor 2>"$work/agent.log" &
agent_pid=$!

diag "boot device: $NESTED_BOOT_DEVICE"
diag "hot-plug device: $NESTED_HP_DEVICE"
t0=$(date +%s)
# shellcheck disable=SC2086
"$tools/run" --timeout "$NESTED_GUEST_TIMEOUT" --qmp "$sock" --out "$gout" \
	--prefix '# guest: ' --add "$(dirname "$0")/nested/guest.sh" \
	--device "$NESTED_BOOT_DEVICE" $qemu_args \
	-c "BOOT_SERIAL='$NESTED_BOOT_SERIAL' HP_SERIAL='$NESTED_HP_SERIAL' \
		MODEL='$NESTED_MODEL' FW='$NESTED_FW' MARKER='$marker' \
		FIO_SIZE='$NESTED_FIO_SIZE' \
		sh /root/guest.sh" &
run=$!

# qmp ARGS...: tools/nested/qmp, its answers as TAP diagnostics.
qmp() {
	_o=$("$tools/qmp" "$@" 2>&1)
	_rc=$?
	printf '%s\n' "$_o" | sed 's/^/# qmp: /'
	return $_rc
}
# uevent ACTION: what nitro_ctrl sends on attach and detach, through the
# test hook.
uevent() {
	check "uevent $1 sent" sh -c "echo '$1 $uuid $instance nvme' >$NITRO_DBG/uevent"
}
# nitro_attach, nitro_detach: the operator's call; the controller's uevent
# makes the host agent hot-plug or unplug the volume's mdev.
nitro_attach() {
	uuid=$(as 2 attach "$instance" "$vol1" | sed -n 's/^attached as mdev //p')
	check "nitroctl attach $1 ($uuid)" test -n "$uuid"
	check "host agent: attach uevent -> mdev create, device_add" \
		wait_for 60 grep -q "attached $uuid (nvme) to $instance at rp1" "$work/agent.log"
}
nitro_detach() {
	check "nitroctl detach $1" op 2 detach "$instance" "$vol1"
	check "host agent: detach uevent -> device_del, DEVICE_DELETED, mdev remove" \
		wait_for 300 grep -q "detached $uuid (nvme) from $instance" "$work/agent.log"
	check "the mdev is gone" wait_for 30 test ! -e "/sys/bus/mdev/devices/$uuid"
}
attach() {
	if [ "$NESTED_DUT" = nitro ]; then
		nitro_attach "$1"
		return
	fi
	if [ "$1" = 2 ]; then
		uevent attach
		check "host agent: attach uevent -> device_add" \
			wait_for 60 grep -q "attached $uuid (nvme) to $instance at rp1" "$work/agent.log"
		return
	fi
	args=$(printf '%s' "$NESTED_HP_DEVICE" | sed 's/}[[:space:]]*$/, "id": "hp1", "bus": "rp1"}/')
	check "QMP device_add $1 into root port rp1" qmp "$sock" device_add "$args"
}
detach() {
	if [ "$NESTED_DUT" = nitro ]; then
		nitro_detach "$1"
		return
	fi
	if [ "$1" = 2 ]; then
		uevent detach
		check "host agent: detach uevent -> device_del, DEVICE_DELETED" \
			wait_for 300 grep -q "detached $uuid (nvme) from $instance" "$work/agent.log"
		return
	fi
	check "QMP device_del $1 completes (DEVICE_DELETED)" \
		qmp --timeout 300 --event 'DEVICE_DELETED:"device": "hp1"' \
		"$sock" device_del '{"id": "hp1"}'
}

# Serve the guest's requests until it is done or gone.
handled=" "
while kill -0 "$run" 2>/dev/null; do
	for m in $(sed -nE 's/^NESTED-WAIT-(ATTACH|DETACH) ([0-9]+)$/\1-\2/p' "$gout" 2>/dev/null); do
		case $handled in *" $m "*) continue ;; esac
		handled="$handled$m "
		case $m in
		ATTACH-*) attach "${m#*-}" ;;
		DETACH-*) detach "${m#*-}" ;;
		esac
	done
	sleep 0.5
done
rc=0
wait "$run" || rc=$?
kill "$agent_pid" 2>/dev/null
wait "$agent_pid" 2>/dev/null
sed 's/^/# agent: /' "$work/agent.log"
diag "nested guest run: $(($(date +%s) - t0)) s"
check_eq "nested guest ran to a clean verdict" "$rc" 0
check "the guest finished every step" grep -q '^NESTED-DONE' "$gout"
check_eq "host served 2 attaches and 2 detaches" "$handled" " ATTACH-1 DETACH-1 ATTACH-2 DETACH-2 "

# The guest's own checks, one TAP point each.
n=$(grep -cE '^NESTED-(NOT-)?OK ' "$gout")
check "the guest reported its checks ($n)" test "$n" -ge 20
while IFS= read -r line; do
	case $line in
	"NESTED-OK "*) ok "guest: ${line#NESTED-OK }" ;;
	"NESTED-NOT-OK "*) not_ok "guest: ${line#NESTED-NOT-OK }" ;;
	esac
done <"$gout"

# The guest wrote the marker over the boot device: an encrypting device
# must leave no trace of it in the backing store; QEMU's stores it as is.
found=$(grep -c "$marker" "$NESTED_BACKING")
if [ "$NESTED_ENCRYPTED" = 1 ]; then
	check_eq "backing store holds no plaintext marker" "$found" 0
else
	check "backing store holds the plaintext marker (reference device)" test "$found" -gt 0
fi
if [ "$NESTED_DUT" = nitro ]; then
	check "boot volume's mdev removed" sh -c "echo 1 >/sys/bus/mdev/devices/$mdev0/remove"
	check "boot volume detached" op 2 detach "$instance" "$vol0"
	check "audit log verifies" op 3 audit verify
fi
check "host kernel log clean" sh -c '! dmesg | grep -E "WARNING:|BUG:|Oops|KASAN|UBSAN|lockdep"'
tap_done
