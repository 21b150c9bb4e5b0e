# Runs as "root" of a fresh user namespace, inside fresh mount, net, pid, ipc, uts and cgroup
# namespaces made by `unshare`. Builds a private root, pivots into it, drops every capability,
# then execs the build command. Arguments:
#   $1 mountpoint for the new root   $2 workspace (host path)   $3 hostname
#   $4 system entries, one a line: NAME (bind read-only) or NAME=TARGET (symlink)
#   $5 files to mask with /dev/null (under /etc and /proc)
#   $6 directories to mask with an empty tmpfs
#   $7 host paths to bind read-only, one a line: PATH (at the same path) or HOST<TAB>INSIDE
#   $8 a host directory to bind read-write as HOME, or empty for a tmpfs
#   $9 where the workspace appears inside (normally /workspace)
#   $10 extra mount options of the writable tmpfs mounts (",size=BYTES" or empty)
#   $11 paths inside the workspace to show read-only (its .git), one a line
#   $12... the command (its first step is the session and seccomp loader, see SeccompLoader)
set -eu
R=$1 WS=$2 HOST=$3 ENTRIES=$4 MASKFILES=$5 MASKDIRS=$6 READONLY=$7 HOMESRC=$8 WSMOUNT=$9 TMPFSOPT=${10} WSREADONLY=${11}
shift 11
TAB=$(printf '\t')
DEVICES="null zero full random urandom tty"

# --- identity: host name and loopback ------------------------------------------------------------
# sethostname(2) through hostname(1) where present: /proc/sys is read-only inside containers
# (and inside this sandbox, below: so this comes first).
if command -v hostname >/dev/null 2>&1; then hostname "$HOST"; else echo "$HOST" > /proc/sys/kernel/hostname; fi
if command -v ip >/dev/null 2>&1; then ip link set lo up; fi

# --- mounts: every mount is nosuid; every host mount is read-only, submounts included -----------
# -n everywhere: never write the host's /run/mount/utab.
mount -n -t tmpfs -o mode=0755,nosuid,nodev hermetic-root "$R"
# Remounts each mount strictly below $1 with the options $2. `mount --rbind -o` changes only the
# top mount, and a submount the host has under /etc or /usr would keep its own (writable) flags.
# libmount keeps the flags the kernel has locked (e.g. noexec) and adds these.
remount_below() {
    while read -r _ _ _ _ mp _; do
        case $mp in *\\*) mp=$(printf '%b' "$(printf '%s' "$mp" | sed 's/\\\([0-7][0-7][0-7]\)/\\0\1/g')") ;; esac
        case $mp in "$1"/*) mount -n -o "remount,bind,$2" "$mp" ;; esac
    done < /proc/self/mountinfo
}
# bindtree SRC DST OPTIONS: SRC and everything mounted below it, at DST, all with OPTIONS.
bindtree() {
    if [ -d "$1" ]; then mkdir -p "$2"; else mkdir -p "$(dirname "$2")"; [ -e "$2" ] || touch "$2"; fi
    mount -n --rbind -o "$3" "$1" "$2"
    remount_below "$2" "$3"
}
robind() {
    bindtree "$1" "$R$2" ro,nosuid,nodev
}
echo "$ENTRIES" | while IFS= read -r e; do
    [ -n "$e" ] || continue
    case $e in
        *=*) ln -s "${e#*=}" "$R/${e%%=*}" ;;
        *) robind "/$e" "/$e" ;;
    esac
done
echo "$MASKDIRS" | while IFS= read -r d; do
    if [ -n "$d" ]; then mount -n -t tmpfs -o ro,mode=0755,nosuid,nodev,size=1m hermetic-mask "$R$d"; fi
done
mkdir -p "$R/dev" "$R/proc" "$R/tmp" "$R/var/tmp" "$R/run" "$R/home/builder" "$R$WSMOUNT" "$R/.oldroot"
# The host's device nodes, read-only: a writable mount would let a build (mapped to their owner)
# chmod the host's /dev/null. Reading and writing the devices themselves still works.
for d in $DEVICES; do
    touch "$R/dev/$d"
    mount -n --bind -o ro,nosuid "/dev/$d" "$R/dev/$d"
done
ln -s /proc/self/fd "$R/dev/fd"
ln -s /proc/self/fd/0 "$R/dev/stdin"
ln -s /proc/self/fd/1 "$R/dev/stdout"
ln -s /proc/self/fd/2 "$R/dev/stderr"
mkdir "$R/dev/shm"
mount -n -t tmpfs -o mode=1777,nosuid,nodev$TMPFSOPT hermetic-shm "$R/dev/shm"
mount -n -t proc -o nosuid,nodev,noexec proc "$R/proc"
# Kernel settings through /proc read-only (as Docker does): a build mapped to host root could
# otherwise write the host's sysctls. Keep this list equal to HostRoot.READ_ONLY_PROC.
for p in /proc/sys /proc/sysrq-trigger /proc/irq /proc/bus /proc/fs; do
    if [ -e "$R$p" ]; then mount -n --bind -o ro,nosuid,nodev,noexec "$R$p" "$R$p"; fi
done
echo "$MASKFILES" | while IFS= read -r f; do
    if [ -n "$f" ]; then mount -n --bind -o ro,nosuid "/dev/null" "$R$f"; fi
done
mount -n -t tmpfs -o mode=1777,nosuid,nodev$TMPFSOPT hermetic-tmp "$R/tmp"
mount -n -t tmpfs -o mode=1777,nosuid,nodev$TMPFSOPT hermetic-tmp "$R/var/tmp"
mount -n -t tmpfs -o mode=0755,nosuid,nodev$TMPFSOPT hermetic-run "$R/run"
if [ -n "$HOMESRC" ]; then
    bindtree "$HOMESRC" "$R/home/builder" nosuid,nodev
else
    mount -n -t tmpfs -o mode=0755,nosuid,nodev$TMPFSOPT hermetic-home "$R/home/builder"
fi
# After the tmpfs mounts, so a path under /tmp (the runner's JDK, a toolchain) stays visible.
echo "$READONLY" | while IFS= read -r p; do
    case $p in
        "") ;;
        *"$TAB"*) robind "${p%%"$TAB"*}" "${p#*"$TAB"}" ;;
        *) robind "$p" "$p" ;;
    esac
done
bindtree "$WS" "$R$WSMOUNT" nosuid,nodev
# The workspace's .git (in a build in place) read-only: the runner trusts it later.
echo "$WSREADONLY" | while IFS= read -r p; do
    if [ -n "$p" ]; then bindtree "$WS/$p" "$R$WSMOUNT/$p" ro,nosuid,nodev; fi
done
mount -n -o remount,bind,ro,nosuid,nodev "$R"
cd "$R"
pivot_root . .oldroot
umount -n -l /.oldroot
cd "$WSMOUNT"

# --- privileges: no capabilities, no_new_privs; then the loader (new session, seccomp) execs the command
exec setpriv --no-new-privs --inh-caps=-all --ambient-caps=-all --bounding-set=-all -- "$@"
