#!/usr/bin/env bash
# Benchmarks of pinned inputs (issue 7): SBOM generation, warm prefetch, hermetic Maven build.
#   bench/deps.sh     (needs hyperfine; network for the first prefetch)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$ROOT/bench/work"
JAR="$ROOT/cli/target/hermetic.jar"
CACHE="$WORK/cache"
mkdir -p "$WORK"
"$ROOT/bin/hermetic" --version >/dev/null
hf() {
    local json; json=$(mktemp)
    hyperfine -N --export-json "$json" "$@" >/dev/null 2>&1
    python3 -c 'import json,sys
for r in json.load(open(sys.argv[1]))["results"]:
    print("  median %8.1f ms  (min %.1f, max %.1f, %d runs)  %s" % (r["median"]*1e3, r["min"]*1e3, r["max"]*1e3, len(r["times"]), r["command"][:120]))' "$json"
    rm -f "$json"
}

echo "== 1. SBOM generation + schema validation, 10,000 components (in-process, median of 5)"
for j in /usr/lib/jvm/java-17-openjdk-amd64/bin/java /usr/lib/jvm/temurin-25-jdk-amd64/bin/java; do
    [ -x "$j" ] && "$j" -cp "$JAR" "$ROOT/bench/SbomBench.java" 10000 5
done

echo "== 2. prefetch of examples/maven-app from a warm cache (every entry re-verified) vs sha256sum of the same files"
"$ROOT/bin/hermetic" prefetch -C "$ROOT/examples/maven-app" --cache "$CACHE" >/dev/null
FILES=$(find "$CACHE/sha256" -type f | tr '\n' ' ')
du -sh "$CACHE/sha256" | cut -f1 | sed 's/^/  cache size: /'
hf -w 2 -r 10 "$ROOT/bin/hermetic prefetch -C $ROOT/examples/maven-app --cache $CACHE" "sha256sum $FILES" "$ROOT/bin/hermetic --version"

echo "== 3. examples/maven-app: mvn -o package unsandboxed vs hermetic build from the cache"
rm -rf "$WORK/mapp" && cp -r "$ROOT/examples/maven-app" "$WORK/mapp"
cd "$WORK/mapp"
mvn -q -B -o package >/dev/null   # warms the local repository used by the bare build
hf -w 1 -r 8 --prepare 'rm -rf target' 'mvn -o -B -q package' \
    "$ROOT/bin/hermetic build -C . --cache $CACHE --out ../mapp-out --output target/*.jar -- mvn -o -B -q package"
