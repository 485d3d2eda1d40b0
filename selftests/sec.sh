#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# nitro_sec through the real modules and the real mailbox: the device key
# installed with keyctl, CMKs, wrapped data keys, one-time grants redeemed by
# a component (the test-only nitro_sec_testcomp), the measurement and the
# allowlist, attestation and audit anchors. Needs the test build (make
# vmtest). Errors are checked by their message: EACCES is "Permission
# denied", EINVAL "Invalid argument", ENOENT "No such file or directory",
# ENOKEY "Required key not available", ENODEV "No such device".
. "$(dirname "$0")/lib.sh"

SEC=$NITRO_DBG/sec
TC=/sys/kernel/debug/nitro_sec_testcomp/redeem
VOL=5f0c3a52-6f35-4c8e-9d0b-2a51c6e1f001
DEV=0b7e4d21-3c9a-4a6f-8e52-9d13f4a2b002
OTHER=11111111-2222-4333-8444-555555555555

# sec CMD...: run a command of the test hook, print its answer.
sec() {
	echo "$*" >"$SEC" && cat "$SEC"
}

redeem() {
	echo "$1 $VOL $DEV ${2:-64}" >"$TC" && cat "$TC"
}

stat_field() {
	sec stats | cut -d' ' -f"$1"
}

tap_start
unload_all
modprobe nitro_sec || exit 1

# --- the device key ---
check "attest without a device key: ENOKEY" \
	fails_with "Required key not available" "$SEC" attest "$(printf '%064d' 0)"
kr=$(grep ' keyring  *nitro_sec: ' /proc/keys | cut -d' ' -f1 | tail -n 1)
check "nitro_sec keyring exists" test -n "$kr"
kr=$((0x$kr))
# The device key of the KUnit anchor vector: bytes 0x00..0x1f.
printf '\000\001\002\003\004\005\006\007\010\011\012\013\014\015\016\017\020\021\022\023\024\025\026\027\030\031\032\033\034\035\036\037' >/tmp/devkey
check_eq "device key file is 32 bytes" "$(wc -c </tmp/devkey | tr -d ' ')" 32
if keyctl padd user nitro:device "$kr" </tmp/devkey >/dev/null 2>&1; then
	not_ok "keyring refuses a readable (user) key"
else
	ok "keyring refuses a readable (user) key"
fi
kid=$(keyctl padd logon nitro:device "$kr" </tmp/devkey)
check "device key installed as a logon key" test -n "$kid"
if keyctl pipe "$kid" >/dev/null 2>&1; then
	not_ok "device key cannot be read back"
else
	ok "device key cannot be read back"
fi

# --- anchors: a known answer through keyctl, mailbox and HMAC ---
aa=$(printf 'aa%.0s' $(seq 32))
bb=$(printf 'bb%.0s' $(seq 32))
check_eq "anchor MAC of (5, 0xaa..) under the test key" "$(sec anchor 5 "$aa")" \
	5e02617e71d6ba243a2b9f804f46a8a98b9863df59239a3b2bf1827977fc0ca2
check_eq "same anchor, same MAC" "$(sec anchor 5 "$aa")" \
	5e02617e71d6ba243a2b9f804f46a8a98b9863df59239a3b2bf1827977fc0ca2
check "anchor of seq 5 with another hash refused" \
	fails_with "Invalid argument" "$SEC" anchor 5 "$bb"
check "anchor going backwards refused" \
	fails_with "Invalid argument" "$SEC" anchor 4 "$aa"
