#!/usr/bin/env node
/**
 * Consumer smoke test: packs the package as npm would publish it, installs the tarball into a
 * fresh project outside the repository and proves that a consumer can use it from ESM, from
 * CommonJS, and from TypeScript under `node16` and `bundler` resolution.
 *
 * Needs `npm run build` first. No dependencies beyond Node and npm; TypeScript is taken from this
 * repository's node_modules. Set SMOKE_KEEP=1 to keep the temporary project for inspection.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { layers, subpaths } from './entries.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const zodVersion = require(join(root, 'node_modules', 'zod', 'package.json')).version;
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

/** The entries besides the engine (working time and the domains), each with one export a consumer reaches for first. */
const domainExports = {
  time: 'businessCalendar',
  frameworks: 'eightStepsOfService',
  cycles: 'fiveStageCycle',
  complaints: 'createComplaintCase',
  loyalty: 'defineLoyaltyProgram',
  metrics: 'nps',
};
const domains = Object.keys(domainExports);
if (domains.join() !== layers.join()) {
  throw new Error(`domainExports must name one export of each layer entry: ${layers.join(', ')}`);
}
/** The node10 stub folders: one per subpath entry, and the vitest setup file. */
const stubs = [...subpaths, 'vitest/setup'];
const work = mkdtempSync(join(tmpdir(), 'servicecraft-smoke-'));
const consumer = join(work, 'consumer');
let failures = 0;

