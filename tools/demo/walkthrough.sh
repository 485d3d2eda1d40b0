#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The demo walkthrough, run inside the test VM by tools/demo/run.
set -eu

if [ "${NITRO_COLOR:-0}" = 1 ]; then
	B=$(printf '\033[1m') G=$(printf '\033[32m') N=$(printf '\033[0m')
else
	B="" G="" N=""
fi
step() { printf '%s==> %s%s\n' "$B" "$*" "$N"; }
show() { printf '    %s\n' "$@"; }
mb=/sys/class/nitro/ctrl/mbox

step "Kernel $(uname -r); inserting nitro_ctrl, then the three components"
modprobe -a nitro_sec nitro_nvme nitro_ena
show "$(lsmod | grep '^nitro_' | awk '{printf "%s(used by %s) ", $1, $3}')"

step "The controller cannot be removed while a component uses it"
if rmmod nitro_ctrl 2>/dev/null; then
	echo "unexpected: nitro_ctrl went away" >&2
	exit 1
fi
show "rmmod nitro_ctrl: refused, module in use"

step "Each component answers GET_INFO over its mailbox"
for m in nitro_sec nitro_nvme nitro_ena; do
	i=0
	while [ -z "$(cat $mb/$m/info)" ] && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	show "$(printf '%-11s %s' "$m" "$(cat $mb/$m/info)")"
done

step "Mailbox statistics (read-only sysfs: $mb/<component>/)"
printf '    %-11s %-6s %-5s %6s %9s %11s %6s %8s\n' component state alarm posted completed outstanding events dropped
for m in nitro_sec nitro_nvme nitro_ena; do
	d=$mb/$m
	dropped=$(($(cat $d/dropped_unknown) + $(cat $d/dropped_duplicate) + \
		$(cat $d/dropped_stale) + $(cat $d/dropped_malformed)))
	printf '    %-11s %-6s %-5s %6s %9s %11s %6s %8s\n' "$m" "$(cat $d/state)" \
		"$(cat $d/alarm)" "$(cat $d/posted)" "$(cat $d/completed)" \
		"$(cat $d/outstanding)" "$(cat $d/events)" "$dropped"
done
show "outstanding = the EVENT_POLLs the controller keeps posted: components" \
     "only ever answer, events included"

step "Removing the components, then the controller"
rmmod nitro_sec nitro_nvme nitro_ena nitro_ctrl
show "$(grep -c '^nitro_' /proc/modules || true) nitro modules left"
printf '%sdemo finished%s\n' "$G" "$N"
