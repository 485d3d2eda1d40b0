#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The mailbox through the real modules: every component identifies itself,
# answers pings, and every kind of bad completion is dropped and counted
# under its name. Needs a build with the test hooks (make vmtest does that).
. "$(dirname "$0")/lib.sh"

tap_start
unload_all
modprobe -a nitro_sec nitro_nvme nitro_ena

for m in $NITRO_MODULES; do
	d=$NITRO_SYS/mbox/$m
	build=$(modinfo -F nitro_build "$m")
	version=$(modinfo -F version "$m")
	case $m in
	nitro_sec) kind=sec depth=16 ;;
	nitro_nvme) kind=nvme depth=32 ;;
	nitro_ena) kind=ena depth=32 ;;
	esac

	check "$m: GET_INFO answered" wait_for 10 test -n "$(cat "$d/info")"
	check_eq "$m: info is kind, version, build id" "$(cat "$d/info")" "$kind $version $build"
	check_eq "$m: depth" "$(mbox_stat "$m" depth)" "$depth"
	check_eq "$m: state" "$(mbox_stat "$m" state)" live
	# The two EVENT_POLLs are the only commands left outstanding.
	check "$m: two EVENT_POLLs outstanding" wait_for 5 test "$(mbox_stat "$m" outstanding)" = 2

	# More pings than tags, so every slot is reused at least once.
	n=$((depth + 3))
	before=$(mbox_stat "$m" completed)
	res=0
	for i in $(seq "$n"); do
		echo "$m" >"$NITRO_DBG/ping" || res=1
	done
	check_eq "$m: $n pings answered" "$res" 0
	after=$(mbox_stat "$m" completed)
	# A heartbeat (every 10 s) may land in between, at most one.
	check "$m: completed grew by the pings ($before -> $after)" \
		test $((after - before)) -ge "$n" -a $((after - before)) -le $((n + 1))

	# The counters are separate files: a heartbeat posted or completed
	# while they are read skews one snapshot, so take one during which
	# nothing moved (a real imbalance persists across all attempts).
	for try in 1 2 3 4 5; do
		posted=$(mbox_stat "$m" posted)
		sum=$(($(mbox_stat "$m" completed) + $(mbox_stat "$m" outstanding) + \
			$(mbox_stat "$m" timed_out) + $(mbox_stat "$m" aborted)))
		[ "$posted" = "$(mbox_stat "$m" posted)" ] && [ "$sum" = "$posted" ] && break
		sleep 1
	done
	check_eq "$m: posted = completed + outstanding + timed out + aborted" "$sum" "$posted"
	for c in timed_out dropped_unknown dropped_duplicate dropped_stale dropped_malformed; do
		check_eq "$m: $c is 0" "$(mbox_stat "$m" "$c")" 0
	done
	check_eq "$m: no alarm" "$(mbox_stat "$m" alarm)" 0

	# Each kind of bad answer, injected as if the component sent it.
	for kind in unknown duplicate stale malformed; do
		b=$(mbox_stat "$m" "dropped_$kind")
		c=$(mbox_stat "$m" completed)
		echo "$m $kind" >"$NITRO_DBG/inject"
		check_eq "$m: $kind answer dropped and counted" \
			"$(mbox_stat "$m" "dropped_$kind")" $((b + 1))
		if [ "$kind" = malformed ]; then
			exp=$((c + 1))	# it ended the EVENT_POLL it named
		else
			exp=$c
		fi
		check_eq "$m: $kind answer completed nothing else" \
			"$(mbox_stat "$m" completed)" "$exp"
	done
	check_eq "$m: alarm raised" "$(mbox_stat "$m" alarm)" 1
	check_eq "$m: still live" "$(mbox_stat "$m" state)" live
	check "$m: still answers" sh -c "echo $m >$NITRO_DBG/ping"
done

if echo nosuch >"$NITRO_DBG/ping" 2>/dev/null; then
	not_ok "ping of an unknown component fails"
else
	ok "ping of an unknown component fails"
fi
if echo "nitro_sec bogus" >"$NITRO_DBG/inject" 2>/dev/null; then
	not_ok "unknown injection kind refused"
else
	ok "unknown injection kind refused"
fi

check "clean unload" rmmod nitro_sec nitro_nvme nitro_ena nitro_ctrl
tap_done
