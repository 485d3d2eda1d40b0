#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The demo walkthrough, run inside the test VM by tools/demo/run (which is
# tools/nested/vm: QEMU, the guest's kernel and initramfs, nitroctl, the
# host agent and cryptsetup are there). The VM plays the KVM host: the
# Nitro modules, an operator with nitroctl, the host agent, and a guest in
# QEMU with the stock nvme driver. A line per step; colours when
# NITRO_COLOR=1.
set -u

if [ "${NITRO_COLOR:-0}" = 1 ]; then
	B=$(printf '\033[1m') G=$(printf '\033[32m') R=$(printf '\033[31m')
	D=$(printf '\033[2m') N=$(printf '\033[0m')
else
	B="" G="" R="" D="" N=""
fi
n=0
step() {
	n=$((n + 1))
	printf '%s%2d. %s%s\n' "$B" "$n" "$*" "$N"
}
show() { printf '    %s\n' "$@"; }
die() {
	printf '%sdemo failed: %s%s\n' "$R" "$*" "$N"
	[ ! -s "$w/agent.log" ] || sed 's/^/    agent: /' "$w/agent.log"
	exit 1
}
w=/tmp/demo
mkdir -p "$w"
tools=/root/tools
as() {
	_p=$1
	shift
	nitroctl --principal "$_p" --key-file "$w/principal$_p.key" "$@"
}
# run DESCRIPTION PRINCIPAL ARGS...: a nitroctl call whose output is shown.
run() {
	_d=$1
	shift
	_a="$*"
	_o=$(as "$@" 2>&1) || die "$_d: $_o"
	show "\$ nitroctl --principal $1 ${_a#* }" "$(printf '%s' "$_o" | head -n 1)"
}
# guest_says MARKER SECONDS: wait for the guest's line MARKER.
guest_says() {
	_t=$(($2 * 10))
	while ! grep -q "^$1" "$w/guest.out" 2>/dev/null; do
		grep -q '^DEMO-FAIL' "$w/guest.out" 2>/dev/null &&
			die "the guest: $(sed -n 's/^DEMO-FAIL //p' "$w/guest.out")"
		kill -0 "$qemu" 2>/dev/null || die "the guest stopped"
		_t=$((_t - 1))
		[ "$_t" -gt 0 ] || die "no $1 from the guest within $2 s"
		sleep 0.1
	done
}
# guest_lines FROM TO: what the guest printed between two markers.
guest_lines() {
	sed -n "/^$1/,/^$2/p" "$w/guest.out" | grep -v '^DEMO-' |
		sed "s/^/    ${D}guest:${N} /"
}

step "The host: kernel $(uname -r), the Nitro modules inserted"
modprobe -a nitro_ctrl nitro_sec nitro_nvme vfio_iommu_type1 || die "modprobe"
show "$(lsmod | awk '/^nitro_/ { printf "%s ", $1 }')"

step "nitro_sec's device key: installed by the administrator, never readable"
head -c 32 /dev/urandom >"$w/device.key"
kr=$(awk '$8 == "keyring" && $9 == "nitro_sec:" { print $1 }' /proc/keys)
[ -n "$kr" ] || die "no nitro_sec keyring"
keyctl padd logon nitro:device "$((0x$kr))" <"$w/device.key" >/dev/null ||
	die "keyctl padd"
show "\$ keyctl padd logon nitro:device <nitro_sec keyring> < device.key" \
	"it signs the audit anchors and the attestation reports (HMAC-SHA256)"

step "Principals: bootstrap the first admin, who adds an operator and an auditor"
for p in 1 2 3; do head -c 32 /dev/urandom >"$w/principal$p.key"; done
run "bootstrap" 1 bootstrap
run "add the operator" 1 principal add 2 --roles operator --new-key-file "$w/principal2.key"
run "add the auditor" 1 principal add 3 --roles auditor --new-key-file "$w/principal3.key"
show "every call is an AES-256-GCM envelope under the principal's key"

step "A customer master key (CMK), created inside nitro_sec, never exported"
cmk=$(as 2 cmk create | sed -n 's/^cmk //p')
[ -n "$cmk" ] || die "cmk create"
show "\$ nitroctl --principal 2 cmk create" "cmk $cmk"

step "The volume's data key: 64 random bytes, wrapped under the CMK"
head -c 64 /dev/urandom >"$w/data.key"
if as 2 key wrap --help >/dev/null 2>&1; then
	run "key wrap" 2 key wrap --cmk "$cmk" --data-key-file "$w/data.key" --out "$w/data.wrapped"
	show "the operator keeps data.key for this demo only; the controller only" \
		"holds it wrapped, nitro_sec unwraps it into nitro_nvme at attach"
	wrapped="--wrapped-key-file $w/data.wrapped"
else
	show "${R}this nitroctl has no 'key wrap' yet: nitro_sec generates the key," \
		"and the cryptsetup step below cannot be shown${N}"
	wrapped=