/** Runs a command; returns its combined output, throws with that output when it fails. */
function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: process.env });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  if (result.error) throw new Error(`${command} could not start: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`${[command, ...args].join(' ')} exited with ${result.status}\n${output}`);
  }
  return output;
}

function step(name, fn) {
  try {
    fn();
    console.log(`PASS ${name}`);
    return true;
  } catch (error) {
    failures += 1;
    console.log(`FAIL ${name}`);
    const text = error instanceof Error ? error.message : String(error);
    console.log(text.replace(/^/gm, '    '));
    return false;
  }
}

function write(file, text) {
  mkdirSync(dirname(join(consumer, file)), { recursive: true });
  writeFileSync(join(consumer, file), `${text.trim()}\n`);
}

// The same small machine in every consumer file: it exercises the fixed core names.
const machineSource = `
const ticket = defineMachine({
  id: 'ticket',
  version: 1,
  initial: 'open',
  context: z.object({ replies: z.number().int().default(0) }),
  events: {
    REPLY: z.object({ at: z.number().int(), text: z.string().min(1) }),
    SOLVE: null,
  },
  states: {
    open: {
      on: {
        REPLY: { target: 'open', update: ({ context }) => ({ replies: context.replies + 1 }) },
        SOLVE: 'solved',
      },
    },
    solved: { type: 'final' },
  },
});
`;

const runtimeChecks = `
const start = initialSnapshot(ticket);
assert.deepStrictEqual(JSON.parse(JSON.stringify(start)), {
  machine: 'ticket',
  version: 1,
  state: 'open',
  context: { replies: 0 },
  status: 'active',
  revision: 0,
});
const replied = transition(ticket, start, { type: 'REPLY', at: 1, text: 'hi' });
assert.equal(replied.ok, true);
assert.equal(replied.snapshot.state, 'open');
assert.deepStrictEqual(replied.snapshot.context, { replies: 1 });
assert.equal(replied.snapshot.revision, 1);
const rejected = transition(ticket, replied.snapshot, { type: 'ESCALATE' });
assert.equal(rejected.ok, false);
assert.equal(rejected.error.code, 'UNKNOWN_EVENT');
assert.equal(typeof rejected.error.message, 'string');
const solved = transition(ticket, replied.snapshot, { type: 'SOLVE' });
assert.equal(solved.ok, true);
assert.equal(solved.snapshot.state, 'solved');
`;

const typedSource = `
${machineSource}
let snapshot = initialSnapshot(ticket);
const result = transition(ticket, snapshot, { type: 'REPLY', at: 1, text: 'hi' });
if (result.ok) snapshot = result.snapshot;
// State names are inferred as a literal union.
const state: 'open' | 'solved' = snapshot.state;
const replies: number = snapshot.context.replies;
const bad = transition(ticket, snapshot, JSON.parse('{"type":"ESCALATE"}'));
const code: string | undefined = bad.ok ? undefined : bad.error.code;

defineMachine({
  id: 'typo',
  version: 1,
  initial: 'a',
  events: { GO: null },
  // @ts-expect-error -- 'c' is not a state of this machine
  states: { a: { on: { GO: 'c' } }, b: { type: 'final' } },
});

export { code, replies, state };
`;

function setUp() {
  if (!existsSync(join(root, 'dist', 'index.js'))) {
    throw new Error('dist/ is missing: run `npm run build` first');
  }
  const packed = JSON.parse(
    run('npm', ['pack', '--json', '--pack-destination', work, '--silent'], root),
  );
  const tarball = join(work, packed[0].filename);
  const files = packed[0].files.map((file) => file.path);
  for (const required of ['package.json', 'LICENSE', 'README.md', 'dist/index.js']) {
    if (!files.includes(required)) throw new Error(`the tarball lacks ${required}`);
  }
  // The stub folders (`testing/package.json`, ...) let `moduleResolution: node10` find subpaths.
  const stray = files.filter(
    (file) =>
      !/^(dist\/|package\.json$|README\.md$|CHANGELOG\.md$|LICENSE$)/.test(file) &&
      !stubs.some((stub) => file === `${stub}/package.json`),
  );
  for (const stub of stubs) {
    if (!files.includes(`${stub}/package.json`))
      throw new Error(`the tarball lacks ${stub}/package.json`);
  }
  if (stray.length > 0) throw new Error(`the tarball has unexpected files: ${stray.join(', ')}`);

  write(
    'package.json',
    JSON.stringify({ name: 'servicecraft-consumer', private: true, type: 'module' }, null, 2),
  );
  run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--no-package-lock',
      '--loglevel=error',
      tarball,
      `zod@${zodVersion}`,
    ],
    consumer,
  );
  const installed = JSON.parse(
    readFileSync(join(consumer, 'node_modules', pkg.name, 'package.json'), 'utf8'),
  );
  if (installed.version !== pkg.version) throw new Error(`installed ${installed.version}`);
  // The optional peers are left out on purpose: `servicecraft/testing` must work without them.
  for (const peer of ['fast-check', 'vitest', 'xstate']) {
    if (existsSync(join(consumer, 'node_modules', peer))) {
      throw new Error(`${peer} was installed, but the smoke test needs a project without it`);
    }
  }
}

const ready = step(`pack ${pkg.name}@${pkg.version} and install it with zod@${zodVersion}`, setUp);

if (ready) {
  write(
    'esm.mjs',
    `
import assert from 'node:assert/strict';
import * as z from 'zod';
import { defineMachine, initialSnapshot, transition } from '${pkg.name}';
${machineSource}
${runtimeChecks}
`,
  );
  write(
    'cjs.cjs',
    `
const assert = require('node:assert/strict');
const z = require('zod');
const { defineMachine, initialSnapshot, transition } = require('${pkg.name}');
assert.equal(require('${pkg.name}/package.json').name, '${pkg.name}');
${machineSource}
${runtimeChecks}
`,
  );
  // Both builds in one process (a dual-package hazard: an ESM app using a CJS dependency that
  // also uses servicecraft). Machines, refusals and errors must cross between them.
  write(
    'dual.mjs',
    `
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as z from 'zod';
import * as esm from '${pkg.name}';
const cjs = createRequire(import.meta.url)('${pkg.name}');
assert.notEqual(esm.transition, cjs.transition, 'two copies are loaded');

// A machine made by the ESM build, driven by the CJS build, refusing from a guard.
const wallet = esm.defineMachine({
  id: 'wallet',
  version: 1,
  initial: 'open',
  context: z.object({ balance: z.number().int().default(0) }),
  events: { PAY: z.object({ amount: z.number().int().positive() }) },
  refusals: { INSUFFICIENT_FUNDS: 'The balance does not cover the payment.' },
  invariants: { nonNegative: ({ context }) => context.balance >= 0 },
  guards: {
    funded: ({ context, event, refuse }) =>
      event.amount === undefined || context.balance >= event.amount ||
      refuse('INSUFFICIENT_FUNDS', 'The balance is ' + context.balance + '.', { balance: context.balance }),
  },
  states: {
    open: {
      on: {
        PAY: {
          target: 'open',
          guard: 'funded',
          update: ({ context, event }) => ({ balance: context.balance - event.amount }),
        },
      },
    },
  },
});
const start = cjs.initialSnapshot(wallet, { balance: 5 });
const paid = cjs.transition(wallet, start, { type: 'PAY', amount: 2 });
assert.equal(paid.ok, true);
assert.equal(paid.snapshot.context.balance, 3);
const refused = cjs.transition(wallet, paid.snapshot, { type: 'PAY', amount: 9 });
assert.equal(refused.ok, false);
assert.equal(refused.error.code, 'REFUSED');
assert.equal(refused.error.reason.code, 'INSUFFICIENT_FUNDS');
assert.deepStrictEqual(refused.error.reason.details, { balance: 3 });
assert.deepStrictEqual(refused.error.allowed, esm.nextEvents(wallet, paid.snapshot));
// A refusal made by one build is recognised by the other.
assert.equal(esm.isRefusal(cjs.refusal('X', 'x')), true);
// Restore in the other build checks the invariants declared in the first.
const edited = { ...paid.snapshot, context: { balance: -1 } };
assert.equal(cjs.restoreSnapshot(wallet, edited).ok, false);

// A machine made by the CJS build, driven by the ESM build; its errors are recognised too.
const esmLoyalty = await import('${pkg.name}/loyalty');
const cjsLoyalty = createRequire(import.meta.url)('${pkg.name}/loyalty');
const program = cjsLoyalty.defineLoyaltyProgram({
  ladder: cjsLoyalty.defineTierLadder({ id: 'dual', qualifyBy: ['points'], tiers: [{ id: 'member' }] }),
});
const member = esm.replayOrThrow(program.machine, [{ type: 'ENROLL', key: 'e1', at: 0 }]);
const redeem = esm.transition(program.machine, member, { type: 'REDEEM', key: 'r1', at: 1, points: 5 });
assert.equal(redeem.ok, false);
assert.equal(redeem.error.reason?.code, 'INSUFFICIENT_POINTS');
assert.equal(esmLoyalty.loyaltyErrorOf(redeem.error)?.code, 'INSUFFICIENT_POINTS');
assert.equal(cjsLoyalty.loyaltyErrorOf(redeem.error)?.code, 'INSUFFICIENT_POINTS');
try {
  esm.transitionOrThrow(program.machine, member, { type: 'REDEEM', key: 'r1', at: 1, points: 5 });
  assert.fail('expected a throw');
} catch (error) {
  assert.equal(cjs.isTransitionError(error), true);
  assert.equal(cjs.isServicecraftError(error), true);
}
`,
  );
  // Each domain entry from ESM, CommonJS and TypeScript (node16, bundler and node10 resolution).
  const domainList = JSON.stringify(domainExports);
  write(
    'domains.mjs',
    `
import assert from 'node:assert/strict';
for (const [entry, name] of Object.entries(${domainList})) {
  const module = await import('${pkg.name}/' + entry);
  assert.notEqual(module[name], undefined, entry + ' exports ' + name);
}
`,
  );
  write(
    'domains.cjs',
    `
const assert = require('node:assert/strict');
for (const [entry, name] of Object.entries(${domainList})) {
  assert.notEqual(require('${pkg.name}/' + entry)[name], undefined, entry + ' exports ' + name);
}
`,
  );
  const domainTypes = Object.entries(domainExports)
    .map(
      ([entry, name]) =>
        `import { ${name} } from '${pkg.name}/${entry}';\nexport const ${entry}Export: unknown = ${name};\n`,
    )
    .join('');
  write('src/domains.ts', domainTypes);
  write('node10/domains.ts', domainTypes);
  // In a `type: module` project a .ts file is ESM and a .cts file is CommonJS under node16.
  write(
    'src/typed.ts',
    `
import * as z from 'zod';
import { defineMachine, initialSnapshot, transition } from '${pkg.name}';
${typedSource}
`,
  );
  write(
    'src/typed-cjs.cts',
    `
import z = require('zod');
import servicecraft = require('${pkg.name}');
const { defineMachine, initialSnapshot, transition } = servicecraft;
${typedSource}
`,
  );
  // skipLibCheck is off so our .d.ts/.d.cts are checked too; zod's declarations need the `URL`
  // type, which consumers get from DOM or @types/node, hence DOM in lib.
  const strictOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    types: [],
    lib: ['ES2022', 'DOM'],
    target: 'ES2022',
  };
  write(
    'tsconfig.node16.json',
    JSON.stringify(
      {
        compilerOptions: { ...strictOptions, module: 'node16', moduleResolution: 'node16' },
        include: ['src/typed.ts', 'src/typed-cjs.cts', 'src/domains.ts'],
      },
      null,
      2,
    ),
  );
  write(
    'tsconfig.bundler.json',
    JSON.stringify(
      {
        compilerOptions: { ...strictOptions, module: 'esnext', moduleResolution: 'bundler' },
        include: ['src/typed.ts', 'src/domains.ts'],
      },
      null,
      2,
    ),
  );

  // servicecraft/testing with none of the optional peers installed (no fast-check, vitest, xstate).
  const testingChecks = `
const paths = shortestPaths(ticket);
assert.deepStrictEqual(paths.paths.map((p) => p.target), ['open', 'solved']);
assert.deepStrictEqual(paths.uncoveredEdges, []);
const cover = transitionCover(ticket);
assert.deepStrictEqual(cover.uncoveredEdges, []);
const report = coverage(ticket, cover.paths.map((p) => p.events));
assert.equal(report.transitions.percent, 100);
assert.equal(checkAccept(ticket, [{ type: 'SOLVE' }]).pass, true);
`;
  write(
    'testing-esm.mjs',
    `
import assert from 'node:assert/strict';
import * as z from 'zod';
import { defineMachine } from '${pkg.name}';
import { checkAccept, coverage, shortestPaths, transitionCover } from '${pkg.name}/testing';
${machineSource}
${testingChecks}
`,
  );
  write(
    'testing-cjs.cjs',
    `
const assert = require('node:assert/strict');
const z = require('zod');
const { defineMachine } = require('${pkg.name}');
const { checkAccept, coverage, shortestPaths, transitionCover } = require('${pkg.name}/testing');
${machineSource}
${testingChecks}
`,
  );
  write(
    'testing-bundle.mjs',
    `
import { checkAccept, coverage, shortestPaths, transitionCover } from '${pkg.name}/testing';
console.log(typeof checkAccept, typeof coverage, typeof shortestPaths, typeof transitionCover);
`,
  );
  const typedTesting = `
${machineSource}
const plan = shortestPaths(ticket);
const targets: readonly ('open' | 'solved')[] = plan.paths.map((p) => p.target);
const percent: number = coverage(ticket, transitionCover(ticket).paths.map((p) => p.events))
  .transitions.percent;
export { percent, targets };
`;
  write(
    'src/testing.ts',
    `
import * as z from 'zod';
import { defineMachine } from '${pkg.name}';
import { coverage, shortestPaths, transitionCover } from '${pkg.name}/testing';
${typedTesting}
`,
  );
  write(
    'src/testing-cjs.cts',
    `
import z = require('zod');
import servicecraft = require('${pkg.name}');
import testing = require('${pkg.name}/testing');
const { defineMachine } = servicecraft;
const { coverage, shortestPaths, transitionCover } = testing;
${typedTesting}
`,
  );
  // \`module: commonjs\` projects resolve with node10, which ignores \`exports\`.
  write(
    'node10/testing.ts',
    `
import * as z from 'zod';
import { defineMachine } from '${pkg.name}';
import { coverage, shortestPaths, transitionCover } from '${pkg.name}/testing';
${typedTesting}
`,
  );
  write(
    'tsconfig.testing-node16.json',
    JSON.stringify(
      {
        compilerOptions: { ...strictOptions, module: 'node16', moduleResolution: 'node16' },
        include: ['src/testing.ts', 'src/testing-cjs.cts'],
      },
      null,
      2,
    ),
  );
  write(
    'tsconfig.testing-bundler.json',
    JSON.stringify(
      {
        compilerOptions: { ...strictOptions, module: 'esnext', moduleResolution: 'bundler' },
        include: ['src/testing.ts'],
      },
      null,
      2,
    ),
  );
  write(
    'tsconfig.testing-node10.json',
    JSON.stringify(
      {
        compilerOptions: {
          ...strictOptions,
          module: 'commonjs',
          moduleResolution: 'node10',
          esModuleInterop: true,
        },
        include: ['node10/testing.ts', 'node10/domains.ts'],
      },
      null,
      2,
    ),
  );

  step('ESM: node imports the package', () => run(process.execPath, ['esm.mjs'], consumer));
  step('CJS: node requires the package', () => run(process.execPath, ['cjs.cjs'], consumer));
  step(`domain entries (${domains.join(', ')}): ESM imports and CJS requires each`, () => {
    run(process.execPath, ['domains.mjs'], consumer);
    run(process.execPath, ['domains.cjs'], consumer);
  });
  step('ESM and CJS builds together: machines and refusals cross between them', () =>
    run(process.execPath, ['dual.mjs'], consumer),
  );
  step('types: tsc under module/moduleResolution node16 (ESM .ts and CJS .cts)', () =>
    run(process.execPath, [tsc, '-p', 'tsconfig.node16.json'], consumer),
  );
  step('types: tsc under module esnext + moduleResolution bundler', () =>
    run(process.execPath, [tsc, '-p', 'tsconfig.bundler.json'], consumer),
  );
  step('testing without optional peers: ESM imports servicecraft/testing', () =>
    run(process.execPath, ['testing-esm.mjs'], consumer),
  );
  step('testing without optional peers: CJS requires servicecraft/testing', () =>
    run(process.execPath, ['testing-cjs.cjs'], consumer),
  );
  step('testing without optional peers: esbuild bundles servicecraft/testing', () => {
    const esbuild = require(join(root, 'node_modules', 'esbuild'));
    esbuild.buildSync({
      absWorkingDir: consumer,
      entryPoints: ['testing-bundle.mjs'],
      bundle: true,
      platform: 'neutral',
      mainFields: ['module', 'main'],
      outfile: 'bundle/testing.js',
      logLevel: 'silent',
    });
    run(process.execPath, ['bundle/testing.js'], consumer);
  });
  step('testing without optional peers: tsc node16 (ESM .ts and CJS .cts)', () =>
    run(process.execPath, [tsc, '-p', 'tsconfig.testing-node16.json'], consumer),
  );
  step('testing without optional peers: tsc bundler', () =>
    run(process.execPath, [tsc, '-p', 'tsconfig.testing-bundler.json'], consumer),
  );
  step('testing without optional peers: tsc module commonjs + moduleResolution node10', () =>
    run(process.execPath, [tsc, '-p', 'tsconfig.testing-node10.json'], consumer),
  );
}

if (process.env.SMOKE_KEEP === '1') console.log(`kept ${work}`);
else rmSync(work, { recursive: true, force: true });

console.log(failures === 0 ? 'smoke: PASS' : `smoke: FAIL (${failures} failed)`);
process.exitCode = failures === 0 ? 0 : 1;
