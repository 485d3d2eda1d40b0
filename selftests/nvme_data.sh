#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# nitro_nvme's data path through nvme-udrv on the real mdev: every block of
# a volume written and read back verified at both LBA sizes, with 1, 2 and
# 4 queues at 512-byte LBAs and 1, 4 and 16 at 4096; the data survives a
# detach and a new attach of the volume (and reads as garbage under another
# key); the key survives the guest's resets but not the controller's RESET;
# backend failures under a dm-error table come back as the NVMe statuses
# Documentation/nvme.rst names, with their Error Information log entries,
# and never as success.
. "$(dirname "$0")/lib.sh"

NV=$NITRO_DBG/nvme
TYPE=/sys/class/nitro/nvme/mdev_supported_types/nitro-nvme
VOL=5d2e4c63-7a1b-4d9f-8e60-3b62d7f2e1b4
DEV=9d4a6f43-5ebc-4c81-a074-bf35a6c4d1b4
KEY=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
KEY=${KEY}f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff0102030405060708090a0b0c0d0e0f10
KEY2=$(echo "$KEY" | tr '0123456789abcdef' '123456789abcdef0')
SIZE=4194304

# up BACKEND LBA_SHIFT [KEY]: attach the volume and create its mdev.
up() {
	echo "attach $DEV $VOL $SIZE $2 $1 key=${3:-$KEY}" >"$NV" &&
		echo "$DEV" >"$TYPE/create"
}

down() {
	echo 1 >"/sys/bus/mdev/devices/$DEV/remove" && echo "detach $DEV" >"$NV"
}

# io ARGS...: the load generator's output in /tmp/io, its exit code in $io_rc.
io() {
	nvme-udrv io "$DEV" "$@" >/tmp/io 2>&1
	io_rc=$?
}

# result KEY: a counter of the last run's result line.
result() {
	sed -n "s/^result: .* $1=\([0-9]*\).*/\1/p" /tmp/io
}

# io_ok ARGS...: the run issues what it should and sees no error at all.
io_ok() {
	io "$@"
	[ "$io_rc" = 0 ] && grep -q ' errors=0 verify_errors=0 timeouts=0' /tmp/io &&
		return 0
	sed 's/^/# /' /tmp/io
	return 1
}

# whole SHIFT QUEUES BS QD SEED: write every block, read every block back.
whole() {
	_n=$((SIZE / $3))
	check "lba $((1 << $1)), $2 queue(s), bs $3: write all $_n" \
		io_ok --rw write --bs "$3" --qd "$4" --queues "$2" --count "$_n" --verify --seed "$5"
	check_eq "lba $((1 << $1)), $2 queue(s): $_n writes" "$(result writes)" "$_n"
	check "lba $((1 << $1)), $2 queue(s), bs $3: read all back, verified" \
		io_ok --rw read --bs "$3" --qd "$4" --queues "$2" --count "$_n" --verify --seed "$5"
	check_eq "lba $((1 << $1)), $2 queue(s): $_n reads" "$(result reads)" "$_n"
}

tap_start
unload_all
modprobe nitro_sec && modprobe nitro_nvme && modprobe vfio_iommu_type1 || exit 1

# --- every block, both LBA sizes, 1/2/4/16 queues ---
truncate -s "$SIZE" /tmp/d512.img /tmp/d4k.img
check "512-byte LBAs: attach, create the mdev" up /tmp/d512.img 9
whole 9 1 131072 4 21
whole 9 2 4096 16 22
whole 9 4 16384 8 25
check "512-byte LBAs: backend holds no plaintext" sh -c '! grep -q NNITRUDV /tmp/d512.img'
check "512-byte LBAs: down" down

check "4096-byte LBAs: attach, create the mdev" up /tmp/d4k.img 12
whole 12 1 4096 16 26
whole 12 4 16384 8 23
whole 12 16 65536 2 24
check "4096-byte LBAs: backend holds no plaintext" sh -c '! grep -q NNITRUDV /tmp/d4k.img'

# --- detach and attach again: the data is still there ---
check "detach" down
check "attach the same volume again" up /tmp/d4k.img 12
check "every block reads back verified after the re-attach" \
	io_ok --rw read --bs 65536 --qd 4 --count 64 --verify --seed 24
check "detach" down
check "attach it under another key" up /tmp/d4k.img 12 "$KEY2"
io --rw read --bs 65536 --qd 4 --count 64 --verify --seed 24
check_eq "another key: every block fails verification" "$(result verify_errors)" 1024
check_eq "another key: reads themselves succeed" "$(result errors)" 0
check "detach" down

# --- the key: kept over the guest's resets, gone after the controller's ---
check "attach with the right key" up /tmp/d4k.img 12
check "an FLR (VFIO reset) of the function" \
	sh -c "nvme-udrv info --reset $DEV | grep -q '^reset: done$'"
check "the key is kept over FLR and CC.EN toggles: reads verify" \
	io_ok --rw read --bs 65536 --qd 4 --count 64 --verify --seed 24
check "the controller resets the function (RESET, no new key)" \
	sh -c "echo reset $DEV >$NV"
io --rw read --bs 65536 --qd 4 --count 64 --verify --seed 24
check "no key: every read is Namespace Not Ready (0x082)" \
	grep -q '^status: 0x082 Namespace Not Ready count=64$' /tmp/io
io --rw write --bs 4096 --qd 4 --count 8 --size 32k --verify --seed 99
check "no key: the 8 writes and their Flush too" \
	grep -q '^status: 0x082 Namespace Not Ready count=9$' /tmp/io
