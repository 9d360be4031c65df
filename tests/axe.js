#!/usr/bin/env node
// Runs axe-core on each HTML file given, in Debian's headless Chromium, and
// prints one JSON line per file:
//
//   {"file": "...", "passes": 21, "violations": [{"id", "impact", "help", "helpUrl", "nodes": [{"target", "html", "summary"}]}]}
//
//   node tests/axe.js page1.html page2.html ...
//
// Exit codes: 0 no violations, 1 violations found, 2 axe could not run
// (Chromium or axe-core missing, a page that does not load); the reason,
// with Chromium's own last words, goes to stderr.
//
// Chromium is driven through its DevTools protocol over a pipe
// (--remote-debugging-pipe: JSON messages ended by NUL on fds 3 and 4), so
// the only npm package needed is axe-core, which is one file injected into
// the page. Any Node from 12 on runs it (Debian 12's is 18). One browser
// serves every file: starting Chromium takes most of the time. Its profile,
// and the HOME it sees (for ~/.pki, ~/.config, ~/.cache), is a temporary
// directory removed on every way out.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TIMEOUT_MS = 120000;

class Failure extends Error {}

// The DevTools protocol over the pipe: numbered commands, and events that
// waiters can take.
class Devtools {
  constructor(child, stderrTail) {
    this.child = child;
    this.stderrTail = stderrTail;
    this.next = 1;
    this.pending = new Map();
    this.handlers = [];
    this.closed = null;
    let buffered = '';
    child.stdio[4].setEncoding('utf8');
    child.stdio[4].on('data', (chunk) => {
      buffered += chunk;
      let end;
      while ((end = buffered.indexOf('\0')) >= 0) {
        const message = JSON.parse(buffered.slice(0, end));
        buffered = buffered.slice(end + 1);
        this.dispatch(message);
      }
    });
    child.on('exit', (code, signal) => {
      this.closed = `Chromium exited (${signal || code})`;
      for (const { reject, method } of this.pending.values()) {
        reject(new Failure(`${this.closed} during ${method}:\n${stderrTail()}`));
      }
      this.pending.clear();
    });
    // A write after Chromium has gone would otherwise be an uncaught error.
    child.stdio[3].on('error', () => {});
  }

  dispatch(message) {
    if (message.id !== undefined) {
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (message.error) {
        waiting.reject(new Failure(`${waiting.method}: ${message.error.message}`));
      } else {
        waiting.resolve(message.result);
      }
      return;
    }
    for (const handler of this.handlers.slice()) handler(message);
  }

  send(method, params = {}, sessionId = undefined) {
    if (this.closed) return Promise.reject(new Failure(`${this.closed} before ${method}`));
    const id = this.next++;
    const message = { id, method, params };
    if (sessionId) message.sessionId = sessionId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      this.child.stdio[3].write(JSON.stringify(message) + '\0');
    });
  }

  on(method, sessionId, handler) {
    this.handlers.push((m) => {
      if (m.method === method && m.sessionId === sessionId) handler(m.params);
    });
  }

  // The next `method` event of `sessionId`.
  once(method, sessionId) {
    return new Promise((resolve) => {
      const handler = (m) => {
        if (m.method === method && m.sessionId === sessionId) {
          this.handlers.splice(this.handlers.indexOf(handler), 1);
          resolve(m.params);
        }
      };
      this.handlers.push(handler);
    });
  }
}

// Evaluates `expression` in the page; its value (a promise is awaited).
async function evaluate(devtools, sessionId, expression) {
  const r = await devtools.send(
    'Runtime.evaluate',
    { expression, awaitPromise: true, returnByValue: true },
    sessionId,
  );
  if (r.exceptionDetails) {
    const e = r.exceptionDetails;
    throw new Failure(`script error: ${(e.exception && e.exception.description) || e.text}`);
  }
  return r.result.value;
}

