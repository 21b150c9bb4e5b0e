#!/usr/bin/env bash
# Where one short command's time goes (issue 16): runs it once under async-profiler, as bin/hermetic
# would (its start-up cache, its JVM options), and prints the CPU per thread and, for the main
# thread, the wall time under each of the CLI's own methods and the libraries' entry points.
#   bench/profile-startup.sh                       `build -- true` on Temurin 25 (else `java`)
#   EVENT=cpu bench/profile-startup.sh verify      the main thread's CPU instead of its wall time
#   HERMETIC_JAVA=/usr/lib/jvm/java-17-openjdk-amd64/bin/java bench/profile-startup.sh
# async-profiler comes from Maven Central (tools.profiler:async-profiler, the jar holds the native
# agent) into the local Maven repository; it is a tool of this script, not a project dependency.
# Needs: Maven, python3, bubblewrap (for build). Work files: $BENCH_DIR/profile.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${BENCH_DIR:-$ROOT/bench/work}/profile"
AP_VERSION=4.1
COMMAND="${1:-build}"
EVENT="${EVENT:-wall}"
JAVA="${HERMETIC_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
[ -x "$JAVA" ] || JAVA="$(command -v java)"
mkdir -p "$WORK/ap"
cd "$WORK"

AP_JAR="$HOME/.m2/repository/tools/profiler/async-profiler/$AP_VERSION/async-profiler-$AP_VERSION.jar"
[ -f "$AP_JAR" ] || mvn -q -B -Dstyle.color=never dependency:get -Dartifact="tools.profiler:async-profiler:$AP_VERSION" >&2
(cd ap && unzip -q -o "$AP_JAR" 'linux-x64/*')
AGENT="$WORK/ap/linux-x64/libasyncProfiler.so"

H="$ROOT/bin/hermetic"
rm -rf ws out && mkdir ws && echo x > ws/a.txt
git -C ws init -q && git -C ws add a.txt && git -C ws -c user.name=bench -c user.email=bench@example.invalid commit -qm bench
case "$COMMAND" in
    build) ARGS=(build -C ws --out out --output a.txt --sandbox bubblewrap -- true) ;;
    verify)
        rm -f key.pem key.pub small.bin small.bin.sigstore.json
        head -c 4096 /dev/urandom > small.bin
        HERMETIC_JAVA="$JAVA" "$H" keygen --key key.pem --pub key.pub >/dev/null
        HERMETIC_JAVA="$JAVA" "$H" sign --key key.pem small.bin >/dev/null
        ARGS=(verify --pub key.pub --bundle small.bin.sigstore.json --artifact small.bin) ;;
    *) echo "profile-startup.sh: build or verify, not $COMMAND" >&2; exit 2 ;;
esac
# Twice through the launcher: the first run records the start-up cache, the second is what is measured,
# profiled through JAVA_TOOL_OPTIONS (the JVM's "Picked up" line goes to stderr, dropped).
HERMETIC_JAVA="$JAVA" "$H" "${ARGS[@]}" >/dev/null 2>&1 || true
rm -rf out
JAVA_TOOL_OPTIONS="-agentpath:$AGENT=start,event=$EVENT,interval=1ms,threads,collapsed,file=$WORK/profile.txt" \
    HERMETIC_JAVA="$JAVA" "$H" "${ARGS[@]}" >/dev/null 2>&1
echo "== $("$JAVA" -version 2>&1 | head -n 1): ${ARGS[*]} (event=$EVENT, ms)"
python3 - "$WORK/profile.txt" "$EVENT" <<'EOF'
import collections, sys
threads, main = collections.Counter(), collections.Counter()
for line in open(sys.argv[1]):
    stack, n = line.rsplit(' ', 1)
    frames, n = stack.split(';'), int(n)
    threads[frames[0].split(' tid=')[0].strip('[')] += n
    if frames[0].startswith('[main'):
        for f in dict.fromkeys(f.split('(')[0] for f in frames[1:]):
            if f.startswith(('dev/hermeticbuild/', 'picocli/CommandLine.<init>', 'org/eclipse/jgit/internal/JGitText',
                             'org/cyclonedx/generators', 'java/lang/ProcessImpl.waitFor')):
                main[f] += n
if sys.argv[2] == 'wall':  # every thread is sampled all along, idle or not: only main's total says something
    print('main thread: %d' % sum(n for t, n in threads.items() if t.startswith('main')))
else:
    print('threads:', ', '.join('%s %d' % kv for kv in threads.most_common(8)))
for f, n in main.most_common(40):
    print('%6d  %s' % (n, f))
EOF
