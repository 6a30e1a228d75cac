// Scores a running site with MDN's HTTP Observatory (the npm package @mdn/mdn-http-observatory),
// exactly as its scanner does, but on given ports: the package's own CLI scans only ports 80
// and 443. Run by scripts/observatory.py, which starts the site; see docs/security-headers.md.
//
//   node scripts/observatory.mjs PACKAGE_DIR HOSTNAME HTTP_PORT HTTPS_PORT
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [packageDir, hostname, httpPort, httpsPort] = process.argv.slice(2);
const load = (file) => import(pathToFileURL(path.join(packageDir, "src", file)).href);

// The package's install script downloads Chromium's HSTS preload list, which cannot list a
// local name anyway: where it could not, an empty list stands in.
const preload = path.join(packageDir, "conf", "hsts-preload.json");
if (!fs.existsSync(preload)) fs.writeFileSync(preload, "{}");

const { retrieve } = await load("retriever/retriever.js");
const { ALL_TESTS, NUM_TESTS } = await load("constants.js");
const { getGradeForScore, getScoreModifier } = await load("grader/grader.js");
const { MINIMUM_SCORE_FOR_EXTRA_CREDIT } = await load("grader/charts.js");

const requests = await retrieve(hostname, { httpPort, httpsPort });
if (!requests.responses.auto) throw new Error(`nothing answered at ${hostname}`);

// From the package's src/scanner/index.js (scan()), which takes no ports.
let withExtraCredit = 100;
let uncurved = 100;
let passed = 0;
const tests = {};
for (const test of ALL_TESTS) {
  const result = test(requests);
  const modifier = getScoreModifier(result.result);
  withExtraCredit += modifier;
  if (modifier < 0) uncurved += modifier;
  passed += result.pass ? 1 : 0;
  tests[result.constructor.name] = { result: result.result, pass: result.pass, scoreModifier: modifier };
}
const final = getGradeForScore(uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? withExtraCredit : uncurved);
console.log(
  JSON.stringify(
    {
      grade: final.grade,
      score: final.score,
      testsPassed: passed,
      testsQuantity: NUM_TESTS,
      statusCode: requests.responses.auto.status,
      url: requests.session.url.href,
      tests,
      responseHeaders: requests.responses.auto.headers,
    },
    null,
    2,
  ),
);