// Runs in the page: axe's result, reduced to what the report prints.
const RUN_AXE = `axe.run(document).then((r) => JSON.stringify({
  passes: r.passes.length,
  violations: r.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, summary: n.failureSummary })),
  })),
}))`;

async function check(devtools, files, axeSource) {
  const { targetId } = await devtools.send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await devtools.send('Target.attachToTarget', { targetId, flatten: true });
  // The artifacts link to the web; nothing may leave this machine.
  devtools.on('Fetch.requestPaused', sessionId, ({ requestId, request }) => {
    const allowed = request.url.startsWith('file:');
    devtools
      .send(
        allowed ? 'Fetch.continueRequest' : 'Fetch.failRequest',
        allowed ? { requestId } : { requestId, errorReason: 'BlockedByClient' },
        sessionId,
      )
      .catch(() => {});
  });
  await devtools.send('Fetch.enable', { patterns: [{ urlPattern: '*' }] }, sessionId);
  await devtools.send('Page.enable', {}, sessionId);
  let found = 0;
  for (const file of files) {
    const url = 'file://' + path.resolve(file);
    const loaded = devtools.once('Page.loadEventFired', sessionId);
    const nav = await devtools.send('Page.navigate', { url }, sessionId);
    if (nav.errorText) throw new Failure(`${file} did not load: ${nav.errorText}`);
    await loaded;
    await evaluate(devtools, sessionId, axeSource);
    const result = JSON.parse(await evaluate(devtools, sessionId, RUN_AXE));
    found += result.violations.length;
    process.stdout.write(JSON.stringify({ file, passes: result.passes, violations: result.violations }) + '\n');
  }
  return found;
}

function loadAxe() {
  let file;
  try {
    file = require.resolve('axe-core/axe.min.js');
  } catch (e) {
    throw new Failure(`cannot find axe-core (${e.code || e.message}): run \`npm install\` in the project (bash .ci/test.sh does)`);
  }
  return fs.readFileSync(file, 'utf8');
}

// Stops Chromium (politely, then by its pid) and waits for it to exit.
function stop(child, devtools) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    if (devtools && !devtools.closed) devtools.send('Browser.close').catch(() => {});
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

async function main() {
  const files = process.argv.slice(2);
  if (files.length === 0) throw new Failure('usage: node tests/axe.js FILE.html...');
  if (!fs.existsSync(CHROMIUM)) throw new Failure(`${CHROMIUM} not found: run \`apt-get install -y --no-install-recommends chromium\``);
  const axeSource = loadAxe();

  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ceop-axe-'));
  let child = null;
  let devtools = null;
  let stderr = '';
  const stderrTail = () => stderr.slice(-4000) || '(Chromium wrote nothing to stderr)';
  try {
    child = spawn(
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--no-default-browser-check',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--remote-debugging-pipe',
        `--user-data-dir=${profile}`,
        'about:blank',
      ],
      {
        stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
        env: { ...process.env, HOME: profile, XDG_CONFIG_HOME: profile, XDG_CACHE_HOME: profile },
      },
    );
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d) => {
      stderr = (stderr + d).slice(-16000);
    });
    const started = new Promise((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', (e) => reject(new Failure(`cannot start ${CHROMIUM}: ${e.message}`)));
    });
    await started;
    devtools = new Devtools(child, stderrTail);
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(
        () => reject(new Failure(`no result after ${TIMEOUT_MS / 1000} s:\n${stderrTail()}`)),
        TIMEOUT_MS,
      );
    });
    try {
      return await Promise.race([check(devtools, files, axeSource), timeout]);
    } finally {
      clearTimeout(timer);
    }
  } finally {
    if (child) await stop(child, devtools);
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().then(
  (found) => process.exit(found === 0 ? 0 : 1),
  (e) => {
    process.stderr.write(`axe.js: ${e instanceof Failure ? e.message : e && e.stack ? e.stack : String(e)}\n`);
    process.exit(2);
  },
);
