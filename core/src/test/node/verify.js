// Verifies a hermetic-build Sigstore bundle (v0.3, key-based) with sigstore-js, an independent
// implementation, offline. Used by SigstoreJsInteropTest and by bench/verify.
//
// usage: node verify.js PUBKEY.pem BUNDLE.json [ARTIFACT] [--bench N]
// The trusted key is offered only under the hint sigstore-js must find in the bundle: the
// lowercase hex SHA-256 of the key's DER SubjectPublicKeyInfo, computed here independently.
'use strict';
const fs = require('fs');
const crypto = require('crypto');
const { bundleFromJSON } = require('@sigstore/bundle');
const { Verifier, toSignedEntity, toTrustMaterial } = require('@sigstore/verify');

const args = process.argv.slice(2);
let bench = 0;
const benchAt = args.indexOf('--bench');
if (benchAt >= 0) {
  bench = Number(args[benchAt + 1]);
  args.splice(benchAt, 2);
}
const [pubPath, bundlePath, artifactPath] = args;
if (!pubPath || !bundlePath) {
  console.error('usage: node verify.js PUBKEY.pem BUNDLE.json [ARTIFACT] [--bench N]');
  process.exit(2);
}

const publicKey = crypto.createPublicKey(fs.readFileSync(pubPath));
const keyId = crypto.createHash('sha256')
  .update(publicKey.export({ format: 'der', type: 'spki' })).digest('hex');
const emptyRoot = { certificateAuthorities: [], timestampAuthorities: [], tlogs: [], ctlogs: [] };
const trust = toTrustMaterial(emptyRoot, (hint) => {
  if (hint !== keyId) {
    throw new Error(`unknown key hint ${hint}, expected ${keyId}`);
  }
  return { publicKey, validFor: () => true };
});
const verifier = new Verifier(trust, { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 });
const bundleText = fs.readFileSync(bundlePath, 'utf8');
const artifact = artifactPath ? fs.readFileSync(artifactPath) : undefined;

function verifyOnce() {
  const bundle = bundleFromJSON(JSON.parse(bundleText));
  verifier.verify(toSignedEntity(bundle, artifact));
}

try {
  verifyOnce();
} catch (e) {
  console.log(`REJECTED ${e.code || e.name}: ${e.message}`);
  process.exit(1);
}
if (bench > 0) {
  for (let i = 0; i < Math.min(bench, 500); i++) verifyOnce(); // warm-up
  const times = [];
  const start = process.hrtime.bigint();
  for (let i = 0; i < bench; i++) {
    const t0 = process.hrtime.bigint();
    verifyOnce();
    times.push(Number(process.hrtime.bigint() - t0));
  }
  const total = Number(process.hrtime.bigint() - start) / 1e9;
  times.sort((a, b) => a - b);
  const pct = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))] / 1000;
  console.log(`BENCH sigstore-js n=${bench} median_us=${pct(0.5).toFixed(1)} p99_us=${pct(0.99).toFixed(1)} ops_per_s=${(bench / total).toFixed(0)}`);
}
console.log('VERIFIED');
