// The entries of servicecraft's testing tools, one per optional peer, and how they resolve.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { iso10002Lifecycle } from '../../src/complaints/index.js';
import { defineFramework, ritzThreeSteps } from '../../src/frameworks/index.js';
import { isServicecraftError, UsageError } from '../../src/index.js';
import { defineLoyaltyProgram, defineTierLadder } from '../../src/loyalty/index.js';
import {
  checkAccept,
  checkConformance,
  checkReject,
  coverage,
  formatCoverage,
  shortestPaths,
  simplePaths,
  transitionCover,
} from '../../src/testing/index.js';
import { root } from '../support/code-blocks.js';
import { door } from './machines.js';

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Every module a source file loads, transitively: relative ones followed, bare ones listed. */
function importsOf(file: string, seen = new Set<string>()): Set<string> {
  const bare = new Set<string>();
  if (seen.has(file)) return bare;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  // Runtime imports only: `import type` and `export type` load nothing.
  for (const match of text.matchAll(/^(?:import|export)(?!\s+type\b)[^;]*?from\s+'([^']+)'/gms)) {
    const spec = match[1] as string;
    if (spec.startsWith('.')) {
      for (const found of importsOf(join(dirname(file), spec.replace(/\.js$/, '.ts')), seen))
        bare.add(found);
    } else bare.add(spec);
  }
  return bare;
}

describe('entries by peer', () => {
  it('regression: servicecraft/testing loads none of fast-check, vitest, xstate', () => {
    const loaded = importsOf(join(root, 'src', 'testing', 'index.ts'));
    expect([...loaded].filter((spec) => /^(fast-check|vitest|xstate)/.test(spec))).toEqual([]);
  });

  it.each([
    ['vitest/index', []],
    ['vitest/setup', ['vitest']],
    ['fast-check/index', ['fast-check']],
    ['xstate/index', []],
  ])('%s loads no optional peer but its own (types aside)', (entry, peers) => {
    const loaded = [...importsOf(join(root, 'src', `${entry}.ts`))].filter((spec) =>
      /^(fast-check|vitest|xstate)/.test(spec),
    );
    expect(loaded).toEqual(peers);
  });

  it('regression: every entry has an export and a node10 stub folder pointing at the same files', () => {
    for (const [entry, file] of [
      ['testing', 'testing/index'],
      ['vitest', 'vitest/index'],
      ['vitest/setup', 'vitest/setup'],
      ['fast-check', 'fast-check/index'],
      ['xstate', 'xstate/index'],
    ] as const) {
      expect(pkg.exports[`./${entry}`]).toEqual({
        import: { types: `./dist/${file}.d.ts`, default: `./dist/${file}.js` },
        require: { types: `./dist/${file}.d.cts`, default: `./dist/${file}.cjs` },
      });
      const stub = JSON.parse(readFileSync(join(root, entry, 'package.json'), 'utf8'));
      const up = relative(join(root, entry), root).split('\\').join('/');
      expect(stub.types).toBe(`${up}/dist/${file}.d.cts`);
      expect(stub.main).toBe(`${up}/dist/${file}.cjs`);
      expect(pkg.files).toContain(`${entry}/package.json`);
    }
    expect(pkg.scripts.attw).toContain('--profile strict');
    for (const peer of ['fast-check', 'vitest', 'xstate'])
      expect(pkg.peerDependenciesMeta[peer]).toEqual({ optional: true });
  });
});

describe('matcher types', () => {
  it('regression: "types": ["servicecraft/vitest"] types the matchers in files that import nothing from it', () => {
    // A package named servicecraft whose ./vitest types are the sources, next to a test file
    // that only uses `expect` (the matchers being registered by a setup file).
    const dir = join(root, '.tmp', 'matcher-types');
    rmSync(dir, { recursive: true, force: true });
    const pkgDir = join(dir, 'node_modules', 'servicecraft');
    mkdirSync(pkgDir, { recursive: true });
    const source = relative(pkgDir, join(root, 'src', 'vitest', 'index.js'))
      .split('\\')
      .join('/');
    writeFileSync(
      join(pkgDir, 'package.json'),
      JSON.stringify({ name: 'servicecraft', exports: { './vitest': { types: './vitest.d.ts' } } }),
    );
    writeFileSync(join(pkgDir, 'vitest.d.ts'), `export * from '${source}';\n`);
    const fixtures = relative(dir, join(root, 'test', 'testing', 'machines.js'))
      .split('\\')
      .join('/');
    const file = join(dir, 'uses-matchers.ts');
    writeFileSync(
      file,
      `import { expect } from 'vitest';\nimport { door } from '${fixtures}';\nexpect(door).toAccept([{ type: 'OPEN' }]);\n// @ts-expect-error not an event of the door\nexpect(door).toAccept([{ type: 'NOPE' }]);\n`,
    );
    const options: ts.CompilerOptions = {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      module: ts.ModuleKind.Node16,
      moduleResolution: ts.ModuleResolutionKind.Node16,
      target: ts.ScriptTarget.ES2022,
      types: ['servicecraft/vitest'],
    };
    // `types` entries resolve from the project directory, as they would in a consumer's project.
    const host = ts.createCompilerHost(options);
    host.getCurrentDirectory = () => dir;
    const program = ts.createProgram({ rootNames: [file], options, host });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file?.fileName === file || d.file === undefined)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(problems).toEqual([]);
    expect(existsSync(join(root, 'src', 'vitest', 'setup.ts'))).toBe(true);
  }, 120_000);

  it('the setup entry registers the matchers', async () => {
    await import('../../src/vitest/setup.js');
    expect(door).toAccept([{ type: 'OPEN' }]);
    expect(door).toReject({ type: 'CLOSE' }, 'EVENT_NOT_ALLOWED');
  });
});

