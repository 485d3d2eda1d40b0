# SPDX-License-Identifier: GPL-2.0
# TAP helpers for the selftests that run inside the test VM (sourced).

NITRO_SYS=/sys/class/nitro/ctrl
NITRO_DBG=/sys/kernel/debug/nitro
NITRO_MODULES="nitro_sec nitro_nvme nitro_ena"

_tap_n=0
_tap_failed=0

# The plan goes at the end (TAP 13 allows it): a script that dies early
# leaves no plan, which the runner counts as a failure.
tap_start() {
	echo "TAP version 13"
}

ok() {
	_tap_n=$((_tap_n + 1))
	echo "ok $_tap_n - $*"
}

not_ok() {
	_tap_n=$((_tap_n + 1))
	_tap_failed=$((_tap_failed + 1))
	echo "not ok $_tap_n - $*"
}

# check DESC COMMAND...: one test point from a command's exit status.
check() {
	_desc=$1
	shift
	if "$@"; then ok "$_desc"; else not_ok "$_desc"; fi
}

# check_eq DESC ACTUAL EXPECTED
check_eq() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		not_ok "$1"
		echo "# expected '$3', got '$2'"
	fi
}

diag() {
	echo "# $*"
}

tap_done() {
	echo "1..$_tap_n"
	[ "$_tap_failed" = 0 ]
}

mbox_stat() {
	cat "$NITRO_SYS/mbox/$1/$2"
}

# wait_for SECONDS COMMAND...: poll until the command succeeds.
wait_for() {
	_t=$(($1 * 10))
	shift
	while ! "$@"; do
		_t=$((_t - 1))
		[ "$_t" -gt 0 ] || return 1
		sleep 0.1
	done
}

# fails_with MESSAGE FILE CMD...: writing CMD to FILE fails, with MESSAGE.
fails_with() {
	_msg=$1 _file=$2
	shift 2
	_out=$( (echo "$*" >"$_file") 2>&1) && return 1
	case $_out in *"$_msg"*) return 0 ;; esac
	echo "# got: $_out"
	return 1
}

loaded() {
	grep -q "^$1 " /proc/modules
}

unload_all() {
	loaded nitro_sec_testcomp && rmmod nitro_sec_testcomp
	for m in $NITRO_MODULES nitro_ctrl; do
		loaded "$m" && rmmod "$m"
	done
	return 0
}
