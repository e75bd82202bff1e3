import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fiveStageCycle, fourStageCycle, unexpectedDemandFlow } from '../../src/cycles/index.js';
import {
  type AnyFramework,
  eightStepsOfService,
  ritzThreeSteps,
  tenStepsOfService,
} from '../../src/frameworks/index.js';
import {
  type AnyMachine,
  can,
  createFlow,
  initialSnapshot,
  replayOrThrow,
  restoreSnapshot,
  type Snapshot,
  type TransitionErrorCode,
  transition,
} from '../../src/index.js';

// Hostile pieces of JSON text, built once: JSON.parse turns them into the values a caller could
// receive from a network or a file.
const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
const deepObject = `${'{"a":'.repeat(10_000)}0${'}'.repeat(10_000)}`;
const megabyte = JSON.stringify('x'.repeat(1_000_000));
const numbers = [
  '1e308',
  '-1e308',
  '1e400',
  '-1',
  '-0',
  '0.5',
  '1.5e3',
  '9007199254740993',
  '4102444800000',
  '0',
];
const values = [...numbers, deep, deepObject, megabyte, 'null', 'true', '"x"', '{}', '[]'];

const codes: ReadonlySet<TransitionErrorCode> = new Set([
  'UNKNOWN_EVENT',
  'INVALID_PAYLOAD',
  'EVENT_NOT_ALLOWED',
  'GUARD_REJECTED',
  'REFUSED',
  'FINAL_STATE',
  'INVALID_SNAPSHOT',
  'UPDATE_FAILED',
]);

interface Subject {
  readonly machine: AnyMachine;
  /** Some reachable snapshots to send the hostile events to. */
  readonly snapshots: readonly Snapshot[];
  /** Event types and field names worth mixing into the hostile events. */
  readonly types: readonly string[];
  readonly fields: readonly string[];
}

function frameworkSubject(framework: AnyFramework, path: readonly string[]): Subject {
  const m = framework.machine;
  const snapshots: Snapshot[] = [initialSnapshot(m) as Snapshot];
  for (let n = 1; n <= path.length; n++) {
    snapshots.push(
      replayOrThrow(m, path.slice(0, n).map((type, i) => ({ type, at: i * 1_000 })) as never),
    );
  }
  return {
    machine: m,
    snapshots,
    types: [...m.events],
    fields: ['at', 'actor', 'channel', 'note', 'quality'],
  };
}

const subjects: [string, Subject][] = [
  [
    'eightStepsOfService',
    frameworkSubject(eightStepsOfService as unknown as AnyFramework, [
      'approach',
      'determineNeeds',
      'present',
      'close',
    ]),
  ],
  [
    'tenStepsOfService',
    frameworkSubject(tenStepsOfService as unknown as AnyFramework, ['welcome', 'acknowledgment']),
  ],
  [
    'ritzThreeSteps',
    frameworkSubject(ritzThreeSteps as unknown as AnyFramework, ['greeting', 'anticipation']),
  ],
  [
    'fourStageCycle',
    frameworkSubject(fourStageCycle as unknown as AnyFramework, ['receiving', 'understanding']),
  ],
  [
    'fiveStageCycle',
    frameworkSubject(fiveStageCycle as unknown as AnyFramework, [
      'welcoming',
      'understanding',
      'agreeing',
    ]),
  ],
  [
    'unexpectedDemandFlow',
    {
      machine: unexpectedDemandFlow,
      snapshots: [
        initialSnapshot(unexpectedDemandFlow),
        replayOrThrow(unexpectedDemandFlow, [{ type: 'RESPOND_NOW', at: 1_000, actor: 'lee' }]),
        replayOrThrow(unexpectedDemandFlow, [{ type: 'CANNOT_RESPOND', at: 1_000 }]),
      ],
      types: [...unexpectedDemandFlow.events],
      fields: ['at', 'actor', 'channel', 'note'],
    },
  ],
];

/**
 * A hostile event as a small recipe (so a failing case prints short): an optional `type` and
 * fields, each value an index into `values`; or a whole value; or a `__proto__`-carrying event.
 */
type Recipe =
  | { readonly kind: 'object'; readonly type?: Piece; readonly fields: readonly [string, Piece][] }
  | { readonly kind: 'value'; readonly value: number }
  | { readonly kind: 'proto'; readonly type: string };