/** A framework with no qualities: its QUALITY event declares `quality: z.never()`. */
const desk = defineFramework({
  id: 'helpDesk',
  name: 'Help desk',
  source: 'In-house checklist',
  steps: [
    { id: 'greet', description: 'Greet by name.' },
    { id: 'verify', description: 'Check identity.', mandatory: false },
    {
      id: 'resolve',
      description: 'Fix it.',
      maxTimes: 2,
      outcomes: { fixed: 'end', notFixed: 'verify' },
    },
  ],
});

describe('frameworks without qualities', () => {
  it('regression: shortestPaths, transitionCover and simplePaths work with no samples', () => {
    expect(() => shortestPaths(desk.machine)).not.toThrow();
    expect(() => simplePaths(desk.machine, { maxLength: 4 })).not.toThrow();
    const plan = transitionCover(desk.machine);
    expect(plan.uncoveredEdges).toEqual([]);
    expect(plan.unreachedStates).toEqual([]);
    expect(plan.impossibleEdges.length).toBeGreaterThan(0);
    for (const edge of plan.impossibleEdges) {
      expect(edge.event).toBe('QUALITY');
      expect(edge.reason).toMatch(/can never be sent: its payload schema accepts no value/);
    }
    const report = coverage(
      desk.machine,
      plan.paths.map((p) => p.events),
    );
    expect(report.transitions.never.every((e) => e.event === 'QUALITY')).toBe(true);
  });

  it('regression: with samples: { QUALITY: [] } the QUALITY edges are impossible, not unexplained', () => {
    const plan = transitionCover(desk.machine, { samples: { QUALITY: [] } });
    expect(plan.uncoveredEdges).toEqual([]);
    expect(plan.impossibleEdges.every((e) => e.event === 'QUALITY')).toBe(true);
  });
});

describe('simplePaths', () => {
  it('regression: no two paths take the same steps (payload-only variants are one path)', () => {
    for (const machine of [ritzThreeSteps.machine, desk.machine, iso10002Lifecycle]) {
      const texts = simplePaths(machine, { maxLength: 5 }).paths.map((p) => p.description);
      expect(texts.length).toBeGreaterThan(0);
      expect(new Set(texts).size).toBe(texts.length);
    }
    // The ISO 10002 search is long on a loaded machine (see test/testing/paths.test.ts).
  }, 60_000);
});

describe('derived samples', () => {
  it('regression: transitionCover(iso10002Lifecycle) reaches awaitingApproval with no samples', () => {
    const plan = transitionCover(iso10002Lifecycle);
    expect(plan.unreachedStates).toEqual([]);
    expect(plan.paths.some((p) => p.steps.some((s) => s.to === 'awaitingApproval'))).toBe(true);
  }, 60_000);

  it('regression: derived loyalty commands get a fresh key and a later `at` on every step', () => {
    const program = defineLoyaltyProgram({
      ladder: defineTierLadder({
        id: 'entries',
        qualifyBy: ['points'],
        tiers: [{ id: 'green' }, { id: 'gold', threshold: { points: 100 } }],
      }),
    });
    const plan = transitionCover(program.machine);
    expect(plan.uncoveredEdges.filter((e) => e.reason.includes('KEY_REUSED'))).toEqual([]);
    // A key is new, or the whole command is sent again unchanged (a retry); new commands move
    // the clock forward.
    for (const path of plan.paths) {
      const sent = new Map<string, string>();
      let clock = Number.NEGATIVE_INFINITY;
      for (const event of path.events as readonly { key: string; at: number }[]) {
        const earlier = sent.get(event.key);
        if (earlier !== undefined) {
          expect(JSON.stringify(event)).toBe(earlier);
          continue;
        }
        sent.set(event.key, JSON.stringify(event));
        expect(event.at).toBeGreaterThan(clock);
        clock = event.at;
      }
    }
  }, 60_000);
});

describe('messages', () => {
  it('regression: number events and logs from 1', () => {
    expect(checkAccept(door, [{ type: 'OPEN' }, { type: 'OPEN' }]).message).toContain(
      'event #2 (OPEN)',
    );
    expect(checkReject(door, [{ type: 'OPEN' }, { type: 'OPEN' }]).message).toContain(
      'event #2 (OPEN)',
    );
    expect(formatCoverage(coverage(door, [[{ type: 'CLOSE' }]]))).toContain(
      'refused: log #1, event #1:',
    );
  });

  it('regression: checkConformance with its arguments swapped is a UsageError, not pass: false', () => {
    const record = {
      framework: 'ritzThreeSteps',
      events: [{ kind: 'step', id: 'greeting', at: 0 }],
    };
    const swapped = () => checkConformance(record as never, ritzThreeSteps as never);
    expect(swapped).toThrow(UsageError);
    expect(swapped).toThrow(/arguments are swapped/);
    try {
      swapped();
    } catch (error) {
      expect(isServicecraftError(error)).toBe(true);
    }
    expect(() => checkConformance(42 as never, record)).toThrow(/expects a framework/);
  });
});
