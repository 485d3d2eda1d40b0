#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The nested guest's half of selftests/nested.sh: runs in the guest on the
# distribution kernel with its stock nvme driver. Prints one line per check,
# "NESTED-OK <what>" or "NESTED-NOT-OK <what>" (the host turns them into TAP
# points), "# ..." diagnostics, and "NESTED-WAIT-ATTACH n" /
# "NESTED-WAIT-DETACH n" when the host should hot-plug or unplug the device
# through QMP. Every wait is bounded, so a host that does nothing makes the
# checks fail instead of hanging.
#
# Parameters (environment, from the host):
#   BOOT_SERIAL HP_SERIAL  serial numbers of the boot and hot-plug devices
#   MODEL FW               expected model number and firmware revision
#   MARKER                 text written over the boot device for the host's
#                          ciphertext check
#   FIO_SIZE               bytes per fio job (default 128k)
set -u
FIO_SIZE=${FIO_SIZE:-128k}
fails=0

ok() { echo "NESTED-OK $*"; }
not_ok() {
	echo "NESTED-NOT-OK $*"
	fails=$((fails + 1))
}
check() {
	_d=$1
	shift
	if "$@"; then ok "$_d"; else not_ok "$_d"; fi
}
check_eq() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		not_ok "$1"
		echo "# expected '$3', got '$2'"
	fi
}

# ctrl_of SERIAL: the nvme controller (nvme0, ...) with that serial number.
ctrl_of() {
	for c in /sys/class/nvme/nvme*; do
		[ -e "$c/serial" ] || continue
		s=$(sed 's/ *$//' "$c/serial")
		[ "$s" = "$1" ] && { echo "${c##*/}"; return 0; }
	done
	return 1
}

# wait_for SECONDS COMMAND...
wait_for() {
	_t=$(($1 * 10))
	shift
	while ! "$@" >/dev/null 2>&1; do
		_t=$((_t - 1))
		[ "$_t" -gt 0 ] || return 1
		sleep 0.1
	done
}

# A namespace's block device is there once the driver scanned it.
ns_ready() {
	c=$(ctrl_of "$1") && [ -b "/dev/${c}n1" ]
}
gone() { ! ctrl_of "$1"; }

# Every hot-plug slot powered off: pciehp finished the removal, which is
# what QEMU waits for before it deletes the device (DEVICE_DELETED).
slots_off() {
	for p in /sys/bus/pci/slots/*/power; do
		[ -e "$p" ] || continue
		[ "$(cat "$p")" = 0 ] || return 1
	done
}

# field OUTPUT NAME: value of "name : value" in nvme id-ctrl output.
field() {
	printf '%s\n' "$1" | sed -n "s/^$2 *: *//p" | sed 's/ *$//'
}

# fio_verify NAME... -- ARGS...: one fio run (its start-up alone takes most
# of a minute when emulated twice over), write+verify jobs with crc32c, one
# group after the other (ARGS give each --name its options, --stonewall);
# for each NAME the run must report err=0 in every job, and fio must exit 0.
fio_verify() {
	_names=
	while [ "$1" != -- ]; do
		_names="$_names $1"
		shift
	done
	shift
	_t0=$(date +%s)
	_o=$(fio --filename="$dev" --direct=1 --ioengine=libaio \
		--bs=4k --size="$FIO_SIZE" --verify=crc32c --do_verify=1 \
		--verify_fatal=1 --group_reporting=0 "$@" 2>&1)
	_rc=$?
	echo "# fio: exit $_rc after $(($(date +%s) - _t0)) s"
	printf '%s\n' "$_o" | grep -E ': \(groupid=|^ *(read|write): IOPS=' | sed 's/^ */# /'
	check_eq "fio exit status" "$_rc" 0
	for _n in $_names; do
		_jobs=$(printf '%s\n' "$_o" | grep -c "^$_n: (groupid=")
		_errs=$(printf '%s\n' "$_o" | grep "^$_n: (groupid=" | grep -vc 'err= *0:')
		if [ "$_jobs" -gt 0 ] && [ "$_errs" = 0 ]; then
			ok "fio $_n: $_jobs jobs, zero errors"
		else
			not_ok "fio $_n ($_jobs jobs, $_errs with errors)"
		fi
	done
	[ "$_rc" = 0 ] || printf '%s\n' "$_o" | tail -n 15 | sed 's/^/# /'
}

echo "# nested guest: $(uname -r), $(nproc) cpu, up $(cut -d ' ' -f 1 /proc/uptime) s"
check "stock nvme driver loaded" grep -q '^nvme ' /proc/modules

# --- The device present at boot -------------------------------------------
check "boot device $BOOT_SERIAL probed" wait_for 120 ns_ready "$BOOT_SERIAL"
c=$(ctrl_of "$BOOT_SERIAL") || c=none
dev=/dev/${c}n1
echo "# boot device: $c ($dev)"

list=$(nvme list 2>&1)
printf '%s\n' "$list" | sed 's/^/# /'
row=$(printf '%s\n' "$list" | grep "^$dev ")
case $row in
*" $BOOT_SERIAL "*"$MODEL"*" $FW"*) ok "nvme list shows serial, model and firmware" ;;
*) not_ok "nvme list shows serial, model and firmware" ;;
esac

id=$(nvme id-ctrl "/dev/$c" 2>&1)
check_eq "id-ctrl sn" "$(field "$id" sn)" "$BOOT_SERIAL"
check_eq "id-ctrl mn" "$(field "$id" mn)" "$MODEL"
check_eq "id-ctrl fr" "$(field "$id" fr)" "$FW"