type Piece = { readonly known: string } | { readonly value: number };

function recipe(subject: Subject): fc.Arbitrary<Recipe> {
  const piece = (known: readonly string[]): fc.Arbitrary<Piece> =>
    fc.oneof(
      fc.constantFrom(...known).map((k) => ({ known: k })),
      fc.nat(values.length - 1).map((value) => ({ value })),
    );
  const key = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...subject.fields) },
    { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'type') },
  );
  return fc.oneof(
    {
      weight: 8,
      arbitrary: fc.record(
        {
          kind: fc.constant('object' as const),
          type: piece(subject.types),
          fields: fc.array(fc.tuple(key, piece(['lee', 'activeListening'])), { maxLength: 5 }),
        },
        { requiredKeys: ['kind', 'fields'] },
      ),
    },
    {
      weight: 1,
      arbitrary: fc.nat(values.length - 1).map((value) => ({ kind: 'value' as const, value })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...subject.types)
        .map((type) => ({ kind: 'proto' as const, type })),
    },
  );
}

const pieceText = (p: Piece) =>
  'known' in p ? JSON.stringify(p.known) : (values[p.value] as string);

/** The JSON text a recipe stands for. */
function textOf(r: Recipe): string {
  if (r.kind === 'value') return values[r.value] as string;
  if (r.kind === 'proto') {
    return `{"type":${JSON.stringify(r.type)},"at":5000,"__proto__":{"at":0,"polluted":true}}`;
  }
  const parts = r.fields.map(([k, v]) => `${JSON.stringify(k)}:${pieceText(v)}`);
  if (r.type !== undefined) parts.unshift(`"type":${pieceText(r.type)}`);
  return `{${parts.join(',')}}`;
}

/**
 * A fingerprint of a JSON value, walked without recursion (JSON.stringify itself overflows the
 * stack on 10,000 levels): equal fingerprints mean equal values.
 */
function fingerprint(value: unknown): string {
  const out: string[] = [];
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      out.push(`[${v.length}`);
      for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
    } else if (typeof v === 'object' && v !== null) {
      const keys = Object.keys(v);
      out.push(`{${JSON.stringify(keys)}`);
      for (let i = keys.length - 1; i >= 0; i--)
        stack.push((v as Record<string, unknown>)[keys[i] as string]);
    } else {
      out.push(
        typeof v === 'number'
          ? `n${Object.is(v, -0) ? '-0' : String(v)}`
          : (JSON.stringify(v) ?? 'u'),
      );
    }
  }
  return out.join('|');
}

describe.each(subjects)('%s under hostile input', (_name, subject) => {
  const m = subject.machine;

  it('never throws, answers with a typed error (or a valid step), and changes neither input nor snapshot (property)', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(recipe(subject), fc.nat(subject.snapshots.length - 1), (r, which) => {
        const event: unknown = JSON.parse(textOf(r));
        const snapshot = subject.snapshots[which] as Snapshot;
        const eventBefore = fingerprint(event);
        const snapshotBefore = JSON.stringify(snapshot);

        const result = transition(m, snapshot as never, event as never);
        seen.add(result.ok ? 'ok' : result.error.code);
        if (result.ok) {
          // Only a well-formed event can pass; the snapshot it leads to is a valid one.
          expect(restoreSnapshot(m, result.snapshot).ok).toBe(true);
        } else {
          expect(codes.has(result.error.code)).toBe(true);
          expect(typeof result.error.message).toBe('string');
          expect(result.error.message.length).toBeLessThan(4_000);
          expect(result.snapshot).toBe(snapshot);
        }
        expect(can(m, snapshot as never, event as never)).toBe(result.ok);
        const flow = createFlow(m, snapshot as never);
        const sent = flow.send(event as never);
        expect(sent.ok).toBe(result.ok);
        if (!sent.ok) expect(flow.snapshot()).toBe(snapshot);

        expect(fingerprint(event)).toBe(eventBefore);
        expect(JSON.stringify(snapshot)).toBe(snapshotBefore);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 150 },
    );
    expect(seen).toContain('UNKNOWN_EVENT');
    expect(seen).toContain('INVALID_PAYLOAD');
  });
});
