#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The demo's guest (tools/demo/walkthrough.sh starts it with
# tools/nested/run): an unmodified Debian kernel with its stock nvme driver.
# It waits for the volume to be hot-plugged, shows what it sees, writes a
# text to the first block of the namespace and reads it back, then waits
# for the volume to be unplugged. Lines starting with DEMO- are for the host.
#
#   SERIAL  the volume's NVMe serial number    TEXT  what to write
set -u
: "${SERIAL:?}" "${TEXT:?}"

# ctrl: the controller with our serial, once its namespace is there.
ctrl() {
	for c in /sys/class/nvme/nvme*; do
		[ -e "$c/serial" ] || continue
		[ "$(sed 's/ *$//' "$c/serial")" = "$SERIAL" ] || continue
		[ -b "/dev/${c##*/}n1" ] || return 1
		echo "${c##*/}"
		return 0
	done
	return 1
}
wait_for() {
	_t=$(($1 * 10))
	shift
	while ! "$@" >/dev/null 2>&1; do
		_t=$((_t - 1))
		[ "$_t" -gt 0 ] || return 1
		sleep 0.1
	done
}

echo "booted $(uname -r), stock nvme driver; no NVMe device yet: $(ls /sys/class/nvme | wc -l) controllers"
echo "DEMO-READY"
wait_for 900 ctrl || { echo "DEMO-FAIL the volume never appeared"; exit 1; }
c=$(ctrl)
echo "the volume appeared (PCIe hot-plug) as /dev/$c; nvme list:"
nvme list | sed -n '1p;3,$p' | grep -E '^Node|/dev/'"$c"'n1 '
id=$(nvme id-ctrl "/dev/$c")
for f in mn sn fr; do
	printf '%s\n' "$id" | grep -E "^$f +:" | sed 's/ *$//'
done
printf '%s\n' "$TEXT" >/tmp/text
dd if=/tmp/text of="/dev/${c}n1" bs=4096 conv=sync oflag=direct status=none ||
	{ echo "DEMO-FAIL the write failed"; exit 1; }
echo "wrote to the first block: $(cat /tmp/text)"
back=$(dd if="/dev/${c}n1" bs=4096 count=1 iflag=direct status=none | head -n 1)
echo "read back (O_DIRECT): $back"
[ "$back" = "$TEXT" ] || { echo "DEMO-FAIL read back something else"; exit 1; }
echo "DEMO-WROTE"
wait_for 900 sh -c '! ls /sys/class/nvme/nvme* >/dev/null 2>&1' ||
	{ echo "DEMO-FAIL the volume was never unplugged"; exit 1; }
echo "the volume is gone (unplugged); $(ls /sys/class/nvme | wc -l) NVMe controllers left"
dmesg | grep -E 'nvme|pciehp' | grep -vE 'nvme_core|loaded' | tail -n 6 | sed 's/^\[[ 0-9.]*\] //'
echo "DEMO-DONE"
