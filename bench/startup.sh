#!/usr/bin/env bash
# Start-up cost (issue 16), side by side in one run, on Java 17 and Temurin 25: `java -version`,
# `hermetic --version`, `hermetic build -- true` (bubblewrap) and `hermetic verify` of a small
# signed file, each through bin/hermetic with its start-up cache recorded, and, for comparison,
# without it (HERMETIC_NO_STARTUP_CACHE=1). Then one build's phase times (HERMETIC_PHASE_TIMES=1).
#   bench/startup.sh            RUNS=21 WARMUP=3 by default
#   BASELINE=DIR bench/startup.sh   also times DIR/bin/hermetic (another checkout, its jar built) the same way
# Needs: hyperfine, bubblewrap (Debian packages), a built CLI jar (bin/hermetic builds it).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${BENCH_DIR:-$ROOT/bench/work}/startup"
RUNS=${RUNS:-21}
WARMUP=${WARMUP:-3}
J17=${J17:-/usr/lib/jvm/java-17-openjdk-amd64/bin/java}
J25=${J25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
H="$ROOT/bin/hermetic"
mkdir -p "$WORK"
cd "$WORK"

# hyperfine, then the median of each command (hyperfine prints means).
hf() {
    local json; json=$(mktemp)
    hyperfine -N --export-json "$json" "$@" >/dev/null 2>&1
    python3 -c 'import json,sys
for r in json.load(open(sys.argv[1]))["results"]:
    print("  median %7.1f ms  (min %.1f, max %.1f, user %.0f ms, %d runs)  %s" % (r["median"]*1e3, r["min"]*1e3, r["max"]*1e3,
          r["user"]*1e3, len(r["times"]), r["command"][:120]))' "$json"
    rm -f "$json"
}

"$H" --version >/dev/null   # builds the jar if needed
rm -rf ws && mkdir ws && echo x > ws/a.txt
git -C ws init -q && git -C ws add a.txt && git -C ws -c user.name=bench -c user.email=bench@example.invalid commit -qm bench
rm -f key.pem key.pub small.bin small.bin.sigstore.json
head -c 4096 /dev/urandom > small.bin
"$H" keygen --key key.pem --pub key.pub >/dev/null
"$H" sign --key key.pem small.bin >/dev/null

BUILD="build -C ws --out out --output a.txt --sandbox bubblewrap -- true"
VERIFY="verify --pub key.pub --bundle small.bin.sigstore.json --artifact small.bin"

echo "== machine: $(nproc) cores, load average $(cut -d ' ' -f 1-3 /proc/loadavg) before"
for j in "$J17" "$J25"; do
    [ -x "$j" ] || continue
    echo "== $("$j" -version 2>&1 | head -n 1)"
    # The first run of each subcommand records the start-up cache for this jar and JVM.
    HERMETIC_JAVA="$j" "$H" $BUILD >/dev/null 2>&1
    HERMETIC_JAVA="$j" "$H" $VERIFY >/dev/null 2>&1
    BASE=()
    if [ -n "${BASELINE:-}" ]; then
        HERMETIC_JAVA="$j" "$BASELINE/bin/hermetic" $BUILD >/dev/null 2>&1
        BASE=("env HERMETIC_JAVA=$j $BASELINE/bin/hermetic --version" "env HERMETIC_JAVA=$j $BASELINE/bin/hermetic $BUILD"
            "env HERMETIC_JAVA=$j $BASELINE/bin/hermetic $VERIFY")
    fi
    hf -w "$WARMUP" -r "$RUNS" "$j -version" \
        "env HERMETIC_JAVA=$j $H --version" \
        "env HERMETIC_JAVA=$j $H $BUILD" \
        "env HERMETIC_JAVA=$j $H $VERIFY" \
        "env HERMETIC_NO_STARTUP_CACHE=1 HERMETIC_JAVA=$j $H $BUILD" \
        "env HERMETIC_NO_STARTUP_CACHE=1 HERMETIC_JAVA=$j $H $VERIFY" \
        "${BASE[@]}"
    echo "  phases of one build (ms):"
    HERMETIC_PHASE_TIMES=1 HERMETIC_JAVA="$j" "$H" $BUILD 2>&1 >/dev/null | sed -n 's/^hermetic: phase /    /p' | tr '\n' ';'
    echo
done
echo "== load average $(cut -d ' ' -f 1-3 /proc/loadavg) after"
