#!/usr/bin/env bash
# Verification benchmark: in-process DSSE bundle verification (hermetic on Java 17 and
# Temurin 25, sigstore-js on Node, the same bundles), then `hermetic verify` as a whole
# process against `openssl dgst -sha256` of the same artifact. Figures go to bench/RESULTS.md.
# Single core: everything is pinned to CPU 0 with taskset, so ops/s is per core.
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${N:-20000}
work=bench/work/verify
mkdir -p "$work"
[ -f cli/target/hermetic.jar ] || mvn -q -o install -DskipTests
pin="taskset -c 0"

for java in /usr/lib/jvm/java-17-openjdk-amd64/bin/java /usr/lib/jvm/temurin-25-jdk-amd64/bin/java; do
  [ -x "$java" ] || continue
  $pin "$java" -cp cli/target/hermetic.jar bench/verify/PrimitiveBench.java --n 20000
  for alg in ecdsa-p256 ed25519; do
    $pin "$java" -cp cli/target/hermetic.jar bench/verify/VerifyBench.java --alg "$alg" --n "$N" --out "$work/$alg"
  done
  $pin "$java" -cp cli/target/hermetic.jar bench/verify/VerifyBench.java --alg ecdsa-p256 --n "$N" --cache
done

if command -v node >/dev/null; then
  js="$work/sigstore-js"
  mkdir -p "$js"
  cp core/src/test/node/package.json core/src/test/node/package-lock.json core/src/test/node/verify.js "$js/"
  [ -d "$js/node_modules/@sigstore/verify" ] || (cd "$js" && npm ci --ignore-scripts --no-audit --no-fund --prefer-offline --cache ../npm-cache >/dev/null)
  for alg in ecdsa-p256 ed25519; do
    echo -n "alg=$alg "
    (cd "$js" && $pin node verify.js "../$alg/key.pub" "../$alg/bundle.json" --bench "$N" | grep BENCH)
  done
fi

# Whole process: verify a message signature over a 512 MiB artifact vs openssl dgst.
art="$work/artifact.bin"
[ -f "$art" ] || head -c $((512 * 1024 * 1024)) /dev/urandom > "$art"
rm -f "$work/k.pem" "$work/k.pub"
java -jar cli/target/hermetic.jar keygen --key "$work/k.pem" --pub "$work/k.pub" >/dev/null
java -jar cli/target/hermetic.jar sign --key "$work/k.pem" "$art" >/dev/null
cat "$art" > /dev/null # page cache warm for both
t() { local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); echo "$e - $s" | bc; }
for i in 1 2 3; do
  h=$(t java -jar cli/target/hermetic.jar verify --pub "$work/k.pub" --bundle "$art.sigstore.json" --artifact "$art")
  o=$(t openssl dgst -sha256 "$art")
  echo "WHOLE run=$i hermetic_verify_s=$h openssl_dgst_s=$o ratio=$(echo "scale=2; $h / $o" | bc)"
done
small="$work/small.txt"
echo small > "$small"
java -jar cli/target/hermetic.jar sign --key "$work/k.pem" "$small" >/dev/null
for i in 1 2 3; do
  echo "STARTUP run=$i hermetic_verify_small_s=$(t java -jar cli/target/hermetic.jar verify --pub "$work/k.pub" --bundle "$small.sigstore.json" --artifact "$small")"
done
