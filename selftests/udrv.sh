#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# nvme-udrv, the userspace VFIO NVMe driver, against a reference: QEMU's
# emulated NVMe controller, bound to vfio-pci behind QEMU's intel-iommu.
# tools/vmtest adds that controller (64 MiB, serial $UDRV_SERIAL) and the
# nvme-udrv binary. Checks exact counts of the load generator, that verify
# mode catches wrong data, and the spec's status for each hostile case on
# which QEMU 7.2 follows the specification.
. "$(dirname "$0")/lib.sh"

UDRV=${UDRV:-/usr/bin/nvme-udrv}
UDRV_SERIAL=${UDRV_SERIAL:-nitro-udrv-0001}

# Hostile cases where QEMU 7.2 returns what NVMe 1.4 asks for. The others
# (nvme-udrv hostile --list) are run and their answers shown as diagnostics:
# QEMU completes reads into unmapped IOVAs successfully, does not check PRP
# dword alignment, answers Delete I/O CQ 0 with Completion Queue Invalid and
# a reserved log page with Invalid Field, does not report a CQ head
# doorbell moved past posted entries, reads a PRP list on past its page,
# sets no DNR on AER Limit Exceeded, and vfio-pci handles accesses near
# the end of BAR0 its own way.
SPEC_CASES="admin-opcode-reserved io-opcode-reserved create-cq-qid-0
create-cq-qid-over-granted create-cq-qid-65535 create-cq-qid-exists
create-cq-size-1 create-cq-size-over-mqes create-cq-vector-invalid
create-cq-prp-offset create-cq-not-contiguous create-sq-cq-missing
create-sq-cqid-0 create-sq-qid-0 create-sq-size-1 create-sq-size-over-mqes
delete-sq-qid-0 delete-sq-missing delete-cq-with-sq identify-cns-reserved
identify-nsid-invalid set-features-nq-65535 set-features-fid-reserved
read-lba-past-end read-lba-straddle-end read-lba-2^63 write-lba-past-end
read-over-mdts read-nsid-0 read-nsid-broadcast read-prp2-offset
read-prp-list-entry-offset read-prp-list-unmapped read-psdt-reserved
read-fuse-reserved doorbell-sq-invalid-qid doorbell-sq-tail-over-size
doorbell-cq-head-over-size read-prp-list-self-loop read-prp-list-ping-pong
cq-full-never-consumed delete-sq-entries-pending delete-sq-io-running"

tap_start

# run NAME ARGS...: run nvme-udrv, keep its output in $out and status in $rc.
run() {
	out=$("$UDRV" "$@" 2>&1)
	rc=$?
	printf '%s\n' "$out" | sed 's/^/# /'
}

field() {
	printf '%s\n' "$out" | sed -n "s/^$1: //p" | head -n 1
}

result() {
	printf '%s\n' "$out" | sed -n 's/^result: //p' | tail -n 1
}

modprobe vfio_pci && modprobe vfio_iommu_type1
dev=
for d in /sys/bus/pci/devices/*; do
	if [ "$(cat "$d/class")" = 0x010802 ] && [ "$(cat "$d/vendor")" = 0x1b36 ]; then
		dev=${d##*/}
		break
	fi
done
check "QEMU NVMe controller present" test -n "$dev"
check "nvme-udrv installed" test -x "$UDRV"
if [ -n "$dev" ]; then
	echo vfio-pci >"/sys/bus/pci/devices/$dev/driver_override"
	echo "$dev" >/sys/bus/pci/drivers_probe
fi
check_eq "bound to vfio-pci" "$(basename "$(readlink "/sys/bus/pci/devices/$dev/driver")")" vfio-pci
check "in its own IOMMU group behind the vIOMMU" \
	test "$(ls "/sys/bus/pci/devices/$dev/iommu_group/devices")" = "$dev"

run info "$dev"
check_eq "info exits 0" "$rc" 0
check_eq "info: model" "$(field model)" "QEMU NVMe Ctrl"
check_eq "info: serial" "$(field serial)" "$UDRV_SERIAL"
check_eq "info: namespace 1" "$(field nsid)" 1
check_eq "info: 131072 blocks" "$(field nsze)" 131072
check_eq "info: 512-byte blocks" "$(field lba_bytes)" 512
check_eq "info: vfio-pci device" "$(field device)" "$dev (vfio-pci)"
check_eq "info: BAR0 mapped (vfio-pci allows it)" "$(field bar0_access)" mmap

run io "$dev" --rw write --verify --count 2000 --qd 16 --queues 2 --seed 11
check_eq "write 2000 x 4K verify pattern: exit 0" "$rc" 0
check_eq "write: exact counts" "$(result)" \
	"ios=2000 reads=0 writes=2000 flushes=2 bytes=8192000 errors=0 verify_errors=0 timeouts=0"
