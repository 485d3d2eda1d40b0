#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The benchmark inside the test VM (started by tools/bench/run):
#   vm.sh SECONDS ROUNDS SIZE_MIB
# Rows are measured round by round in turn (plain, dm-crypt, nitro-nvme,
# reference), so that a slow phase of the host hits every row alike; each
# row's IOPS is the mean over the rounds.
set -u
seconds=$1
rounds=$2
size=$3
here=$(dirname "$0")
BS=4096
QD=32
DM=bench-crypt
# A fixed test key: the numbers do not depend on it.
KEY=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
KEY=$KEY$KEY

fail() {
	echo "bench: $*" >&2
	exit 1
}

modprobe brd rd_nr=2 rd_size=$((size * 1024)) || fail "cannot load brd"
modprobe dm_crypt && modprobe aesni_intel && modprobe xts || fail "cannot load dm-crypt and AES-XTS"
modprobe vfio_pci && modprobe vfio_iommu_type1 || fail "cannot load vfio"
ram=/dev/ram0
ram2=/dev/ram1
sectors=$(blockdev --getsz $ram)

dmsetup create $DM --table \
	"0 $sectors crypt aes-xts-plain64 $KEY 0 $ram 0 2 no_read_workqueue no_write_workqueue" ||
	fail "dmsetup create failed"
# No udev in the VM: find the dm-N node by the device's name.
crypt=
for b in /sys/block/dm-*; do
	[ "$(cat "$b/dm/name" 2>/dev/null)" = $DM ] && crypt=/dev/${b##*/}
done
[ -b "$crypt" ] || fail "no block device for $DM"
driver=$(awk -v n="xts(aes)" '$1 == "name" && $3 == n { f = 1 } f && $1 == "driver" { print $3; exit }' /proc/crypto)

# fio_iops DEV RW: 4K QD32 IOPS of one job on DEV, O_DIRECT, through the
# cheapest submission path the kernel offers (io_uring with registered
# files and buffers; measured fastest here, libaio about half of it).
fio_iops() {
	fio --name=bench --filename="$1" --rw="$2" --bs=$BS --iodepth=$QD \
		--ioengine=io_uring --fixedbufs --registerfiles \
		--direct=1 --runtime="$seconds" --time_based \
		--norandommap --randrepeat=0 --output-format=terse --terse-version=3 \
		>/tmp/fio.out 2>/tmp/fio.err || { cat /tmp/fio.err >&2; echo 0; return; }
	# Terse v3: field 8 is read IOPS, field 49 write IOPS.
	case $2 in
	*read) cut -d';' -f8 /tmp/fio.out ;;
	*) cut -d';' -f49 /tmp/fio.out ;;
	esac
}

# udrv_iops DEV RW: the same workload from nvme-udrv over VFIO.
udrv_iops() {
	nvme-udrv io "$1" --rw "$2" --bs $BS --qd $QD --queues 1 \
		--seconds "$seconds" >/tmp/udrv.out 2>&1 || { cat /tmp/udrv.out >&2; echo 0; return; }
	sed -n 's/^perf: .* iops=\([0-9]*\) .*/\1/p' /tmp/udrv.out
}

bind_vfio() {
	echo vfio-pci >"/sys/bus/pci/devices/$1/driver_override"
	echo "$1" >/sys/bus/pci/drivers_probe
}

# Our device: an mdev of type nitro-nvme whose volume is $ram2, the twin of
# $ram (dm-crypt holds $ram, and a volume's backend is opened exclusively).
# Creating the
# volume and the mdev goes through the control API: nitro-setup does it and
# prints the mdev UUID.
nitro=
nitro_why=
ntype=$(ls -d /sys/class/mdev_bus/*/mdev_supported_types/*nitro-nvme 2>/dev/null | head -n 1)
if [ -z "$ntype" ]; then
	modprobe nitro_nvme 2>/dev/null
	ntype=$(ls -d /sys/class/mdev_bus/*/mdev_supported_types/*nitro-nvme 2>/dev/null | head -n 1)
fi
if [ -z "$ntype" ]; then
	nitro_why="not available yet: no mdev type nitro-nvme"
elif [ ! -x "$here/nitro-setup" ]; then
	nitro_why="not available yet: mdev type present, but no tools/bench/nitro-setup"
elif ! nitro=$("$here/nitro-setup" "$ram2" 2>/tmp/nitro.err) || [ -z "$nitro" ]; then
	nitro_why="setup failed: $(tail -n 1 /tmp/nitro.err)"
	nitro=
fi

ref=
for d in /sys/bus/pci/devices/*; do
	if [ "$(cat "$d/class")" = 0x010802 ] && [ "$(cat "$d/vendor")" = 0x1b36 ]; then
		ref=${d##*/}
		bind_vfio "$ref"
	fi