check "RESET with the key again" sh -c "echo reset $DEV key=$KEY >$NV"
check "the data is all there under it" \
	io_ok --rw read --bs 65536 --qd 4 --count 64 --verify --seed 24
check "RESET with another key" sh -c "echo reset $DEV key=$KEY2 >$NV"
io --rw read --bs 65536 --qd 4 --count 64 --verify --seed 24
check_eq "another key after RESET: every block fails verification" \
	"$(result verify_errors)" 1024
# A real grant from nitro_sec: accepted once, then burnt; a refused RESET
# still zeroizes the key (fail closed).
SEC=$NITRO_DBG/sec
c=$(echo cmk_create >"$SEC" && cat "$SEC")
w=$(echo "datakey $c 64" >"$SEC" && cat "$SEC")
t=$(echo "grant $c 2 $VOL $DEV $w" >"$SEC" && cat "$SEC")
check "RESET with a nitro_sec grant" sh -c "echo reset $DEV grant=$t >$NV"
io --rw read --bs 65536 --qd 4 --count 64 --verify --seed 24
check_eq "the granted key is not the test key: reads succeed, verify fails" \
	"$(result errors) $(result verify_errors)" "0 1024"
check "the grant is burnt: RESET with it again fails (EACCES)" \
	sh -c "! echo reset $DEV grant=$t >$NV 2>/tmp/err && grep -q 'Permission denied' /tmp/err"
io --rw read --bs 65536 --qd 4 --count 64 --verify --seed 24
check "... and the key is gone anyway: Namespace Not Ready" \
	grep -q '^status: 0x082 Namespace Not Ready count=64$' /tmp/io
check "RESET of a device never attached: EINVAL" \
	sh -c "! echo reset 00000000-0000-4000-8000-000000000000 >$NV 2>/tmp/err && grep -q 'Invalid argument' /tmp/err"
check "detach" down

# --- backend failures: sectors 2048-4095 of the volume sit on dm-error ---
# A 4 MiB ram disk of our own (an earlier test may have left a smaller one).
loaded brd && rmmod brd
modprobe brd rd_nr=1 rd_size=4096
modprobe dm_mod
dmsetup create nvbad --table "0 2048 linear /dev/ram0 0
2048 2048 error
4096 4096 linear /dev/ram0 4096"
dm=
for b in /sys/block/dm-*; do
	[ "$(cat "$b/dm/name" 2>/dev/null)" = nvbad ] && dm=/dev/${b##*/}
done
check "dm-error table under the volume" test -b "$dm"
check "512-byte LBAs on it: attach, create the mdev" up "$dm" 9

check "reads below the bad range succeed" io_ok --rw read --bs 4096 --count 256 --size 1M
io --rw read --offset 2048 --bs 4096 --qd 4 --count 16 --size 64k
check_eq "reads in the bad range: exit 1" "$io_rc" 1
check_eq "reads in the bad range: all 16 fail" "$(result errors)" 16
check "reads in the bad range: Unrecovered Read Error (0x281)" \
	grep -q '^status: 0x281 Unrecovered Read Error count=16$' /tmp/io
io --rw read --offset 2040 --bs 8192 --qd 1 --count 1 --size 8192
check "a read straddling into it: 0x281" \
	grep -q '^status: 0x281 Unrecovered Read Error count=1$' /tmp/io

io --rw write --offset 2048 --bs 4096 --qd 4 --count 16 --size 64k --fua
check_eq "FUA writes in the bad range: exit 1" "$io_rc" 1
check "FUA writes in the bad range: Write Fault (0x280), all 16" \
	grep -q '^status: 0x280 Write Fault count=16$' /tmp/io
check_eq "FUA writes: none reported written" "$(result writes)" 0

# A cached write completes when the cache has it; the Flush that must make
# it durable cannot, and says so.
io --rw write --offset 3072 --bs 4096 --qd 4 --count 8 --size 32k
check_eq "cached writes: 8 accepted by the write cache" "$(result writes)" 8
check "the Flush after them: Write Fault (0x280)" \
	grep -q '^io: flush on queue 1: cid 65535 status 0x280 (Write Fault)$' /tmp/io

nvme-udrv log "$DEV" >/tmp/log 2>&1
check_eq "error log: newest entry is the Flush's Write Fault" \
	"$(sed -n '1s/^error: count=[0-9]* sqid=1 cid=0xffff status=\(0x[0-9a-f]*\) dnr=0 .*/\1/p' /tmp/log)" 0x280
# lbas STATUS: the LBAs of the error log entries with that status, sorted.
lbas() {
	sed -n "s/^error: .* status=$1 dnr=0 lba=\([0-9]*\) nsid=1$/\1/p" /tmp/log |
		sort -n | tr '\n' ' '
}
bad16=$(i=0; while [ $i -lt 16 ]; do printf '%d ' $((2048 + 8 * i)); i=$((i + 1)); done)
check_eq "error log: the 16 Write Faults with their LBAs" "$(lbas 0x280)" "0 $bad16"
check_eq "error log: the 17 Unrecovered Read Errors with their LBAs" \
	"$(lbas 0x281)" "2040 $bad16"
check_eq "SMART: 34 media errors" \
	"$(sed -n 's/^smart: .* media_errors=\([0-9]*\) .*/\1/p' /tmp/log)" 34
check "writes and reads above the bad range still verify" \
	io_ok --rw write --offset 4096 --bs 16384 --qd 4 --count 128 --size 2M --verify --seed 5
check "... and read back" \
	io_ok --rw read --offset 4096 --bs 16384 --qd 4 --count 128 --size 2M --verify --seed 5
check "detach from the dm-error table" down
dmsetup remove nvbad
rmmod brd
unload_all
tap_done
