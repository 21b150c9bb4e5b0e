#!/usr/bin/env bash
# Provenance store benchmarks (issue 8): ingest rate (1 and 8 writers), lookup by digest and
# store verify at 1,000,000 records, on SQLite and on a throwaway PostgreSQL 15 cluster.
# Issue 13: bench/store.sh signed [RECORDS]: a store of signed records with a checkpoint every
# 100 records, then trace and query with signature and checkpoint re-verification, and
# store verify --store-pub (SQLite only).
#   bench/store.sh [RECORDS]      (default 1000000; needs the postgresql package; run as root or postgres)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
JAR="$ROOT/cli/target/hermetic.jar"
[ -f "$JAR" ] || (cd "$ROOT" && mvn -q -o -B package -DskipTests)
WORK="$(mktemp -d /tmp/hermetic-store-bench.XXXXXX)"
PGBIN=/usr/lib/postgresql/15/bin
bench() { java -Xmx2g -cp "$JAR" "$ROOT/bench/StoreBench.java" "$@"; }

if [ "${1:-}" = signed ]; then
    N="${2:-1000000}"
    trap 'rm -rf "$WORK"' EXIT
    bench signed-load "jdbc:sqlite:$WORK/signed.db" "$N" 100 "$WORK/keys"
    du -h "$WORK/signed.db" | cut -f1 | sed 's/^/  SQLite file: /'
    bench trace "jdbc:sqlite:$WORK/signed.db" 10000 "$WORK/keys"
    bench query "jdbc:sqlite:$WORK/signed.db" 10000 "$WORK/keys"
    bench signed-verify "jdbc:sqlite:$WORK/signed.db" "$WORK/keys"
    exit 0
fi
N="${1:-1000000}"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
AS=(); [ "$(id -u)" = 0 ] && AS=(runuser -u postgres --)
chown postgres "$WORK" 2>/dev/null || true
"${AS[@]}" "$PGBIN/initdb" -D "$WORK/pg" -A trust -U hermetic --no-sync -E UTF8 --locale=C >/dev/null
"${AS[@]}" "$PGBIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg.log" -w -o "-h 127.0.0.1 -p $PORT -k $WORK/pg" start >/dev/null
trap '"${AS[@]}" "$PGBIN/pg_ctl" -D "$WORK/pg" -m fast -w stop >/dev/null; rm -rf "$WORK"' EXIT
pg() { echo "jdbc:postgresql://127.0.0.1:$PORT/$1?user=hermetic"; }
for db in ingest1 ingest8 big; do "${AS[@]}" "$PGBIN/psql" -q -h 127.0.0.1 -p "$PORT" -U hermetic -d postgres -c "CREATE DATABASE $db"; done

echo "== ingest (store.append: one durable transaction per record)"
bench ingest "jdbc:sqlite:$WORK/ingest1.db" 2000 1
bench ingest "jdbc:sqlite:$WORK/ingest8.db" 2000 8
bench ingest "$(pg ingest1)" 2000 1
bench ingest "$(pg ingest8)" 2000 8

echo "== $N records (bulk load, 10,000 per transaction), then lookups and verify"
bench load "jdbc:sqlite:$WORK/big.db" "$N"
du -h "$WORK/big.db" | cut -f1 | sed 's/^/  SQLite file: /'
bench lookup "jdbc:sqlite:$WORK/big.db" 10000
bench verify "jdbc:sqlite:$WORK/big.db"
bench load "$(pg big)" "$N"
bench lookup "$(pg big)" 10000
bench verify "$(pg big)"
