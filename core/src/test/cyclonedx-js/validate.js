// Checks a hermetic-build SBOM with independent implementations, offline: the document against
// CycloneDX 1.6's strict JSON schema (@cyclonedx/cyclonedx-library's JsonStrictValidator), and
// every purl in it (metadata, components, formulation, nested) with packageurl-js.
// Used by CycloneDxJsInteropTest and bench/SbomBench (--validate).
//
// usage: node validate.js SBOM.json
// prints VALID <n> purls, or INVALID followed by each problem (exit 1)
'use strict';
const fs = require('fs');
const { Spec, Validation } = require('@cyclonedx/cyclonedx-library');
const { PackageURL } = require('packageurl-js');

const [path] = process.argv.slice(2);
if (!path) {
  console.error('usage: node validate.js SBOM.json');
  process.exit(2);
}
const text = fs.readFileSync(path, 'utf8');

function purls(node, found) {
  if (Array.isArray(node)) {
    node.forEach((n) => purls(n, found));
  } else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'purl' && typeof value === 'string') {
        found.push(value);
      } else {
        purls(value, found);
      }
    }
  }
  return found;
}

(async () => {
  const problems = [];
  const schemaErrors = await new Validation.JsonStrictValidator(Spec.Version.v1dot6).validate(text);
  if (schemaErrors !== null) {
    problems.push(`schema: ${JSON.stringify(schemaErrors)}`);
  }
  const all = purls(JSON.parse(text), []);
  for (const p of all) {
    try {
      PackageURL.fromString(p);
    } catch (e) {
      problems.push(`purl ${p}: ${e.message}`);
    }
  }
  if (problems.length > 0) {
    console.log('INVALID');
    problems.forEach((p) => console.log(p));
    process.exit(1);
  }
  console.log(`VALID ${all.length} purls`);
})().catch((e) => {
  console.log(`INVALID ${e.name}: ${e.message}`);
  process.exit(1);
});
