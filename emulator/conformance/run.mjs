// Runs the conformance suite: builds till, starts `till emulator` on a free loopback
// port, runs every test/*.test.mjs with Node's test runner against it (EMULATOR_URL),
// and stops the emulator. Then it checks, from the emulator's request log, that every
// API route of emulator/router.go was answered at least once. Exit code:
// non-zero when a test failed or a route went unexercised.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Stripe from 'stripe';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'till-conformance-'));
const bin = join(work, 'till');

const build = spawnSync('go', ['build', '-o', bin, '.'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  console.error('conformance: go build failed');
  process.exit(build.status ?? 1);
}

const emulator = spawn(bin, ['emulator', '--listen', '127.0.0.1:0', '--readers', '2'], {
  stdio: ['ignore', 'pipe', 'pipe'],
});
// answered collects "METHOD /path" of every request its route answered: with success,
// or with a 400 or 402 from the endpoint (an unknown URL is a 404).
const answered = new Set();
let logTail = '';
emulator.stderr.on('data', (chunk) => {
  const lines = (logTail + chunk).split('\n');
  logTail = lines.pop();
  for (const line of lines) {
    const m = line.match(/^(GET|POST|DELETE) (\S+) -> (2\d\d|400|402) /);
    if (m) {
      answered.add(`${m[1]} ${m[2]}`);
    }
  }
});
const stop = () => {
  emulator.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
};

const baseURL = await new Promise((resolve, reject) => {
  let out = '';
  const timer = setTimeout(() => reject(new Error('till emulator did not start within 15s')), 15000);
  emulator.stdout.on('data', (chunk) => {
    out += chunk;
    const m = out.match(/Stripe emulator at (http:\/\/[0-9.:]+)/);
    if (m) {
      clearTimeout(timer);
      resolve(m[1]);
    }
  });
  emulator.on('exit', (code) => reject(new Error(`till emulator exited (${code}): ${out}`)));
}).catch((err) => {
  console.error(`conformance: ${err.message}`);
  stop();
  process.exit(1);
});

const files = readdirSync(join(here, 'test'))
  .filter((f) => f.endsWith('.test.mjs'))
  .map((f) => join(here, 'test', f));
const started = Date.now();
const tests = spawn(process.execPath, ['--test', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
  env: { ...process.env, EMULATOR_URL: baseURL },
});
let code = await new Promise((resolve) => tests.on('exit', (c) => resolve(c ?? 1)));
const seconds = ((Date.now() - started) / 1000).toFixed(1);
stop();

// Every route the emulator serves, as router.go declares it.
const routes = [...readFileSync(join(root, 'emulator', 'router.go'), 'utf8').matchAll(/pattern: "(GET|POST|DELETE) (\/v1\/[^"]+)"/g)]
  .map((m) => ({ name: `${m[1]} ${m[2]}`, re: new RegExp(`^${m[1]} ${m[2].replace(/\{[a-z_]+\}/g, '[^/]+')}$`) }));
const missed = routes.filter((r) => ![...answered].some((a) => r.re.test(a)));
console.log(`conformance: stripe-node ${Stripe.PACKAGE_VERSION} against till emulator: ${seconds}s; ` +
  `${routes.length - missed.length} of ${routes.length} routes answered`);
for (const r of missed) {
  console.log(`conformance: never exercised: ${r.name}`);
  code ||= 1;
}
process.exit(code);