fi

vol=5e7fde01-0000-4000-8000-000000000001
inst=5e7fde02-0000-4000-8000-000000000002
serial=$(printf '%s' "$vol" | tr -d - | cut -c 1-20)
step "A 64 MiB volume on a backing file, encrypted with that key"
truncate -s 64M "$w/volume.img"
# shellcheck disable=SC2086
run "volume create" 2 volume create "$vol" --size 67108864 --backend "$w/volume.img" \
	--cmk "$cmk" $wrapped

step "An instance: a guest in QEMU (TCG) with the stock Debian nvme driver"
run "instance create" 2 instance create "$inst" --vcpus 1 --mem 256
run "instance start" 2 instance start "$inst"
printf '%s %s rp1\n' "$inst" "$w/qmp.sock" >"$w/agent.conf"
NITRO_AGENT_TIMEOUT=300 NITRO_AGENT_RUNDIR=$w/run \
	"$tools/host-agent" --config "$w/agent.conf" monitor 2>"$w/agent.log" &
agent=$!
text="Hello from an unmodified guest, $(date -u '+%Y-%m-%d %H:%M:%S') UTC"
"$tools/nested/run" --timeout 1500 --qmp "$w/qmp.sock" --out "$w/guest.out" \
	--add /root/guest.sh --root-ports 1 \
	-c "SERIAL='$serial' TEXT='$text' sh /root/guest.sh" >/dev/null 2>"$w/run.err" &
qemu=$!
show "host agent listening for the controller's uevents (tools/host-agent)" \
	"booting the guest (nested TCG: this takes a few minutes)..."
guest_says DEMO-READY 1200
guest_lines '' DEMO-READY

step "Attach the volume to the running instance"
mdev=$(as 2 attach "$inst" "$vol" | sed -n 's/^attached as mdev //p')
[ -n "$mdev" ] || die "attach"
show "\$ nitroctl --principal 2 attach $inst $vol" "attached as mdev $mdev"
i=0
while ! grep -q "attached $mdev" "$w/agent.log"; do
	i=$((i + 1))
	[ $i -lt 600 ] || die "the host agent did not hot-plug the volume"
	sleep 0.1
done
show "uevent -> host agent: $(sed -n "s/^nitro-host-agent: \(attached $mdev.*\)/\1/p" "$w/agent.log")"

step "In the guest: the stock driver probes it; write a text, read it back"
guest_says DEMO-WROTE 900
guest_lines DEMO-READY DEMO-WROTE

step "The backing store on the host holds ciphertext only"
if grep -q "Hello from an unmodified guest" "$w/volume.img"; then
	die "the text is in the backing file in plaintext"
fi
show "grep for the text in volume.img: not found" \
	"first block: $(od -An -tx1 -N16 "$w/volume.img" | tr -s ' \n' ' ')..."

step "dm-crypt decrypts it with the data key: cryptsetup plain aes-xts-plain64, 512-bit"
if [ -n "$wrapped" ]; then
	modprobe -a dm_crypt loop 2>/dev/null
	cryptsetup open --type plain -c aes-xts-plain64 -s 512 --key-file "$w/data.key" \
		--readonly "$w/volume.img" demo-plain 2>"$w/cryptsetup.err" ||
		die "cryptsetup: $(cat "$w/cryptsetup.err")"
	plain=$(dd if=/dev/mapper/demo-plain bs=4096 count=1 iflag=direct status=none | head -n 1)
	cryptsetup close demo-plain
	show "\$ cryptsetup open --type plain -c aes-xts-plain64 -s 512 --key-file data.key volume.img demo-plain" \
		"first block through dm-crypt: $plain"
	[ "$plain" = "$text" ] || die "dm-crypt read something else"
	show "${G}the same text the guest wrote${N}"
else
	show "skipped: no operator-held key (see above)"
fi

step "Detach: the controller withdraws the device, the host agent unplugs it"
run "detach" 2 detach "$inst" "$vol"
i=0
while ! grep -q "detached $mdev" "$w/agent.log"; do
	i=$((i + 1))
	[ $i -lt 3000 ] || die "the host agent did not unplug the volume"
	sleep 0.1
done
show "uevent -> host agent: $(sed -n "s/^nitro-host-agent: \(detached $mdev.*\)/\1/p" "$w/agent.log")"
guest_says DEMO-DONE 600
guest_lines DEMO-WROTE DEMO-DONE
wait "$qemu" || die "the guest run failed: $(cat "$w/run.err")"
kill "$agent" 2>/dev/null

step "The audit log (auditor): every call, hash-chained"
as 3 audit read | tail -n 8 | cut -c 1-150 | sed 's/^/    /'
run "audit verify" 3 audit verify --device-key-file "$w/device.key"

step "Attestation (auditor): nitro_sec's signed report of the measured components"
run "attest verify" 3 attest verify --device-key-file "$w/device.key"
printf '%sdemo finished%s\n' "$G" "$N"
