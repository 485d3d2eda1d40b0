#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A stand-in QMP server for selftests/host-agent.sh, one connection per run
# (socat UNIX-LISTEN:SOCK,fork EXEC:'sh fake-qmp.sh LOG'): appends every
# command it receives to LOG, answers success, and announces DEVICE_DELETED
# after a device_del. A device_add whose arguments contain "fail-me" gets
# an error, as QEMU answers a bad device.
log=$1
echo '{"QMP": {"version": {"qemu": {"micro": 0, "minor": 2, "major": 7}}, "capabilities": []}}'
while IFS= read -r line; do
	printf '%s\n' "$line" >>"$log"
	id=$(printf '%s' "$line" | sed -n 's/.*"id": *"\([^"]*\)" *}$/\1/p')
	case $line in
	*'"qmp_capabilities"'*) echo '{"return": {}}' ;;
	*'"device_add"'*fail-me*)
		# Slow, like a real failure, so the caller is mid-call a while.
		sleep 0.5
		echo "{\"id\": \"$id\", \"error\": {\"class\": \"GenericError\", \"desc\": \"fake failure\"}}" ;;
	*'"device_del"'*)
		dev=$(printf '%s' "$line" | sed -n 's/.*"arguments": *{"id": *"\([^"]*\)"}.*/\1/p')
		echo "{\"return\": {}, \"id\": \"$id\"}"
		echo "{\"timestamp\": {\"seconds\": 1, \"microseconds\": 0}, \"event\": \"DEVICE_DELETED\", \"data\": {\"device\": \"$dev\", \"path\": \"/machine/peripheral/$dev\"}}"
		;;
	*) echo "{\"return\": {}, \"id\": \"$id\"}" ;;
	esac
done
