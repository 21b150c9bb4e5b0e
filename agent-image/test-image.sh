#!/usr/bin/env bash
# Proof that the agent image works, offline (no container registry is reachable here):
#   1. a Debian base made with debootstrap --variant=minbase (the image's packages included),
#      imported into podman and referenced by digest;
#   2. the image built from agent-image/Containerfile with podman build --network=none;
#   3. hermetic build on examples/hello inside it, with --network=none, as uid 10000 with every
#      capability dropped and a read-only root filesystem, the pod's restrictions:
#      a. under podman's default seccomp profile (RuntimeDefault's twin): the sandbox cannot be
#         made, the release tier refuses to run (exit 3): the reason the pod variants exist;
#      b. under agent-image/seccomp/hermetic-sandbox.json (the --seccomp-localhost variant):
#         the release build runs in its own namespaces, egress blocked, provenance written.
# Slow (debootstrap about a minute, the image build longer): not part of `mvn verify`.
# Needs root and the Debian packages podman, runc, debootstrap. Work files: $HERMETIC_IMAGE_WORK.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${HERMETIC_IMAGE_WORK:-/var/tmp/hermetic-image-test}"
SUITE=bookworm
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
# Must stay the Containerfile's list; the toolchain is what examples/hello needs (make, javac, jar).
PACKAGES="openjdk-17-jre-headless git bubblewrap util-linux ca-certificates"
TOOLCHAIN="make openjdk-17-jdk-headless"
SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git -C "$ROOT" log -1 --format=%ct)}"
export SOURCE_DATE_EPOCH

for tool in podman runc debootstrap; do
    command -v "$tool" >/dev/null || { echo "test-image.sh: $tool not found (apt-get install podman runc debootstrap)" >&2; exit 2; }
done
[ "$(id -u)" = 0 ] || { echo "test-image.sh: run as root (debootstrap, podman storage)" >&2; exit 2; }

mkdir -p "$WORK"
# podman 4.3.1 here: crun fails under hybrid cgroups, so runc; explicit ulimits; no systemd.
cat > "$WORK/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=4096:4096"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF
export CONTAINERS_CONF="$WORK/containers.conf"
# Own storage: never touches another user's images or containers.
podman() { command podman --root "$WORK/storage" --runroot "$WORK/run" "$@"; }

step() { printf '\n== %s (%ss)\n' "$1" "$SECONDS"; }

step "base: debootstrap --variant=minbase $SUITE"
if ! podman image exists localhost/hermetic-base:$SUITE; then
    rm -rf "$WORK/rootfs"
    debootstrap --variant=minbase --include="$(echo $PACKAGES $TOOLCHAIN | tr ' ' ,)" "$SUITE" "$WORK/rootfs" "$MIRROR" \
        > "$WORK/debootstrap.log" 2>&1 || { tail -20 "$WORK/debootstrap.log"; exit 1; }
    rm -rf "$WORK/rootfs/var/lib/apt/lists/"* "$WORK/rootfs/var/cache/apt/"*
    tar --sort=name --mtime="@$SOURCE_DATE_EPOCH" --numeric-owner -C "$WORK/rootfs" -cf "$WORK/base.tar" .
    podman import --change 'CMD ["/bin/sh"]' "$WORK/base.tar" localhost/hermetic-base:$SUITE >/dev/null
    rm -rf "$WORK/rootfs" "$WORK/base.tar"
else
    echo "(cached: localhost/hermetic-base:$SUITE)"
fi
BASE_DIGEST="$(podman image inspect --format '{{.Digest}}' localhost/hermetic-base:$SUITE)"
BASE_IMAGE="localhost/hermetic-base@$BASE_DIGEST"
echo "base: $BASE_IMAGE"

step "the CLI jar"
if [ ! -f "$ROOT/cli/target/hermetic.jar" ]; then
    (cd "$ROOT" && mvn -q -B -o -DskipTests -pl cli -am package)
