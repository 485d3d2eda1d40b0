#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The vfio-mdev front-end through the real modules: provisioning decides
# which mdevs can exist (refusals are EPERM and audited), and a VFIO user
# (selftests/fe/nitro_fe_test.c, built by tools/vmtest) drives the "test"
# personality through the type1 container. Needs the test-hooks build.
. "$(dirname "$0")/lib.sh"

PROG=${NITRO_FE_TEST:-/root/selftests-bin/nitro_fe_test}
TYPE=/sys/class/nitro/test/mdev_supported_types/nitro-test
U1=5f0e4c1a-7b3d-4e8f-9a21-0c6d5b4a3f01
U2=5f0e4c1a-7b3d-4e8f-9a21-0c6d5b4a3f02
U3=5f0e4c1a-7b3d-4e8f-9a21-0c6d5b4a3f03

# run_prog ARGS...: the program's PASS/FAIL lines become test points.
run_prog() {
	"$PROG" "$@" >/tmp/fe-prog.out 2>&1
	_rc=$?
	while IFS= read -r _l; do
		case $_l in
		PASS:*) ok "${_l#PASS: }" ;;
		FAIL:*) not_ok "${_l#FAIL: }" ;;
		*) echo "# $_l" ;;
		esac
	done </tmp/fe-prog.out
	check_eq "nitro_fe_test $* exit status" "$_rc" 0
}

# audited OP OBJECT RESULT: the controller (principal 0) recorded it.
audited() {
	audit_lines | grep -Eq " principal=0 $1 $2 result=$3( |\$)"
}

# create UUID: the create file's error message, or "ok".
create() {
	if _e=$(sh -c "echo $1 > $TYPE/create" 2>&1); then echo ok; else echo "${_e##*: }"; fi
}

tap_start
unload_all
# modprobe applies vfio's soft dependency on the type1 IOMMU driver only
# when vfio itself is named.
modprobe -a nitro_ctrl vfio_iommu_type1
check "nitro_ctrl and vfio_iommu_type1 loaded" \
	sh -c 'grep -q "^nitro_ctrl " /proc/modules && grep -q "^vfio_iommu_type1 " /proc/modules'
check "the test program is there" test -x "$PROG"

check_eq "mdev type nitro-test offered" "$(ls /sys/class/nitro/test/mdev_supported_types)" nitro-test
check_eq "device_api" "$(cat $TYPE/device_api)" vfio-pci
check_eq "description" "$(cat $TYPE/description)" "Nitro front-end test device"

# Only provisioned UUIDs, for this personality.
check_eq "unprovisioned UUID: create is EPERM" "$(create $U1)" "Operation not permitted"
check "the refusal is audited" audited mdev.create $U1 -1
check "no mdev left behind" test ! -e /sys/bus/mdev/devices/$U1
echo "$U2 nvme" >$NITRO_DBG/provision
check_eq "UUID provisioned for nvme: create as test is EPERM" "$(create $U2)" \
	"Operation not permitted"
check "that refusal is audited too" audited mdev.create $U2 -1
echo "$U2" >$NITRO_DBG/unprovision

echo "$U1 test" >$NITRO_DBG/provision
check_eq "provisioned UUID: create succeeds" "$(create $U1)" ok
check "creation audited" audited mdev.create $U1 0
check_eq "same UUID again is EEXIST" "$(create $U1)" "File exists"
check "an iommu group for it" test -e /sys/bus/mdev/devices/$U1/iommu_group
check_eq "nothing counted yet" "$(cat /sys/bus/mdev/devices/$U1/nitro/bad_access)" 0

run_prog "$U1"
check_eq "no bad unpin" "$(cat /sys/bus/mdev/devices/$U1/nitro/bad_unpin)" 0
check_eq "no pin left" "$(cat /sys/bus/mdev/devices/$U1/nitro/pinned)" 0

# Detach: the controller withdraws the UUID; the device reads as gone.
echo "$U3 test" >$NITRO_DBG/provision
check_eq "a second device" "$(create $U3)" ok
echo "$U3" >$NITRO_DBG/unprovision
check "detach audited" audited mdev.detach $U3 0
check_eq "detached device is gone" "$(cat /sys/bus/mdev/devices/$U3/nitro/gone)" 1
run_prog --gone "$U3"
check "remove the detached mdev" sh -c "echo 1 >/sys/bus/mdev/devices/$U3/remove"
check_eq "the other device is not gone" "$(cat /sys/bus/mdev/devices/$U1/nitro/gone)" 0

check "remove the mdev" sh -c "echo 1 >/sys/bus/mdev/devices/$U1/remove"
check "removal audited" audited mdev.remove $U1 0
check "mdev gone from sysfs" test ! -e /sys/bus/mdev/devices/$U1
echo "$U1" >$NITRO_DBG/unprovision
check "clean unload" rmmod nitro_ctrl
modprobe -r vfio_iommu_type1 mdev
check "vfio, mdev and type1 unloaded too" \
	sh -c '! grep -qE "^(vfio|mdev|vfio_iommu_type1) " /proc/modules'
tap_done
