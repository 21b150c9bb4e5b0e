#!/usr/bin/env bash
# Benchmarks of the build engine (issue 2). Prints the figures recorded in bench/RESULTS.md.
#   bench/engine.sh            all three
# Needs: hyperfine, openssl, bubblewrap (Debian packages), a built CLI jar (bin/hermetic builds it).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$ROOT/bench/work"
JAR="$ROOT/cli/target/hermetic.jar"
J17=${J17:-/usr/lib/jvm/java-17-openjdk-amd64/bin/java}
J25=${J25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
mkdir -p "$WORK"
# hyperfine, then the median of each command (hyperfine prints means).
hf() {
    local json; json=$(mktemp)
    hyperfine -N --export-json "$json" "$@" >/dev/null 2>&1
    python3 -c 'import json,sys
for r in json.load(open(sys.argv[1]))["results"]:
    print("  median %8.1f ms  (min %.1f, max %.1f, %d runs)  %s" % (r["median"]*1e3, r["min"]*1e3, r["max"]*1e3, len(r["times"]), r["command"][:110]))' "$json"
    rm -f "$json"
}
"$ROOT/bin/hermetic" --version >/dev/null   # builds the jar if needed

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), sha_ni: $(grep -q sha_ni /proc/cpuinfo && echo yes || echo no)"

echo "== 1. sandbox setup, in-process, each mechanism with and without the seccomp filter (median of 101 runs of /bin/true)"
for j in "$J17" "$J25"; do [ -x "$j" ] && "$j" -cp "$JAR" "$ROOT/bench/SandboxSetupBench.java" 101; done

echo "== 1b. whole CLI: hermetic build -- true vs true"
mkdir -p "$WORK/ws" && echo x > "$WORK/ws/a.txt"
cd "$WORK"
hf -w 3 -r 21 'true' "$ROOT/bin/hermetic --version" \
    "$ROOT/bin/hermetic build -C ws --out o --output a.txt --sandbox bubblewrap -- true" \
    "$ROOT/bin/hermetic build -C ws --out o --output a.txt --sandbox unshare -- true"

echo "== 2. sha256 of 1 GiB: engine (in-process, median of 5) vs openssl dgst -sha256 (median of 5)"
[ -f "$WORK/1g.bin" ] || head -c 1073741824 /dev/urandom > "$WORK/1g.bin"
cat "$WORK/1g.bin" > /dev/null
hf -w 1 -r 5 "openssl dgst -sha256 $WORK/1g.bin" "sha256sum $WORK/1g.bin"
for j in "$J17" "$J25"; do [ -x "$j" ] && "$j" -cp "$JAR" "$ROOT/bench/DigestBench.java" "$WORK/1g.bin" 5; done

echo "== 3. examples/hello: bare make vs make in the sandbox vs the whole hermetic build"
rm -rf "$WORK/hello" && cp -r "$ROOT/examples/hello" "$WORK/hello"
cd "$WORK/hello"
BWRAP="bwrap --unshare-all --die-with-parent --new-session --cap-drop ALL --ro-bind /usr /usr --symlink usr/bin /bin --symlink usr/lib /lib --symlink usr/lib64 /lib64 --symlink usr/sbin /sbin --ro-bind /etc /etc --dev /dev --proc /proc --tmpfs /tmp --tmpfs /home/builder --bind . /workspace --chdir /workspace"
hf -w 2 -r 15 --prepare 'rm -rf build' 'make' "$BWRAP make" \
    "$ROOT/bin/hermetic build -C . --out ../o-hello --output build/*.jar -- make"
