import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  defineMachine,
  initialSnapshot,
  restoreSnapshot,
  restoreSnapshotOrThrow,
  SnapshotError,
  transition,
  transitionOrThrow,
} from '../../src/index.js';
import { steps, ticket } from './fixtures.js';

const stored = () => ({
  machine: 'ticket',
  version: 2,
  state: 'open',
  context: { replies: 1, assignee: 'ana' },
  status: 'active',
  revision: 3,
});

/** Restores a value expected to fail and returns the problems as `path: message` lines. */
function problems(value: unknown): string[] {
  const result = restoreSnapshot(ticket, value);
  if (result.ok) throw new Error('expected a rejection');
  expect(result.error.code).toBe('INVALID_SNAPSHOT');
  expect(result.error.message.startsWith("Cannot restore a snapshot of machine 'ticket': ")).toBe(
    true,
  );
  return result.error.problems.map((p) => `${p.path.join('.')}: ${p.message}`);
}

describe('restoreSnapshot', () => {
  it('round-trips a snapshot through JSON into a fresh object', () => {
    const snapshot = transitionOrThrow(ticket, initialSnapshot(ticket), {
      type: 'ASSIGN',
      agent: 'ana',
    });
    const parsed = JSON.parse(JSON.stringify(snapshot));
    const result = restoreSnapshot(ticket, parsed);
    expect(result).toEqual({ ok: true, snapshot, migratedFrom: undefined });
    if (result.ok) expect(result.snapshot.context).not.toBe(parsed.context);
  });

  it('migrates an older version through the declared chain', () => {
    expect(
      restoreSnapshot(ticket, {
        machine: 'ticket',
        version: 1,
        state: 'pending',
        context: { replies: 4 },
        status: 'active',
        revision: 7,
      }),
    ).toEqual({
      ok: true,
      snapshot: {
        machine: 'ticket',
        version: 2,
        state: 'open',
        context: { replies: 4, assignee: null },
        status: 'active',
        revision: 7,
      },
      migratedFrom: 1,
    });
  });

  it('rejects a foreign machine before anything else', () => {
    expect(problems({ ...stored(), machine: 'steps' })).toEqual([
      "machine: belongs to 'steps', expected 'ticket'",
    ]);
  });

  it('rejects newer, missing or malformed versions', () => {
    expect(problems({ ...stored(), version: 3 })).toEqual([
      "version: version 3 is newer than the machine's version 2",
    ]);
    expect(problems({ ...stored(), version: 1.5 })).toEqual([
      'version: expected a positive integer, received 1.5',
    ]);
    expect(problems({ ...stored(), version: '2' })).toEqual([
      'version: expected a positive integer, received "2"',
    ]);
  });

  it('lists every problem at once: extra keys, unknown state, wrong status, bad context', () => {
    expect(
      problems({
        ...stored(),
        state: 'limbo',
        status: 'paused',
        context: { replies: -1, assignee: 'a' },
        extra: 1,
      }),
    ).toEqual([
      'extra: unexpected key',
      "state: 'limbo' is not a state of this machine",
      'context: fails the context schema (replies: Too small: expected number to be >=0)',
    ]);
    expect(problems({ ...stored(), status: 'done' })).toEqual([
      "status: expected 'active' for state 'open', received \"done\"",
    ]);
    expect(problems({ ...stored(), state: 'closed' })).toEqual([
      "status: expected 'done' for state 'closed', received \"active\"",
    ]);
  });

  it('requires a non-negative integer revision and keeps it', () => {
    expect(restoreSnapshot(ticket, stored())).toMatchObject({
      ok: true,
      snapshot: { revision: 3 },
    });
    const { revision: _r, ...withoutRevision } = stored();
    expect(problems(withoutRevision)).toEqual([
      'revision: expected a non-negative integer, received undefined',
    ]);
    for (const [bad, shown] of [
      [-1, '-1'],
      [1.5, '1.5'],
      ['3', '"3"'],
      [Number.MAX_SAFE_INTEGER + 1, String(Number.MAX_SAFE_INTEGER + 1)],
    ] as const) {
      expect(problems({ ...stored(), revision: bad })).toEqual([
        `revision: expected a non-negative integer, received ${shown}`,
      ]);
    }
  });

  it('returns the zod issues of a bad context', () => {
    const result = restoreSnapshot(ticket, { ...stored(), context: { replies: 'many' } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.issues.map((i) => i.path)).toEqual([['replies']]);
  });

  it.each([
    [
      '__proto__',
      '{"machine":"ticket","version":2,"state":"open","context":{"replies":1,"__proto__":{"isAdmin":true}},"status":"active","revision":0}',
    ],
    [
      'constructor',
      '{"machine":"ticket","version":2,"state":"open","context":{"replies":1,"constructor":{"prototype":{}}},"status":"active","revision":0}',
    ],
    [
      'constructor',
      '{"machine":"ticket","version":2,"state":"open","context":{"a":[{"constructor":[]}]},"status":"active","revision":0}',
    ],
  ])('rejects the prototype-polluting key %s at any depth', (key, json) => {
    const lines = problems(JSON.parse(json));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`the key '${key}' is not allowed (prototype pollution)`);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('rejects values that are not plain JSON', () => {
    expect(problems(null)).toEqual([': expected a plain object']);
    expect(problems('{}')).toEqual([': expected a plain object']);
    expect(problems(new Map())).toEqual([': expected a plain object']);
    expect(problems({ ...stored(), context: { replies: Number.NaN } })).toEqual([
      'context.replies: NaN is not a JSON number',
    ]);
    expect(problems({ ...stored(), context: { at: new Date(0) } })).toEqual([
      'context.at: a class instance is not plain JSON',
    ]);
    expect(problems({ ...stored(), context: { f: () => 1 } })).toEqual([
      'context.f: a function is not plain JSON',
    ]);
    const deep: Record<string, unknown> = {};
    let cursor = deep;
    for (let i = 0; i < 70; i++) cursor = cursor.x = {} as Record<string, unknown>;
    expect(problems({ ...stored(), context: deep })[0]).toContain('nested more than 64 levels');
  });

  it('reports a missing or throwing migration, and a state that is not a name', () => {
    const v3 = defineMachine({
      id: 'ticket',
      version: 3,
      initial: 'open',
      events: { GO: null },
      states: { open: { on: { GO: 'done' } }, done: { type: 'final' } },
      migrations: {
        1: () => {
          throw new Error('v1 had no owner');
        },
      },
    });
    const at = (version: number, state: unknown = 'open') =>
      restoreSnapshot(v3, {
        machine: 'ticket',
        version,
        state,
        context: {},
        status: 'active',
        revision: 0,
      });
    const lines = (r: ReturnType<typeof at>) =>
      r.ok ? [] : r.error.problems.map((p) => `${p.path.join('.')}: ${p.message}`);
    expect(lines(at(1))).toEqual(['version: the migration from version 1 threw (v1 had no owner)']);
    expect(lines(at(2))).toEqual(['version: no migration from version 2 to 3']);
    expect(lines(at(2, 7))).toEqual([
      'state: expected a state name, received 7',
      'state: 7 is not a state of this machine',
    ]);
  });

  it('checks the empty context of a machine without a context schema', () => {
    const ok = restoreSnapshot(steps, {
      machine: 'steps',
      version: 1,
      state: 'present',
      context: {},
      status: 'active',
      revision: 0,
    });
    expect(ok.ok).toBe(true);
    const bad = restoreSnapshot(steps, {
      machine: 'steps',
      version: 1,
      state: 'present',
      context: { x: 1 },
      status: 'active',
      revision: 0,
    });
    expect(bad.ok ? [] : bad.error.problems).toEqual([
      { path: ['context'], message: 'this machine has no context; expected {}' },
    ]);
  });

  it('restoreSnapshotOrThrow throws a SnapshotError', () => {
    expect(restoreSnapshotOrThrow(ticket, stored()).state).toBe('open');
    expect(() => restoreSnapshotOrThrow(ticket, { ...stored(), state: 'x' })).toThrow(
      SnapshotError,
    );
  });
});

describe('restoreSnapshot across a migration into a final state', () => {
  it('takes the status from the migrated state, still rejecting a stored status that is not one', () => {
    const v2 = defineMachine({
      id: 'order',
      version: 2,
      initial: 'open',
      events: { SHIP: null },
      states: { open: { on: { SHIP: 'shipped' } }, shipped: { type: 'final' } },
      migrations: {
        1: ({ state, context }) => ({ state: state === 'sent' ? 'shipped' : state, context }),
      },
    });
    const old = {
      machine: 'order',
      version: 1,
      state: 'sent',
      context: {},
      status: 'active',
      revision: 5,
    };
    expect(restoreSnapshot(v2, old)).toEqual({
      ok: true,
      // The migration keeps the revision.
      snapshot: {
        machine: 'order',
        version: 2,
        state: 'shipped',
        context: {},
        status: 'done',
        revision: 5,
      },
      migratedFrom: 1,
    });
    const bad = restoreSnapshot(v2, { ...old, status: 'paused' });
    expect(bad.ok ? [] : bad.error.problems).toEqual([
      { path: ['status'], message: `expected 'active' or 'done', received "paused"` },
    ]);
  });
});

describe('user-keyed data round-trips through restore (regression)', () => {
  const words = defineMachine({
    id: 'words',
    version: 1,
    initial: 'counting',
    context: z.object({ counts: z.record(z.string(), z.number()).default({}) }),
    events: { ADD: z.object({ word: z.string() }) },
    states: {
      counting: {
        on: {
          ADD: {
            target: 'counting',
            update: ({ context, event }) => ({
              counts: {
                ...context.counts,
                [event.word]:
                  (Object.hasOwn(context.counts, event.word)
                    ? (context.counts[event.word] ?? 0)
                    : 0) + 1,
              },
            }),
          },
        },
      },
    },
  });

  it("a record keyed 'constructor' or 'prototype' (as a word count is) restores", () => {
    for (const word of ['constructor', 'prototype', 'toString', 'hasOwnProperty']) {
      const done = transition(words, initialSnapshot(words), { type: 'ADD', word });
      expect(done.ok).toBe(true);
      if (!done.ok) continue;
      const restored = restoreSnapshot(words, JSON.parse(JSON.stringify(done.snapshot)));
      expect(restored.ok, word).toBe(true);
      if (restored.ok) expect(restored.snapshot).toEqual(done.snapshot);
    }
  });

  it('property: every snapshot transition makes from any words but __proto__ restores equal', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string(),
            fc.constantFrom('constructor', 'prototype', 'toString', 'valueOf', '__proto__'),
          ),
          { maxLength: 12 },
        ),
        (list) => {
          let snap = initialSnapshot(words);
          for (const word of list.filter((w) => w !== '__proto__')) {
            const r = transition(words, snap, { type: 'ADD', word });
            expect(r.ok).toBe(true);
            if (r.ok) snap = r.snapshot;
          }
          const restored = restoreSnapshot(words, JSON.parse(JSON.stringify(snap)));
          expect(restored.ok).toBe(true);
          if (restored.ok) expect(restored.snapshot).toEqual(snap);
        },
      ),
    );
  });
});
