#!/usr/bin/env node
// Runs axe-core on each HTML file given, in Debian's headless Chromium
// driven by playwright-core, and prints one JSON line per file:
//
//   {"file": "...", "passes": 21, "violations": [{"id", "impact", "help", "helpUrl", "nodes": [{"target", "html", "summary"}]}]}
//
//   node tests/axe.js page1.html page2.html ...
//
// Exit codes: 0 no violations, 1 violations found, 2 axe could not run
// (Chromium or the npm packages missing, a page that does not load).
// One browser serves every file: starting Chromium takes most of the time.
'use strict';

const fs = require('fs');
const path = require('path');

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// The flags verified on Debian 12; playwright makes its own fresh profile,
// so no --user-data-dir.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function fail(message) {
  process.stderr.write(`axe.js: ${message}\n`);
  process.exit(2);
}

function load(name) {
  try {
    return require(name);
  } catch (e) {
    fail(`cannot load ${name} (${e.code || e.message}): run \`npm install\` in the project (bash .ci/test.sh does)`);
  }
}

async function main() {
  const files = process.argv.slice(2);
  if (files.length === 0) fail('usage: node tests/axe.js FILE.html...');
  if (!fs.existsSync(CHROMIUM)) fail(`${CHROMIUM} not found: run \`apt-get install -y chromium\``);
  const { chromium } = load('playwright-core');
  load('axe-core');
  const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  let found = 0;
  try {
    const context = await browser.newContext();
    // The artifacts link to the web; nothing may leave this machine.
    await context.route(/^(?!file:)/, (route) => route.abort());
    const page = await context.newPage();
    for (const file of files) {
      await page.goto('file://' + path.resolve(file));
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(async () => {
        const r = await axe.run(document);
        return { passes: r.passes.length, violations: r.violations };
      });
      const violations = result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, summary: n.failureSummary })),
      }));
      found += violations.length;
      process.stdout.write(JSON.stringify({ file, passes: result.passes, violations }) + '\n');
    }
  } finally {
    await browser.close();
  }
  process.exit(found === 0 ? 0 : 1);
}

main().catch((e) => fail(e && e.stack ? e.stack : String(e)));