done

for rw in randread randwrite; do
	eval "sum_plain_$rw=0 sum_crypt_$rw=0 sum_nitro_$rw=0 sum_ref_$rw=0"
done
r=1
while [ $r -le "$rounds" ]; do
	for rw in randread randwrite; do
		echo "# round $r/$rounds $rw: plain" >&2
		v=$(fio_iops $ram $rw); eval "sum_plain_$rw=\$((sum_plain_$rw + ${v:-0}))"
		echo "# round $r/$rounds $rw: dm-crypt" >&2
		v=$(fio_iops $crypt $rw); eval "sum_crypt_$rw=\$((sum_crypt_$rw + ${v:-0}))"
		if [ -n "$nitro" ]; then
			echo "# round $r/$rounds $rw: nitro-nvme" >&2
			v=$(udrv_iops "$nitro" $rw); eval "sum_nitro_$rw=\$((sum_nitro_$rw + ${v:-0}))"
		fi
		if [ -n "$ref" ]; then
			echo "# round $r/$rounds $rw: reference" >&2
			v=$(udrv_iops "$ref" $rw); eval "sum_ref_$rw=\$((sum_ref_$rw + ${v:-0}))"
		fi
	done
	r=$((r + 1))
done

mean() { eval "echo \$((sum_$1_$2 / rounds))"; }
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0 && b > 0) printf "%.2f", a / b; else printf "n/a" }'
}

echo "bench: ${BS}-byte random I/O, queue depth $QD, one queue/job, ${seconds} s x $rounds round(s)"
echo "bench: backend brd $ram ($size MiB; nitro-nvme on its twin $ram2); dm-crypt aes-xts-plain64 512-bit key, xts(aes) driver ${driver:-unknown}"
echo "bench: kernel $(uname -r), $(nproc) vCPUs (QEMU TCG): absolute numbers mean little, ratios do"
printf '%-44s %-10s %12s %12s\n' target engine randread randwrite
printf '%-44s %-10s %12s %12s\n' "plain $ram" fio "$(mean plain randread)" "$(mean plain randwrite)"
printf '%-44s %-10s %12s %12s\n' "dm-crypt aes-xts-plain64 (no workqueues)" fio "$(mean crypt randread)" "$(mean crypt randwrite)"
if [ -n "$nitro" ]; then
	printf '%-44s %-10s %12s %12s\n' "nitro-nvme $nitro" nvme-udrv "$(mean nitro randread)" "$(mean nitro randwrite)"
else
	printf '%-44s %-10s %s\n' "nitro-nvme" nvme-udrv "$nitro_why"
fi
if [ -n "$ref" ]; then
	printf '%-44s %-10s %12s %12s\n' "reference: QEMU nvme (host file, not brd)" nvme-udrv "$(mean ref randread)" "$(mean ref randwrite)"
fi
echo "ratios (randread randwrite):"
printf '  %-30s %9s %9s\n' "dm-crypt / plain" \
	"$(ratio "$(mean crypt randread)" "$(mean plain randread)")" \
	"$(ratio "$(mean crypt randwrite)" "$(mean plain randwrite)")"
if [ -n "$nitro" ]; then
	printf '  %-30s %9s %9s\n' "nitro-nvme / plain" \
		"$(ratio "$(mean nitro randread)" "$(mean plain randread)")" \
		"$(ratio "$(mean nitro randwrite)" "$(mean plain randwrite)")"
	printf '  %-30s %9s %9s\n' "nitro-nvme / dm-crypt" \
		"$(ratio "$(mean nitro randread)" "$(mean crypt randread)")" \
		"$(ratio "$(mean nitro randwrite)" "$(mean crypt randwrite)")"
else
	printf '  %-30s %9s %9s\n' "nitro-nvme / plain" n/a n/a
	printf '  %-30s %9s %9s\n' "nitro-nvme / dm-crypt" n/a n/a
fi
dmsetup remove $DM
# A zero anywhere means a row failed: say so in the exit status.
for v in "$(mean plain randread)" "$(mean plain randwrite)" "$(mean crypt randread)" "$(mean crypt randwrite)"; do
	[ "$v" -gt 0 ] || fail "a baseline row measured nothing"
done
if [ -n "$nitro" ] && { [ "$(mean nitro randread)" = 0 ] || [ "$(mean nitro randwrite)" = 0 ]; }; then
	fail "the nitro-nvme row measured nothing"
fi
exit 0