fio_verify seq-qd1 rand-qd1 seq-qd32-4jobs rand-qd32-4jobs randrw-qd32-2jobs -- \
	--name=seq-qd1 --rw=write --iodepth=1 \
	--name=rand-qd1 --stonewall --rw=randwrite --iodepth=1 \
	--name=seq-qd32-4jobs --stonewall --rw=write --iodepth=32 --numjobs=4 \
	--offset_increment="$FIO_SIZE" \
	--name=rand-qd32-4jobs --stonewall --rw=randwrite --iodepth=32 --numjobs=4 \
	--offset_increment="$FIO_SIZE" \
	--name=randrw-qd32-2jobs --stonewall --rw=randrw --iodepth=32 --numjobs=2 \
	--offset_increment="$FIO_SIZE"

smart=$(nvme smart-log -o json "/dev/$c" 2>&1)
rc=$?
case $rc/$smart in
0/*'"critical_warning"'*) ok "smart-log" ;;
*) not_ok "smart-log (exit $rc)"; printf '%s\n' "$smart" | head -n 5 | sed 's/^/# /' ;;
esac
# In thousands of 512-byte units, rounded up: fio wrote several MB.
# nvme-cli 2.x prints 128-bit counters as JSON strings ("123"), older
# versions as numbers: accept both.
written=$(printf '%s' "$smart" | tr -d '\n' |
	sed -n 's/.*"data_units_written" *: *"\{0,1\}\([0-9]*\).*/\1/p')
check "smart-log counts the writes (data_units_written ${written:-none})" test "${written:-0}" -gt 0
elog=$(nvme error-log "/dev/$c" 2>&1)
rc=$?
case $rc/$elog in
0/*error_count*) ok "error-log" ;;
*) not_ok "error-log (exit $rc)"; printf '%s\n' "$elog" | head -n 5 | sed 's/^/# /' ;;
esac

# The marker for the host's check of the backing store, written through.
yes "$MARKER" | head -c 1048576 >/tmp/marker
check "marker written" dd if=/tmp/marker of="$dev" bs=64k oflag=direct conv=fsync status=none

# --- Hot-plug -------------------------------------------------------------
echo "NESTED-WAIT-ATTACH 1"
check "hot-plugged device $HP_SERIAL probed" wait_for 300 ns_ready "$HP_SERIAL"
c=$(ctrl_of "$HP_SERIAL") || c=none
dev=/dev/${c}n1
head -c 1048576 /dev/urandom >/tmp/data
check "data written" dd if=/tmp/data of="$dev" bs=64k oflag=direct conv=fsync status=none
sum=$(sha256sum </tmp/data)

echo "NESTED-WAIT-DETACH 1"
check "device gone after device_del" wait_for 300 gone "$HP_SERIAL"
check "slot powered off" wait_for 60 slots_off

echo "NESTED-WAIT-ATTACH 2"
check "device back after device_add" wait_for 300 ns_ready "$HP_SERIAL"
c=$(ctrl_of "$HP_SERIAL") || c=none
dev=/dev/${c}n1
check_eq "data survived detach and re-attach" \
	"$(dd if="$dev" bs=64k count=16 iflag=direct status=none | sha256sum)" "$sum"

# Unplug while I/O runs: fio must end with an error, promptly, and the
# guest must go on.
fio --name=unplug --filename="$dev" --direct=1 --ioengine=libaio --bs=4k \
	--rw=randrw --iodepth=32 --size=32M --time_based --runtime=600 \
	>/tmp/fio-unplug.out 2>&1 &
fio_pid=$!
# I/Os completed on the namespace: fio takes long to start here.
ios() { awk '{ print $1 + $5 }' "/sys/block/${c}n1/stat"; }
base=$(ios)
check "fio's I/O runs before the unplug" wait_for 300 sh -c "[ \$(awk '{ print \$1 + \$5 }' /sys/block/${c}n1/stat) -gt $((base + 64)) ]"
check "fio runs before the unplug" kill -0 "$fio_pid"
echo "NESTED-WAIT-DETACH 2"
check "device gone after device_del under I/O" wait_for 300 gone "$HP_SERIAL"
check "slot powered off under I/O" wait_for 60 slots_off
# fio notices within its own timeouts; give it 120 s.
i=0
while kill -0 "$fio_pid" 2>/dev/null && [ $i -lt 1200 ]; do
	sleep 0.1
	i=$((i + 1))
done
if kill -0 "$fio_pid" 2>/dev/null; then
	not_ok "fio ended after the unplug"
	kill -9 "$fio_pid"
else
	ok "fio ended after the unplug"
fi
wait "$fio_pid"
rc=$?
check "fio failed (exit $rc) instead of reporting success" test "$rc" != 0
check "fio reported an I/O error" grep -qE 'Input/output error|No such device|err= *[1-9]|error=' /tmp/fio-unplug.out
grep -E 'error|err=' /tmp/fio-unplug.out | head -n 5 | sed 's/^/# /'
check "boot device still works" dd if="/dev/$(ctrl_of "$BOOT_SERIAL")n1" of=/dev/null bs=64k count=16 iflag=direct status=none
check "no hung tasks" sh -c '! dmesg | grep -q "blocked for more than"'

echo "NESTED-DONE"
[ "$fails" = 0 ]
