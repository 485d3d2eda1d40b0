#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# nitro_nvme's ATTACH and DETACH through the real mailbox (the test hook
# /sys/kernel/debug/nitro/nvme posts them), with a regular file and a brd
# block device as backends, a test key and a real nitro_sec grant. Errors
# are checked by their message: EINVAL "Invalid argument", EACCES
# "Permission denied", EBUSY "Device or resource busy".
. "$(dirname "$0")/lib.sh"

NV=$NITRO_DBG/nvme
SEC=$NITRO_DBG/sec
VOL=6a1d3c52-6f35-4c8e-9d0b-2a51c6e1f0a1
DEV=7b2e4d21-3c9a-4a6f-8e52-9d13f4a2b0a2
DEV2=8c3f5e32-4dab-4b70-9f63-ae24f5b3c0a3
KEY=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
KEY=${KEY}f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff0102030405060708090a0b0c0d0e0f10

nv() {
	echo "$*" >"$NV"
}

tap_start
unload_all
modprobe nitro_sec && modprobe nitro_nvme || exit 1
check "test hook present" test -w "$NV"

truncate -s 1M /tmp/vol.img
check "attach a file, 512-byte LBAs, test key" \
	nv attach "$DEV" "$VOL" 1048576 9 /tmp/vol.img "key=$KEY"
check "the same device again: EBUSY" \
	fails_with "Device or resource busy" "$NV" attach "$DEV" "$VOL" 1048576 9 /tmp/vol.img "key=$KEY"
check "volume larger than its backend: EINVAL" \
	fails_with "Invalid argument" "$NV" attach "$DEV2" "$VOL" 2097152 9 /tmp/vol.img "key=$KEY"
check "LBA shift 10: EINVAL" \
	fails_with "Invalid argument" "$NV" attach "$DEV2" "$VOL" 1048576 10 /tmp/vol.img "key=$KEY"
check "size not a multiple of 4096: EINVAL" \
	fails_with "Invalid argument" "$NV" attach "$DEV2" "$VOL" 1048064 12 /tmp/vol.img "key=$KEY"
check "size 0: EINVAL" \
	fails_with "Invalid argument" "$NV" attach "$DEV2" "$VOL" 0 9 /tmp/vol.img "key=$KEY"
check "relative backend path: EINVAL" \
	fails_with "Invalid argument" "$NV" attach "$DEV2" "$VOL" 4096 9 tmp/vol.img "key=$KEY"
check "missing backend: an error" \
	fails_with "error" "$NV" attach "$DEV2" "$VOL" 4096 9 /nonexistent "key=$KEY"
check "a directory as backend: EINVAL" \
	fails_with "Invalid argument" "$NV" attach "$DEV2" "$VOL" 4096 9 /tmp "key=$KEY"
check "equal XTS key halves: EINVAL" \
	fails_with "Invalid argument" "$NV" attach "$DEV2" "$VOL" 4096 9 /tmp/vol.img \
	"key=$(printf '%0128d' 0)"
check "detach" nv detach "$DEV"
check "detach again: EINVAL" fails_with "Invalid argument" "$NV" detach "$DEV"

modprobe brd rd_nr=1 rd_size=1024
check "attach brd, 4096-byte LBAs" \
	nv attach "$DEV" "$VOL" 1048576 12 /dev/ram0 "key=$KEY"
check "brd is claimed exclusively: EBUSY" \
	fails_with "Device or resource busy" "$NV" attach "$DEV2" "$VOL" 1048576 12 /dev/ram0 "key=$KEY"
check "read-only attach of a file" \
	nv attach "$DEV2" "$VOL" 1048576 12 /tmp/vol.img "key=$KEY" ro
check "detach both" sh -c "echo detach $DEV >$NV && echo detach $DEV2 >$NV"
check "brd is free again" nv attach "$DEV" "$VOL" 1048576 12 /dev/ram0 "key=$KEY"
check "detach brd" nv detach "$DEV"

# A real grant from nitro_sec: redeemed once, then burnt.
c=$(echo cmk_create >"$SEC" && cat "$SEC")
w=$(echo "datakey $c 64" >"$SEC" && cat "$SEC")
t=$(echo "grant $c 2 $VOL $DEV $w" >"$SEC" && cat "$SEC")
check_eq "grant token" "${#t}" 64
check "attach with the grant" nv attach "$DEV" "$VOL" 1048576 9 /tmp/vol.img "grant=$t"
check "detach" nv detach "$DEV"
check "the grant is burnt: EACCES" \
	fails_with "Permission denied" "$NV" attach "$DEV" "$VOL" 1048576 9 /tmp/vol.img "grant=$t"
t=$(echo "grant $c 2 $VOL $DEV $w" >"$SEC" && cat "$SEC")
check "a grant for another device: EACCES" \
	fails_with "Permission denied" "$NV" attach "$DEV2" "$VOL" 1048576 9 /tmp/vol.img "grant=$t"

