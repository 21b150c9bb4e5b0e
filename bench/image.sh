#!/usr/bin/env bash
# Issue 18: image assembly time and digest stability for examples/maven-app.
#   bench/image.sh     (needs hyperfine; network for the first prefetch; RUNS=8 by default)
# 1. a JRE base image (the host's JDK 17, symlinks resolved) assembled on scratch: time and size;
# 2. hermetic build of examples/maven-app from the cache, without and with --image-base: what the
#    runner-side assembly adds to a build; hermetic image alone (the jar on the JRE base);
# 3. digest stability: the same commit built in fresh out directories and from another path.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$ROOT/bench/work/image"
CACHE="$ROOT/bench/work/cache"
RUNS="${RUNS:-8}"
H="$ROOT/bin/hermetic"
JDK="${JDK:-/usr/lib/jvm/java-17-openjdk-amd64}"
rm -rf "$WORK" && mkdir -p "$WORK"
"$H" --version >/dev/null
hf() {
    local json; json=$(mktemp)
    hyperfine -N --export-json "$json" "$@" >/dev/null 2>&1
    python3 -c 'import json,sys
for r in json.load(open(sys.argv[1]))["results"]:
    print("  median %8.1f ms  (min %.1f, max %.1f, %d runs)  %s" % (r["median"]*1e3, r["min"]*1e3, r["max"]*1e3, len(r["times"]), r["command"][:150]))' "$json"
    rm -f "$json"
}
digest_of() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["manifests"][0]["digest"])' "$1/index.json"; }

echo "== 1. JRE base on scratch ($JDK, symlinks resolved)"
cp -rL "$JDK" "$WORK/jdk" 2>/dev/null || true   # dangling links (src.zip) are left out
du -sh "$WORK/jdk" | cut -f1 | sed 's/^/  layer source: /'
hf -w 1 -r 3 --prepare "rm -rf $WORK/base" "$H image --base scratch --layer $WORK/jdk:/opt/java --out $WORK/base"
BASE=$(digest_of "$WORK/base")
du -sh "$WORK/base" | cut -f1 | sed "s/^/  base $BASE, layout size: /"

echo "== 2. examples/maven-app: build, build with the image, image alone"
"$H" prefetch -C "$ROOT/examples/maven-app" --cache "$CACHE" >/dev/null
mkapp() {
    rm -rf "$1" && cp -r "$ROOT/examples/maven-app" "$1" && rm -rf "$1/target"
    (cd "$1" && git init -q -b main && git add -A \
        && GIT_AUTHOR_DATE=2026-01-01T00:00:00Z GIT_COMMITTER_DATE=2026-01-01T00:00:00Z \
           git -c user.name=bench -c user.email=bench@example.com commit -q -m app)
}
mkapp "$WORK/mapp"
IMAGE_ARGS="--image-base oci:$WORK/base@$BASE --image-layer target/greeter-1.0.0.jar:/app/app.jar --image-entrypoint /opt/java/bin/java,-jar,/app/app.jar"
BUILD="$H build -C $WORK/mapp --cache $CACHE --tier release --output target/greeter-1.0.0.jar"
hf -w 1 -r "$RUNS" --prepare "rm -rf $WORK/out" \
    "$BUILD --out $WORK/out -- mvn -o -B -q package" \
    "$BUILD --out $WORK/out $IMAGE_ARGS -- mvn -o -B -q package"
rm -rf "$WORK/out" && $BUILD --out "$WORK/out" $IMAGE_ARGS -- mvn -o -B -q package >/dev/null 2>&1
cp "$WORK/out/target/greeter-1.0.0.jar" "$WORK/app.jar"
hf -w 1 -r "$RUNS" --prepare "rm -rf $WORK/alone" \
    "$H image --base oci:$WORK/base@$BASE --layer $WORK/app.jar:/app/app.jar --out $WORK/alone"

echo "== 3. digest stability: 5 builds in fresh out directories, 1 from another path"
for i in 1 2 3 4 5; do
    rm -rf "$WORK/out$i"
    $BUILD --out "$WORK/out$i" $IMAGE_ARGS -- mvn -o -B -q package >/dev/null 2>&1
    digest_of "$WORK/out$i/image"
done > "$WORK/digests"
mkdir -p "$WORK/elsewhere" && mkapp "$WORK/elsewhere/mapp"
$H build -C "$WORK/elsewhere/mapp" --cache "$CACHE" --tier release --output target/greeter-1.0.0.jar --out "$WORK/elsewhere/out" \
    $IMAGE_ARGS -- mvn -o -B -q package >/dev/null 2>&1
digest_of "$WORK/elsewhere/out/image" >> "$WORK/digests"
sort "$WORK/digests" | uniq -c | sed 's/^/  /'
echo "  distinct image digests over 6 builds: $(sort -u "$WORK/digests" | wc -l)"
