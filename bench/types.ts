/**
 * (f) Type-checking cost: `tsc --extendedDiagnostics` instantiation counts for a consumer file that
 * defines and uses the 9-state machine, against the built `.d.ts` (as a user would see it), next to
 * the same machine in XState v5, and for a file that uses each exported preset. Each is reported as
 * the file's total and the part above a file that only imports the library.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Section, table } from './harness.js';
import { stepTable } from './steps.js';

const root = join(import.meta.dirname, '..');
const dir = join(root, '.tmp', 'bench-types');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

/** The benchmark machine's states as source text, from the shared table. */
const statesSource = Object.entries(stepTable)
  .map(([state, on]) => `    ${state}: { on: ${JSON.stringify(on).replaceAll('"', "'")} },`)
  .join('\n');

const ours = `import { defineMachine, initialSnapshot, transition } from 'servicecraft';
export const steps = defineMachine({
  id: 'steps', version: 1, initial: 'approach',
  events: { NEXT: null, SKIP: null, RESTART: null },
  states: {
${statesSource}
  },
});
let snapshot = initialSnapshot(steps);
const result = transition(steps, snapshot, { type: 'NEXT' });
if (result.ok) snapshot = result.snapshot;
export const state: 'approach' | 'done' | (string & {}) = snapshot.state;
`;

const xstate = `import { createActor, setup } from 'xstate';
export const steps = setup({ types: {} as { events: { type: 'NEXT' } | { type: 'SKIP' } | { type: 'RESTART' } } }).createMachine({
  id: 'steps', initial: 'approach',
  states: {
${statesSource}
  },
});
const actor = createActor(steps).start();
actor.send({ type: 'NEXT' });
export const state = actor.getSnapshot().value;
`;

/** The same machine with a zod context, zod payloads and an update on every step (as users write them). */
const updatesSource = Object.entries(stepTable)
  .map(([state, on]) => {
    const entries = Object.entries(on as Record<string, string>).map(([event, target]) =>
      event === 'NEXT'
        ? `NEXT: { target: '${target}', update: ({ context, event }) => ({ n: context.n + 1, last: event.at }) }`
        : `${event}: '${target}'`,
    );
    return `    ${state}: { on: { ${entries.join(', ')} } },`;
  })
  .join('\n');

const oursZod = `import * as z from 'zod';
import { defineMachine, initialSnapshot, transition } from 'servicecraft';
export const steps = defineMachine({
  id: 'steps', version: 1, initial: 'approach',
  context: z.object({ n: z.number().int().nonnegative().default(0), last: z.number().int().default(0) }),
  events: {
    NEXT: z.object({ at: z.number().int().nonnegative(), actor: z.string().min(1).optional() }),
    SKIP: z.object({ at: z.number().int().nonnegative() }),
    RESTART: null,
  },
  states: {
${updatesSource}
  },
});
let snapshot = initialSnapshot(steps);
const result = transition(steps, snapshot, { type: 'NEXT', at: 1 });
if (result.ok) snapshot = result.snapshot;
export const n: number = snapshot.context.n;
`;

const zodOnly = `import * as z from 'zod';
export * as sc from 'servicecraft';
export const c = z.object({ n: z.number().int().nonnegative().default(0), last: z.number().int().default(0) });
export const a = z.object({ at: z.number().int().nonnegative(), actor: z.string().min(1).optional() });
export const b = z.object({ at: z.number().int().nonnegative() });
`;

function instantiations(name: string, code: string): number {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.ts`), code);
  writeFileSync(
    join(dir, `tsconfig.${name}.json`),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'bundler',
        skipLibCheck: true,
        noEmit: true,
        types: [],
        paths: { servicecraft: [join(root, 'dist', 'index.d.ts')] },
      },
      files: [`${name}.ts`],
    }),
  );
  const out = execFileSync(
    process.execPath,
    [tsc, '-p', join(dir, `tsconfig.${name}.json`), '--extendedDiagnostics'],
    {
      encoding: 'utf8',
    },
  );
  const match = /Instantiations:\s+(\d+)/.exec(out);
  if (!match) throw new Error(`no instantiation count in tsc output:\n${out}`);
  return Number(match[1]);
}

/** Whether an export is a machine (the same test the API docs use to draw a preset's diagram). */
function isMachine(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as { edges?: unknown }).edges) &&
    typeof (value as { definition?: unknown }).definition === 'object'
  );
}

/**
 * Every preset the package exports (a machine, or an object carrying one as `machine`, such as a
 * framework), read from the built package so a new preset gets a row without editing this file.
 */
async function presets(): Promise<{ name: string; access: string }[]> {
  const lib = (await import(pathToFileURL(join(root, 'dist', 'index.js')).href)) as Record<
    string,
    unknown
  >;
  return Object.entries(lib)
    .flatMap(([name, value]) =>
      isMachine(value)
        ? [{ name, access: name }]
        : isMachine((value as { machine?: unknown } | null)?.machine)
          ? [{ name, access: `${name}.machine` }]
          : [],
    )
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * A consumer file that uses a preset the way an app does: an initial snapshot, one transition
 * with an event of the preset's input type, the next state read back.
 */
function presetSource(name: string, access: string): string {
  return `import { ${name}, initialSnapshot, transition, type EventInputFrom } from 'servicecraft';
const machine = ${access};
declare const event: EventInputFrom<typeof machine>;
let snapshot = initialSnapshot(machine);
const result = transition(machine, snapshot, event);
if (result.ok) snapshot = result.snapshot;
export const state: string = snapshot.state;
`;
}

export async function run(): Promise<Section> {
  if (!existsSync(join(root, 'dist', 'index.d.ts'))) {
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
  }
  const oursTotal = instantiations('ours', ours);
  const oursBase = instantiations('ours-import', "export * as sc from 'servicecraft';\n");
  const zodTotal = instantiations('ours-zod', oursZod);
  const zodBase = instantiations('ours-zod-import', zodOnly);
  const xTotal = instantiations('xstate', xstate);
  const xBase = instantiations('xstate-import', "export * as x from 'xstate';\n");
  const presetRows: (string | number)[][] = [];
  for (const { name, access } of await presets()) {
    const total = instantiations(`preset-${name}`, presetSource(name, access));
    presetRows.push([
      `servicecraft preset \`${name}\` (snapshot + one transition)`,
      total,
      oursBase,
      total - oursBase,
    ]);
  }
  return {
    title: 'Type-checking cost (f)',
    body: [
      'Type instantiations reported by `tsc --extendedDiagnostics` (skipLibCheck, as a consumer).',
      '',
      table(
        ['library', 'consumer file total', 'import only', 'the machine itself'],
        [
          ['servicecraft, no schemas', oursTotal, oursBase, oursTotal - oursBase],
          [
            'servicecraft, zod context + payloads + 9 updates (import-only file also builds the same zod schemas)',
            zodTotal,
            zodBase,
            zodTotal - zodBase,
          ],
          ['XState v5 (setup + createMachine)', xTotal, xBase, xTotal - xBase],
          ...presetRows,
        ],
      ),
    ].join('\n'),
  };
}
