// Writes dist/odd-numbers.json with a real dependency (is-odd, which depends on is-number).
// Deterministic: the same inputs always give the same bytes.
const fs = require("fs");
const isOdd = require("is-odd");

const odd = [];
for (let n = 0; n < 20; n++) {
  if (isOdd(n)) odd.push(n);
}
fs.mkdirSync("dist", { recursive: true });
fs.writeFileSync("dist/odd-numbers.json", JSON.stringify({ odd }) + "\n");
console.log("wrote dist/odd-numbers.json");
