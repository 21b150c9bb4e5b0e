#!/usr/bin/env bash
# Issue 14: what `hermetic build --tier release --cache` costs over the same Maven build bare, on a
# real Apache release built from the source-release zip Maven Central publishes for it.
#   bench/real-build.sh          one command, about 20 min; network to Maven Central (fetch, lock, prefetch)
# Environment (all optional):
#   GAV=G:A:V        the component (default org.apache.maven.shared:maven-shared-utils:3.4.2)
#   RUNS=5           timed runs of each build, interleaved, after WARMUP=1 untimed run of each
#   GOALS=package    the Maven goals of both builds (tests included)
#   BENCH_DIR=/work/bench-cache-D   where everything goes (never inside the repository); KEEP=1 keeps it
# Needs curl, unzip, git, mvn, python3, bubblewrap; bin/hermetic builds the CLI jar when it is stale.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
H="$ROOT/bin/hermetic"
GAV=${GAV:-org.apache.maven.shared:maven-shared-utils:3.4.2}
RUNS=${RUNS:-5}
WARMUP=${WARMUP:-1}
GOALS=${GOALS:-package}
BENCH_DIR=${BENCH_DIR:-/work/bench-cache-D}
IFS=: read -r G A V <<<"$GAV"
[ -n "$G" ] && [ -n "$A" ] && [ -n "$V" ] || { echo "GAV=$GAV: expected GROUP:ARTIFACT:VERSION" >&2; exit 2; }
mkdir -p "$BENCH_DIR"
BENCH_DIR="$(cd "$BENCH_DIR" && pwd)"
case "$BENCH_DIR/" in "$ROOT"/*) echo "BENCH_DIR=$BENCH_DIR is inside the repository; choose a directory outside it" >&2; exit 2 ;; esac

W="$BENCH_DIR/real-build"      # everything this run makes
SRC="$W/src/$A-$V"             # the git repository the release build builds
BARE="$W/bare"                 # the same commit's tree, for the bare build
CACHE="$W/cache"               # hermetic's content cache
M2="$W/m2"                     # the bare build's local repository: the locked files, copied from the cache
OUT="$W/out"
LOGS="$W/logs"
cleanup() { [ "${KEEP:-}" = 1 ] || rm -rf "$W"; }
trap cleanup EXIT
rm -rf "$W" && mkdir -p "$W/src" "$LOGS"

load() { cut -d' ' -f1-3 /proc/loadavg; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
# timed LABEL CMD...: runs CMD (output to LOGS/LABEL.log), prints its time, the load at its start, and the command.
timed() {
    local label=$1; shift
    local l0 t0 t1; l0=$(load); t0=$(now_ms)
    if ! "$@" >"$LOGS/$label.log" 2>&1; then
        echo "FAILED: $*  (log: $LOGS/$label.log; KEEP=1 keeps it)" >&2; tail -40 "$LOGS/$label.log" >&2; KEEP=1; exit 1
    fi
    t1=$(now_ms)
    printf '  %-22s %8d ms   load %s   $ %s\n' "$label" $((t1 - t0)) "$l0" "$*"
}

"$H" --version >/dev/null  # builds the jar first if the sources are newer
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load $(load)"
echo "== hermetic: $(git -C "$ROOT" rev-parse HEAD) ($(git -C "$ROOT" rev-parse --abbrev-ref HEAD)$( [ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no)" ] && echo ', with uncommitted changes'))," \
     "main is $(git -C "$ROOT" rev-parse --short main 2>/dev/null || echo '?'); $("$H" --version 2>&1 | head -1)"
echo "== Maven: $(mvn -v 2>/dev/null | head -1 | sed 's/\x1b\[[0-9;]*m//g'); its JVM: $(java -version 2>&1 | head -1)"

HELP_LOCK=$("$H" lock --help 2>&1 || true)
HELP_PREFETCH=$("$H" prefetch --help 2>&1 || true)
HELP_BUILD=$("$H" build --help 2>&1 || true)
# Where the lock lives: outside the tree when this hermetic can take it there (--lock FILE), else at the root.
if grep -q -- '--lock' <<<"$HELP_BUILD"; then
    LOCK="$W/hermetic.lock"; LOCK_IN_TREE=0
    BUILD_LOCK=(--lock "$LOCK")
    LOCK_LOCK=(); grep -q -- '--lock' <<<"$HELP_LOCK" && LOCK_LOCK=(--lock "$LOCK")
    PREFETCH_LOCK=(); grep -q -- '--lock' <<<"$HELP_PREFETCH" && PREFETCH_LOCK=(--lock "$LOCK")
else
    LOCK="$SRC/hermetic.lock"; LOCK_IN_TREE=1
    BUILD_LOCK=(); LOCK_LOCK=(); PREFETCH_LOCK=()
fi
LOCK_CACHE=(); grep -q -- '--cache' <<<"$HELP_LOCK" && LOCK_CACHE=(--cache "$CACHE")
# Apache RAT fails on a hermetic.lock it does not know at the source root (issue 14, first bullet):
# while the lock has to live there, both timed builds skip RAT, so their goals stay the same.
MVN_ARGS=(-o -B -q $GOALS)
[ "$LOCK_IN_TREE" = 1 ] && MVN_ARGS+=(-Drat.skip=true)
echo "== lock: $( [ "$LOCK_IN_TREE" = 1 ] && echo "in the tree ($LOCK, committed; RAT skipped in both timed builds)" || echo "outside the tree ($LOCK)")" \
     "$( [ ${#LOCK_CACHE[@]} -gt 0 ] && echo '; lock fills the cache')"

echo "== 1. $GAV source release from Maven Central"
BASE="https://repo.maven.apache.org/maven2/${G//.//}/$A/$V"
ZIP="$W/$A-$V-source-release.zip"
CENTRAL_JAR="$W/central-$A-$V.jar"
timed fetch curl -sSf -o "$ZIP" "$BASE/$A-$V-source-release.zip"
curl -sSf -o "$ZIP.sha512" "$BASE/$A-$V-source-release.zip.sha512"
echo "$(cut -d' ' -f1 "$ZIP.sha512")  $ZIP" | sha512sum -c --quiet -
curl -sSf -o "$CENTRAL_JAR" "$BASE/$A-$V.jar"
echo "  zip $(du -h "$ZIP" | cut -f1), sha512 matches Central's .sha512; Central's jar sha256 $(sha256sum "$CENTRAL_JAR" | cut -c1-16)…"
unzip -q "$ZIP" -d "$W/src"
[ -f "$SRC/pom.xml" ] || { echo "$ZIP does not unpack to $A-$V/pom.xml" >&2; exit 1; }
# The commit's date: the release's own project.build.outputTimestamp when it declares one.
DATE=$(grep -o '<project.build.outputTimestamp>[^<]*' "$SRC/pom.xml" | head -1 | cut -d'>' -f2 || true)
[[ "$DATE" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}T ]] || DATE=2000-01-01T00:00:00Z
commit() {
    git -C "$SRC" add -A --force
    GIT_AUTHOR_DATE="$DATE" GIT_COMMITTER_DATE="$DATE" git -C "$SRC" -c user.name=bench -c user.email=bench@localhost \
        -c commit.gpgsign=false commit -q -m "$A $V from its source-release zip"
}
git -C "$SRC" init -q -b main

echo "== 2. hermetic lock (with network; the locking build is 'mvn -B package' in a copy, into an empty repository)"
timed lock "$H" lock -C "$SRC" "${LOCK_LOCK[@]}" "${LOCK_CACHE[@]}"
commit
echo "  one commit $(git -C "$SRC" rev-parse --short HEAD) dated $DATE, $(git -C "$SRC" ls-files | wc -l) files"
LOCKED=$(grep -cv '^#' "$LOCK")
echo "  locked files: $LOCKED ($(grep -v '^#' "$LOCK" | awk '{print $1}' | awk -F: '{print $3}' | sort | uniq -c | sort -rn | awk '{printf "%s %s, ", $1, $2}' | sed 's/, $//'))"

echo "== 3. hermetic prefetch into a cache$( [ ${#LOCK_CACHE[@]} -gt 0 ] && echo ' (lock filled it already)' || echo ' (empty)')"
timed prefetch "$H" prefetch -C "$SRC" "${PREFETCH_LOCK[@]}" --cache "$CACHE"
timed prefetch-warm "$H" prefetch -C "$SRC" "${PREFETCH_LOCK[@]}" --cache "$CACHE"
sed 's/^/  /' "$LOGS/prefetch.log" | tail -3
echo "  cache: $(du -sh "$CACHE" | cut -f1)"

# The bare build's tree is the same commit's bytes (no .git); its repository the locked files from the cache.
mkdir -p "$BARE" && git -C "$SRC" archive HEAD | tar -x -C "$BARE"
python3 - "$LOCK" "$CACHE" "$M2" <<'EOF'
import os, shutil, sys
lock, cache, repo = sys.argv[1:]
for line in open(lock):
    line = line.strip()
    if not line or line.startswith("#"):
        continue
    coords, digest = line.split()
    p = coords.split(":")
    if len(p) == 4:
        p = p[:3] + [""] + p[3:]
    g, a, ext, cls, v = p
    name = f"{a}-{v}{'-' + cls if cls else ''}.{ext}"
    target = os.path.join(repo, g.replace(".", "/"), a, v, name)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    hexd = digest.split("=", 1)[1]
    shutil.copyfile(os.path.join(cache, "sha256", hexd[:2], hexd), target)
EOF
echo "  bare repository: $(find "$M2" -type f | wc -l) files copied from the cache into $M2"

BARE_CMD=(mvn "${MVN_ARGS[@]}" -Dmaven.repo.local="$M2")
HERMETIC_CMD=("$H" build -C "$SRC" --tier release --cache "$CACHE" "${BUILD_LOCK[@]}" --out "$OUT" --output 'target/*.jar' -- mvn "${MVN_ARGS[@]}")
bare() { rm -rf "$BARE/target"; (cd "$BARE" && "${BARE_CMD[@]}"); }
hermetic() { rm -rf "$OUT"; HERMETIC_PHASE_TIMES=1 "${HERMETIC_CMD[@]}"; }
# one KIND RUN: a run of bare or hermetic; its time and load go to W/KIND.times, the hermetic phases to W/phases.
one() {
    local kind=$1 run=$2 l0 t0 t1
    l0=$(load); t0=$(now_ms)
    if ! "$kind" >"$LOGS/$kind-$run.log" 2>&1; then
        echo "FAILED: $kind run $run (log: $LOGS/$kind-$run.log; kept)" >&2; tail -40 "$LOGS/$kind-$run.log" >&2; KEEP=1; exit 1
    fi
    t1=$(now_ms)
    printf '  %-8s run %-3s %8d ms   load %s\n' "$kind" "$run" $((t1 - t0)) "$l0"
    if [[ "$run" != w* ]]; then
        echo "$((t1 - t0)) $l0" >>"$W/$kind.times"
        [ "$kind" = hermetic ] && sed -n "s/^.*hermetic: phase \([^ ]*\) \([0-9]*\) ms$/$run \1 \2 $((t1 - t0))/p" "$LOGS/$kind-$run.log" >>"$W/phases"
    fi
    return 0
}

echo "== 4. $RUNS timed runs each (after $WARMUP warm-up), interleaved, same goals:"
echo "  (a) \$ (cd $BARE && rm -rf target && ${BARE_CMD[*]})"
echo "  (b) \$ HERMETIC_PHASE_TIMES=1 ${HERMETIC_CMD[*]}"
for i in $(seq 1 "$WARMUP"); do one bare "w$i"; one hermetic "w$i"; done
for i in $(seq 1 "$RUNS"); do
    if [ $((i % 2)) = 1 ]; then one bare "$i"; one hermetic "$i"; else one hermetic "$i"; one bare "$i"; fi
done

python3 - "$W/bare.times" "$W/hermetic.times" "$W/phases" <<'EOF'
import statistics as st, sys
def rows(path):
    return [(int(l.split()[0]), l.split()[1]) for l in open(path) if l.strip()]
bare, herm = rows(sys.argv[1]), rows(sys.argv[2])
def line(name, r):
    t = sorted(x for x, _ in r); m = st.median(t)
    loads = sorted(float(l) for _, l in r)
    print(f"  {name:9} median {m/1000:7.2f} s   min {t[0]/1000:.2f}  max {t[-1]/1000:.2f}  spread {(t[-1]-t[0])/m*100:4.1f} %"
          f"   ({len(t)} runs, 1-min load {loads[0]:.2f}-{loads[-1]:.2f})")
    return m
print("== 5. results")
mb, mh = line("bare", bare), line("hermetic", herm)
pairs = sorted(h / b for (h, _), (b, _) in zip(herm, bare))
print(f"  ratio hermetic/bare: {mh/mb:.3f} (medians; target <= 1.10)   per-run pairs: median {st.median(pairs):.3f},"
      f" range {pairs[0]:.3f}-{pairs[-1]:.3f}")
phases = {}
walls = {}
for l in open(sys.argv[3]):
    run, name, ms, wall = l.split()
    phases.setdefault(name, []).append(int(ms)); walls[run] = int(wall)
print("  where the hermetic build's time goes (median over runs, ms; HERMETIC_PHASE_TIMES=1):")
total = 0
for name, ms in phases.items():
    m = st.median(ms); total += m
    print(f"    {name:15} {m:8.0f}   (min {min(ms)}, max {max(ms)})")
other = st.median(walls.values()) - total
print(f"    {'jvm+cli':15} {other:8.0f}   (wall minus the phases: JVM start, option parsing, the launcher's staleness check)")
print(f"  overhead = hermetic median - bare median = {mh - mb:.0f} ms; the build command inside the sandbox alone:"
      f" {st.median(phases.get('command', [0])):.0f} ms vs bare {mb:.0f} ms")
EOF

echo "== 6. outputs"
OUT_JAR=$(find "$OUT" -name "$A-$V.jar" | head -1)
echo "  Central's jar     $(sha256sum "$CENTRAL_JAR" | cut -d' ' -f1)"
echo "  hermetic build's  $(sha256sum "$OUT_JAR" | cut -d' ' -f1)  ($OUT_JAR)"
echo "  bare build's      $(sha256sum "$BARE/target/$A-$V.jar" | cut -d' ' -f1)"
cmp -s "$CENTRAL_JAR" "$OUT_JAR" && echo "  byte-identical to Maven Central's jar: yes" || echo "  byte-identical to Maven Central's jar: NO"
python3 - "$OUT" <<'EOF'
import json, os, sys
out = sys.argv[1]
sbom = json.load(open(os.path.join(out, "sbom.cdx.json")))
prov = json.load(open(os.path.join(out, "provenance.json")))
deps = prov["predicate"]["buildDefinition"].get("resolvedDependencies", [])
print(f"  sbom.cdx.json: {len(sbom.get('components', []))} components, {len(sbom.get('dependencies', []))} dependency entries;"
      f" provenance.json: {len(deps)} resolved dependencies, {os.path.getsize(os.path.join(out, 'provenance.json'))} bytes")
EOF
echo "== done; load $(load)$( [ "${KEEP:-}" = 1 ] && echo "; kept $W" || echo "; removed $W")"