fi
CONTEXT="$WORK/context"
rm -rf "$CONTEXT" && mkdir -p "$CONTEXT"
cp -p "$ROOT/agent-image/Containerfile" "$ROOT/agent-image/hermetic" "$ROOT/agent-image/.containerignore" "$CONTEXT/"
cp -p "$ROOT/cli/target/hermetic.jar" "$CONTEXT/"

step "image: podman build --network=none"
podman build --network=none --pull=never --timestamp "$SOURCE_DATE_EPOCH" \
    --build-arg BASE_IMAGE="$BASE_IMAGE" --build-arg SOURCE_DATE_EPOCH="$SOURCE_DATE_EPOCH" \
    --build-arg TOOLCHAIN_PACKAGES="$TOOLCHAIN" \
    -t localhost/hermetic-agent:test "$CONTEXT" > "$WORK/build.log" 2>&1 || { tail -30 "$WORK/build.log"; exit 1; }
IMAGE_DIGEST="$(podman image inspect --format '{{.Digest}}' localhost/hermetic-agent:test)"
echo "image: localhost/hermetic-agent@$IMAGE_DIGEST ($(podman image inspect --format '{{.Size}}' localhost/hermetic-agent:test) bytes)"

step "image: a tag without a digest is refused as base"
if podman build --network=none --pull=never --build-arg BASE_IMAGE=localhost/hermetic-base:$SUITE \
        -t localhost/hermetic-agent:refused "$CONTEXT" > "$WORK/refused.log" 2>&1; then
    echo "FAIL: an unpinned BASE_IMAGE was accepted" >&2; exit 1
fi
grep -q "is not pinned by digest" "$WORK/refused.log" && echo "refused: $(grep -m1 'is not pinned' "$WORK/refused.log")"

# The pod's restrictions, as far as podman can state them.
POD_LIKE=(--rm --network=none --user 10000:10000 --read-only --tmpfs /tmp:rw,exec,mode=1777 --cap-drop=all
          --security-opt no-new-privileges -v "$ROOT/examples/hello:/src/hello:ro"
          -e HERMETIC_IMAGE_DIGEST="localhost/hermetic-agent@$IMAGE_DIGEST" --entrypoint /bin/sh)
BUILD='set -e
cp -r /src/hello /tmp/hello && rm -rf /tmp/hello/build && cd /tmp/hello
git init -q && git add -A
GIT_COMMITTER_DATE=@1767225600 git -c user.name=demo -c user.email=demo@hermetic-build.dev commit -q --date=@1767225600 -m hello
hermetic build -C /tmp/hello --out /tmp/out --output "build/*.jar" --tier release -- make
grep -o "\"egressBlocked\" *: *[a-z]*" /tmp/out/provenance.json
grep -o "\"mechanism\" *: *\"[a-z]*\"" /tmp/out/provenance.json
grep -o "hermetic-agent@sha256:[0-9a-f]*" /tmp/out/provenance.json | head -1
sha256sum /tmp/hello/build/hello.jar'

step "run a: default seccomp profile (expected: exit 3, no sandbox, no build)"
set +e
podman run "${POD_LIKE[@]}" localhost/hermetic-agent:test -c "$BUILD" > "$WORK/run-default.log" 2>&1
rc=$?
set -e
tail -3 "$WORK/run-default.log"
[ "$rc" = 3 ] || { echo "FAIL: expected exit 3 under the default profile, got $rc" >&2; cat "$WORK/run-default.log" >&2; exit 1; }
echo "exit 3 as expected"

step "run b: agent-image/seccomp/hermetic-sandbox.json (expected: release build, egress blocked)"
podman run "${POD_LIKE[@]}" --security-opt seccomp="$ROOT/agent-image/seccomp/hermetic-sandbox.json" \
    localhost/hermetic-agent:test -c "$BUILD" > "$WORK/run-seccomp.log" 2>&1 || { cat "$WORK/run-seccomp.log"; exit 1; }
tail -8 "$WORK/run-seccomp.log"
grep -q '"egressBlocked" *: *true' "$WORK/run-seccomp.log" || { echo "FAIL: egress not blocked" >&2; exit 1; }

step "done"
echo "test-image.sh: OK in ${SECONDS}s"
