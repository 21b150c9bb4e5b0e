# Runs as "root" of a fresh user namespace, inside fresh mount, net, pid, ipc, uts and cgroup
# namespaces made by `unshare`. Builds a private root, pivots into it, drops every capability,
# then execs the build command. Arguments:
#   $1 mountpoint for the new root   $2 workspace (host path)   $3 hostname
#   $4 system entries, one a line: NAME (bind read-only) or NAME=TARGET (symlink)
#   $5 files to mask with /dev/null  $6 directories to mask with an empty tmpfs
#   $7 extra host paths to bind read-only at the same path
#   $8 a host directory to bind read-write as HOME, or empty for a tmpfs
#   $9 where the workspace appears inside (normally /workspace)
#   $10 extra mount options of the writable tmpfs mounts (",size=BYTES" or empty)   $11... the command
set -eu
R=$1 WS=$2 HOST=$3 ENTRIES=$4 MASKFILES=$5 MASKDIRS=$6 READONLY=$7 HOMESRC=$8 WSMOUNT=$9 TMPFSOPT=${10}
shift 10
# -n: never write the host's /run/mount/utab.
mount -n -t tmpfs -o mode=0755,nosuid,nodev hermetic-root "$R"
robind() {
    if [ -d "$1" ]; then mkdir -p "$R$2"; else mkdir -p "$(dirname "$R$2")"; touch "$R$2"; fi
    mount -n --rbind "$1" "$R$2"
    mount -n -o remount,bind,ro "$R$2"
}
echo "$ENTRIES" | while IFS= read -r e; do
    [ -n "$e" ] || continue
    case $e in
        *=*) ln -s "${e#*=}" "$R/${e%%=*}" ;;
        *) robind "/$e" "/$e" ;;
    esac
done
echo "$MASKFILES" | while IFS= read -r f; do
    if [ -n "$f" ]; then mount -n --bind /dev/null "$R$f"; fi
done
echo "$MASKDIRS" | while IFS= read -r d; do
    if [ -n "$d" ]; then mount -n -t tmpfs -o mode=0755,nosuid,nodev,size=1m hermetic-mask "$R$d"; fi
done
echo "$READONLY" | while IFS= read -r p; do
    if [ -n "$p" ]; then robind "$p" "$p"; fi
done
mkdir -p "$R/dev" "$R/proc" "$R/tmp" "$R/var/tmp" "$R/run" "$R/home/builder" "$R$WSMOUNT" "$R/.oldroot"
for d in null zero full random urandom tty; do
    touch "$R/dev/$d"
    mount -n --bind "/dev/$d" "$R/dev/$d"
done
ln -s /proc/self/fd "$R/dev/fd"
ln -s /proc/self/fd/0 "$R/dev/stdin"
ln -s /proc/self/fd/1 "$R/dev/stdout"
ln -s /proc/self/fd/2 "$R/dev/stderr"
mkdir "$R/dev/shm"
mount -n -t tmpfs -o mode=1777,nosuid,nodev$TMPFSOPT hermetic-shm "$R/dev/shm"
mount -n -t proc -o nosuid,nodev,noexec proc "$R/proc"
mount -n -t tmpfs -o mode=1777,nosuid,nodev$TMPFSOPT hermetic-tmp "$R/tmp"
mount -n -t tmpfs -o mode=1777,nosuid,nodev$TMPFSOPT hermetic-tmp "$R/var/tmp"
mount -n -t tmpfs -o mode=0755,nosuid,nodev$TMPFSOPT hermetic-run "$R/run"
if [ -n "$HOMESRC" ]; then
    mount -n --rbind "$HOMESRC" "$R/home/builder"
    mount -n -o remount,bind,nosuid,nodev "$R/home/builder"
else
    mount -n -t tmpfs -o mode=0755,nosuid,nodev$TMPFSOPT hermetic-home "$R/home/builder"
fi
mount -n --rbind "$WS" "$R$WSMOUNT"
mount -n -o remount,bind,nosuid,nodev "$R$WSMOUNT"
mount -n -o remount,bind,ro "$R"
cd "$R"
pivot_root . .oldroot
umount -n -l /.oldroot
cd "$WSMOUNT"
# sethostname(2) through hostname(1) where present: /proc/sys is read-only inside containers.
if command -v hostname >/dev/null 2>&1; then hostname "$HOST"; else echo "$HOST" > /proc/sys/kernel/hostname; fi
if command -v ip >/dev/null 2>&1; then ip link set lo up; fi
exec setpriv --no-new-privs --inh-caps=-all --ambient-caps=-all --bounding-set=-all -- "$@"