irq=$(field irq)
check "completions came through MSI-X eventfds ($irq)" \
	sh -c 'case $1 in "msix signals="[1-9]*) ;; *) exit 1 ;; esac' - "$irq"

run io "$dev" --rw read --verify --count 2000 --qd 16 --queues 2 --seed 11
check_eq "read back 2000 x 4K and verify: exit 0" "$rc" 0
check_eq "read: exact counts" "$(result)" \
	"ios=2000 reads=2000 writes=0 flushes=0 bytes=8192000 errors=0 verify_errors=0 timeouts=0"

# Another seed: every 512-byte block read must be reported, exit 1.
run io "$dev" --rw read --verify --count 100 --qd 4 --seed 12
check_eq "verify with a wrong seed: exit 1" "$rc" 1
check_eq "verify with a wrong seed: 800 bad blocks" "$(result)" \
	"ios=100 reads=100 writes=0 flushes=0 bytes=409600 errors=0 verify_errors=800 timeouts=0"
check "a bad block names the seed it holds" \
	sh -c "printf '%s\n' \"\$1\" | grep -q '^verify: lba [0-9]* holds the block of lba [0-9]* seed 11 '" - "$out"

# PRP lists: 64 KiB (16 pages) and 512 KiB (QEMU's MDTS) transfers.
run io "$dev" --rw mix=50 --verify --bs 64k --qd 8 --queues 3 --size 8M --count 600 --seed 21
check_eq "mix 50% 64K x 3 queues verify: exit 0" "$rc" 0
check "mix: no errors" sh -c "printf '%s\n' \"\$1\" | grep -q '^result: ios=600 .* errors=0 verify_errors=0 timeouts=0$'" - "$out"
run io "$dev" --rw write --verify --bs 512k --qd 4 --count 32 --seed 22
check_eq "512K writes (PRP list of 127 entries): exit 0" "$rc" 0
run io "$dev" --rw read --verify --bs 512k --qd 4 --count 32 --seed 22
check_eq "512K reads verified" "$(result)" \
	"ios=32 reads=32 writes=0 flushes=0 bytes=16777216 errors=0 verify_errors=0 timeouts=0"

# Registers and doorbells through pwrite/pread of the region instead of
# the BAR mmap: the path of a device whose BAR cannot be mapped.
export NITROVFIO_NO_MMAP=1
run info "$dev"
check_eq "NITROVFIO_NO_MMAP=1: doorbells through pwrite" "$(field bar0_access)" pread/pwrite
run io "$dev" --rw write --verify --count 256 --qd 8 --queues 2 --seed 31 --size 1M
check_eq "without BAR mmap: 1 MiB written" "$(result)" \
	"ios=256 reads=0 writes=256 flushes=2 bytes=1048576 errors=0 verify_errors=0 timeouts=0"
run io "$dev" --rw randread --verify --count 300 --qd 8 --seed 31 --size 1M
check_eq "without BAR mmap: random reads of it verified" "$(result)" \
	"ios=300 reads=300 writes=0 flushes=0 bytes=1228800 errors=0 verify_errors=0 timeouts=0"
unset NITROVFIO_NO_MMAP

run io "$dev" --rw randread --poll --count 500 --qd 32
check_eq "polled random reads: exit 0" "$rc" 0
check "polled: 500 reads" sh -c "printf '%s\n' \"\$1\" | grep -q '^result: ios=500 reads=500 '" - "$out"
check_eq "polled: no interrupt used" "$(field irq)" "polled signals=0"

run io "$dev" --rw write --bs 1m --count 1
check_eq "--bs over MDTS is a usage error (2)" "$rc" 2
run io "$dev" --rw sideways
check_eq "unknown --rw is a usage error (2)" "$rc" 2
run info 0000:00:1f.7
check_eq "absent device is a setup error (3)" "$rc" 3

# The spec's answer to each hostile case, one test point each.
# shellcheck disable=SC2086
run hostile --expect "$dev" $SPEC_CASES
check_eq "hostile --expect on the spec cases: exit 0" "$rc" 0
for c in $SPEC_CASES; do
	line=$(printf '%s\n' "$out" | awk -v c="$c" '$1 == c')
	case $line in
	*" ok") ok "hostile $c: ${line#"$c"}" ;;
	*) not_ok "hostile $c: ${line:-no result}" ;;
	esac
done
want=$("$UDRV" hostile --list | awk '{ print $1 }' | while read -r c; do
	case " $(echo $SPEC_CASES) " in *" $c "*) ;; *) echo "$c" ;; esac
done)
diag "the other cases, where QEMU 7.2 departs from the specification:"
# shellcheck disable=SC2086
run hostile "$dev" $want

run info --reset "$dev"
check_eq "controller works after the hostile cases and a VFIO reset" "$rc" 0
check_eq "reset reported" "$(field reset)" done

tap_done