m6=$(sec anchor 6 "$bb")
check "anchor moves forward" test ${#m6} = 64 -a "$m6" != 5e02617e71d6ba243a2b9f804f46a8a98b9863df59239a3b2bf1827977fc0ca2

# --- CMKs and data keys ---
c1=$(sec cmk_create)
c2=$(sec cmk_create)
check_eq "first CMK id" "$c1" 1
check_eq "second CMK id" "$c2" 2
w1=$(sec datakey "$c1" 64)
check_eq "wrapped 64-byte key is 100 bytes" "${#w1}" 200
check_eq "wrapped header: v1, AES-256-GCM, 64 bytes, CMK 1" \
	"$(echo "$w1" | cut -c1-16)" 0101400001000000
w2=$(sec datakey "$c1" 64)
check "two data keys differ" test "$w1" != "$w2"
check "data key of 48 bytes refused" fails_with "Invalid argument" "$SEC" datakey "$c1" 48
check "data key under an unknown CMK refused" \
	fails_with "No such file or directory" "$SEC" datakey 99 64

# --- a component redeems ---
modprobe nitro_sec_testcomp || not_ok "nitro_sec_testcomp loads"
check "test component registered" wait_for 5 test -d "$NITRO_SYS/mbox/sec_testcomp"
t1=$(sec grant "$c1" 2 "$VOL" "$DEV" "$w1")
check_eq "grant token is 32 bytes" "${#t1}" 64
f1=$(redeem "$t1")
check_eq "component redeems the grant" "${#f1}" 64
check "second redemption refused" fails_with "Permission denied" "$TC" "$t1 $VOL $DEV 64"
t=$(sec grant "$c1" 2 "$VOL" "$DEV" "$w1")
check_eq "a new grant for the same blob yields the same key" "$(redeem "$t")" "$f1"
t=$(sec grant "$c1" 2 "$VOL" "$DEV" "$w2")
f2=$(redeem "$t")
check "another data key is another key" test -n "$f2" -a "$f2" != "$f1"
# The plaintext is nowhere in the wrapped form: the ciphertext is not the key.
ct=$(echo "$w1" | cut -c41-168)
ctf=$(printf "$(echo "$ct" | sed 's/../\\x&/g')" | sha256sum | cut -d' ' -f1)
check "ciphertext is not the key" test "$ctf" != "$f1"

# --- bring your own key: the component gets exactly the key imported ---
k=$(head -c 64 /dev/urandom | od -An -tx1 -v | tr -d ' \n')
kfp=$(printf "$(echo "$k" | sed 's/../\\x&/g')" | sha256sum | cut -d' ' -f1)
wi=$(sec import "$c1" "$k")
check_eq "an imported 64-byte key wraps to 100 bytes" "${#wi}" 200
check_eq "its header: v1, AES-256-GCM, 64 bytes, CMK 1" \
	"$(echo "$wi" | cut -c1-16)" 0101400001000000
check "the wrapped form does not hold the key" \
	sh -c "! echo '$wi' | grep -q '$(echo "$k" | cut -c1-32)'"
t=$(sec grant "$c1" 2 "$VOL" "$DEV" "$wi")
check_eq "the component redeems exactly the imported key" "$(redeem "$t")" "$kfp"
h=$(echo "$k" | cut -c1-64)
check "an XTS key with equal halves refused" \
	fails_with "Key was rejected by service" "$SEC" import "$c1" "$h$h"
check "a 63-byte key refused" \
	fails_with "Invalid argument" "$SEC" import "$c1" "$(echo "$k" | cut -c1-126)"
check "an import under an unknown CMK refused" \
	fails_with "No such file or directory" "$SEC" import 99 "$k"

t=$(sec grant "$c1" 2 "$VOL" "$DEV" "$w1")
check "wrong volume refused" fails_with "Permission denied" "$TC" "$t $OTHER $DEV 64"
check "wrong device refused" fails_with "Permission denied" "$TC" "$t $VOL $OTHER 64"
check "wrong length refused" fails_with "Invalid argument" "$TC" "$t $VOL $DEV 32"
check_eq "the rightful redemption still works" "$(redeem "$t")" "$f1"
t=$(sec grant "$c1" 3 "$VOL" "$DEV" "$w1")
check "grant for an ENA refused to an NVMe component" \
	fails_with "Permission denied" "$TC" "$t $VOL $DEV 64"
check "grant for the sec kind refused" \
	fails_with "Invalid argument" "$SEC" grant "$c1" 1 "$VOL" "$DEV" "$w1"
t=$(sec grant "$c1" 2 "$VOL" "$DEV" "$w1")
check "revoke" sec revoke "$t"
check "revoked grant refused" fails_with "Permission denied" "$TC" "$t $VOL $DEV 64"
check "revoke twice: ENOENT" fails_with "No such file or directory" "$SEC" revoke "$t"
check "unknown token refused" fails_with "Permission denied" "$TC" "$aa $VOL $DEV 64"
bad=$(echo "$w1" | sed 's/.$/0/')
[ "$bad" = "$w1" ] && bad=$(echo "$w1" | sed 's/.$/1/')
check "tampered blob refused at issue" \
	fails_with "Invalid argument" "$SEC" grant "$c1" 2 "$VOL" "$DEV" "$bad"
check "blob under another CMK refused" \
	fails_with "Invalid argument" "$SEC" grant "$c2" 2 "$VOL" "$DEV" "$w1"

# --- measurement and the allowlist ---
# The measurement, computed here from the module's build-id note exactly as
# Documentation/security-module.rst defines it.
note=/sys/module/nitro_sec_testcomp/notes/.note.gnu.build-id
n=$(od -An -tu4 -j4 -N4 "$note" | tr -d ' ')
{
	printf 'NITRO-MEASURE-V1'
	printf 'nitro_sec_testcomp'
	head -c $((56 - 18)) /dev/zero
	printf "$(printf '\\%03o' "$n")\\000\\000\\000"
	dd if="$note" bs=1 skip=16 count="$n" 2>/dev/null
} >/tmp/measure.in
digest=$(sha256sum </tmp/measure.in | cut -d' ' -f1)
check_eq "build id is 20 bytes" "$n" 20

nonce=$(printf '4e%.0s' $(seq 32))
rep=$(sec attest "$nonce")
check_eq "report magic" "$(echo "$rep" | cut -c1-16)" 4e4954524f415454
check_eq "report version 1, two components" "$(echo "$rep" | cut -c17-24)" 01000200
check_eq "report length" "$((${#rep} / 2))" $((112 + 2 * 152 + 32))
check_eq "report carries the nonce" "$(echo "$rep" | cut -c65-128)" "$nonce"
# Second entry: the test component, measured and allowed.
e2=$(echo "$rep" | cut -c$((224 + 304 + 1))-$((224 + 2 * 304)))
check_eq "entry: kind nvme, measured and allowed" "$(echo "$e2" | cut -c1-8)" 02000300
check_eq "entry: the measurement computed from the .ko note" \
	"$(echo "$e2" | cut -c193-256)" "$digest"
rep2=$(sec attest "$nonce")
check "reports are counted (a second one differs)" test "$rep2" != "$rep"

check "strict policy" sec policy 2
t=$(sec grant "$c1" 2 "$VOL" "$DEV" "$w1")
check "strict, empty allowlist: refused" fails_with "Permission denied" "$TC" "$t $VOL $DEV 64"
check "allow the digest for ena only" sec allow "$digest" 3
check "strict, allowed for another kind: refused" \
	fails_with "Permission denied" "$TC" "$t $VOL $DEV 64"
check "allow the digest for nvme" sec allow "$digest" 2
check_eq "strict, allowed: redeemed" "$(redeem "$t")" "$f1"
check "allowlist cleared" sec allow_clear
t=$(sec grant "$c1" 2 "$VOL" "$DEV" "$w1")
check "strict, cleared: refused" fails_with "Permission denied" "$TC" "$t $VOL $DEV 64"
check "bad policy refused" fails_with "Invalid argument" "$SEC" policy 7
check "back to the build policy" sec policy 1
check_eq "build policy: redeemed" "$(redeem "$t")" "$f1"

# --- counters, CMK destruction, unload ---
# The ENA grant was never redeemed: it is still outstanding.
check_eq "stats: 2 CMKs, 1 grant, 2 components, build policy" \
	"$(stat_field 1-4)" "2 1 2 1"
check_eq "stats: redeemed" "$(stat_field 5)" 7
check_eq "stats: denied" "$(stat_field 6)" 10
check_eq "stats: anchors, reports" "$(stat_field 7-8)" "3 2"
t=$(sec grant "$c1" 2 "$VOL" "$DEV" "$w1")
check "destroy CMK 1" sec cmk_destroy "$c1"
check "its grants die with it" fails_with "Permission denied" "$TC" "$t $VOL $DEV 64"
check "its keys cannot be granted" \
	fails_with "No such file or directory" "$SEC" grant "$c1" 2 "$VOL" "$DEV" "$w1"
check "nitro_sec unloads under a live component" rmmod nitro_sec
check "without nitro_sec: ENODEV" fails_with "No such device" "$TC" "$t $VOL $DEV 64"
check "controller without nitro_sec: ENODEV" \
	fails_with "No such device" "$SEC" cmk_create
check "test component unloads" rmmod nitro_sec_testcomp
check "nitro_sec reloads" modprobe nitro_sec
check "a fresh nitro_sec has no device key" \
	fails_with "Required key not available" "$SEC" anchor 1 "$aa"
check "clean unload" rmmod nitro_sec nitro_ctrl
tap_done