# --- the device: nvme-udrv over VFIO on the mdev ---
TYPE=/sys/class/nitro/nvme/mdev_supported_types/nitro-nvme
modprobe vfio_iommu_type1
truncate -s 0 /tmp/vol.img
truncate -s 8M /tmp/vol.img
check "attach 8 MiB, 512-byte LBAs" nv attach "$DEV" "$VOL" 8388608 9 /tmp/vol.img "key=$KEY"
check "mdev type nitro-nvme" test -w "$TYPE/create"
check "create the mdev" sh -c "echo $DEV >$TYPE/create"
nvme-udrv info "$DEV" >/tmp/info 2>&1
check_eq "info: lba_bytes" "$(sed -n 's/^lba_bytes: //p' /tmp/info)" 512
check_eq "info: nsze" "$(sed -n 's/^nsze: \([0-9]*\).*/\1/p' /tmp/info)" 16384
check_eq "info: mdts_bytes" "$(sed -n 's/^mdts_bytes: //p' /tmp/info)" 131072
# udrv_io ARGS...: run the load generator; 0 errors, 0 verify errors.
udrv_io() {
	nvme-udrv io "$DEV" "$@" >/tmp/io 2>&1
	_rc=$?
	grep -q ' errors=0 verify_errors=0 timeouts=0' /tmp/io && [ $_rc = 0 ] && return 0
	sed 's/^/# /' /tmp/io
	return 1
}
check "write 8 MiB with a pattern, 2 queues" \
	udrv_io --rw write --bs 16k --qd 8 --queues 2 --size 8M --count 512 --verify --seed 7
check "random reads verify" udrv_io --rw randread --bs 4k --qd 16 --count 2000 --verify --seed 7
check "mixed 64 KiB I/O verifies" udrv_io --rw mix=50 --bs 64k --qd 4 --count 300 --verify --seed 9
check "polled 512-byte I/O verifies" udrv_io --rw mix=70 --bs 512 --qd 8 --count 1000 --poll --verify --seed 9
check "the backend holds no plaintext" sh -c '! grep -q NNITRUDV /tmp/vol.img'
nvme-udrv hostile "$DEV" --expect >/tmp/hostile 2>&1
rc=$?
# One test point per case (nvme-udrv hostile --list), with what it saw.
for c in $(nvme-udrv hostile --list | awk '{ print $1 }'); do
	line=$(awk -v c="$c" '$1 == c' /tmp/hostile)
	case $line in
	*" ok") ok "hostile $c: ${line#"$c"}" ;;
	*) not_ok "hostile $c: ${line:-no result}" ;;
	esac
done
check_eq "nvme-udrv hostile --expect: exit 0" "$rc" 0
# Beyond the specification, our design: no command is fetched that could
# not complete, so a full CQ stops fetching (3 fetched for 3 free slots).
check "CQ full: fetching stopped with the CQ (SQ head 3)" \
	grep -q '^cq-full-never-consumed .*(sq-head=3)' /tmp/hostile
check "still serves I/O after the hostile cases" udrv_io --rw randread --count 500 --verify --seed 9

# dm-crypt's aes-xts-plain64 reads what the device wrote, and the other way.
if command -v dmsetup >/dev/null; then
	modprobe loop
	losetup /dev/loop0 /tmp/vol.img
	dmsetup create nvcrypt --table "0 16384 crypt aes-xts-plain64 $KEY 0 /dev/loop0 0"
	dm=
	for b in /sys/block/dm-*; do
		[ "$(cat "$b/dm/name" 2>/dev/null)" = nvcrypt ] && dm=/dev/${b##*/}
	done
	check "dm-crypt sees the plaintext" grep -q NNITRUDV "$dm"
	check_eq "dm-crypt: block 5 holds LBA 5" \
		"$(dd if="$dm" bs=512 skip=5 count=1 2>/dev/null | od -An -tu8 -N8 | tr -d ' ')" 5
	dd if="$dm" of=/tmp/plain bs=64k 2>/dev/null
	dd if=/dev/zero of=/dev/loop0 bs=64k count=128 conv=fsync 2>/dev/null
	dd if=/tmp/plain of="$dm" bs=64k conv=fsync 2>/dev/null
	dmsetup remove nvcrypt
	losetup -d /dev/loop0
	check "the device reads what dm-crypt wrote" \
		udrv_io --rw read --bs 128k --qd 4 --count 64 --verify --seed 9
else
	ok "# SKIP dm-crypt cross-check: no dmsetup in the VM"
fi
check "remove the mdev" sh -c "echo 1 >/sys/bus/mdev/devices/$DEV/remove"
check "detach" nv detach "$DEV"

# Unload with a volume attached: the key and the backend go with it.
check "attach before unload" nv attach "$DEV" "$VOL" 1048576 12 /dev/ram0 "key=$KEY"
check "nitro_nvme unloads with a volume attached" rmmod nitro_nvme
check "nitro_nvme reloads" modprobe nitro_nvme
# The controller still has the UUID provisioned; nitro_nvme forgot it.
check "after reload the volume is gone: EINVAL" \
	fails_with "Invalid argument" "$NV" detach "$DEV"
check "brd released by the unload" nv attach "$DEV" "$VOL" 1048576 12 /dev/ram0 "key=$KEY"
check "detach" nv detach "$DEV"
rmmod brd
unload_all
tap_done
