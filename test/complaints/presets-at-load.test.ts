/**
 * The presets are built at load without parsing their own (constant) arguments: the complaint
 * case with no options skips the options schema, the recovery presets skip the spec schemas. These
 * tests hold them to the machines the checked path builds from the same input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createComplaintCase,
  defineStepSequence,
  heardRecovery,
  iso10002Lifecycle,
  lastRecovery,
  latteRecovery,
  learnRecovery,
  type RecoveryModelName,
  recoveryMachine,
  recoveryModels,
} from '../../src/complaints/index.js';
import { type AnyMachine, initialSnapshot, replay, transition } from '../../src/index.js';
import { events, fold } from './arbitraries.js';

/** Everything about a machine that is data, in key order (functions and schemas left out). */
function view(machine: AnyMachine): string {
  const def = machine.definition as {
    description?: unknown;
    meta?: unknown;
    states: Record<string, { description?: unknown; meta?: unknown; type?: unknown }>;
  };
  return JSON.stringify({
    id: machine.id,
    version: machine.version,
    initial: machine.initial,
    states: machine.states,
    events: machine.events,
    finalStates: machine.finalStates,
    refusals: machine.refusals,
    edges: machine.edges,
    description: def.description,
    meta: def.meta,
    stateData: Object.entries(def.states).map(([name, s]) => [name, s.description, s.meta, s.type]),
  });
}

const presets: [RecoveryModelName, AnyMachine][] = [
  ['heard', heardRecovery],
  ['last', lastRecovery],
  ['learn', learnRecovery],
  ['latte', latteRecovery],
];

/** The machine of a model variant, built by the public, fully checked step-sequence path. */
function checked(model: RecoveryModelName, variant: string): AnyMachine {
  const m = recoveryModels[model];
  const steps = m.variants[variant] ?? [];
  return defineStepSequence({
    id: `${model}-${variant}`,
    source: m.source,
    steps,
    description: `${m.name}: ${steps.map((s) => s.label).join(' → ')}`,
  });
}

describe('recovery presets', () => {
  it.each(presets)('%s: the preset is the machine defineStepSequence makes', (model, preset) => {
    expect(view(preset)).toBe(view(checked(model, recoveryModels[model].defaultVariant)));
  });

  it('recoveryMachine gives, for every model and variant, what defineStepSequence gives', () => {
    for (const model of Object.keys(recoveryModels) as RecoveryModelName[]) {
      for (const variant of Object.keys(recoveryModels[model].variants)) {
        expect(view(recoveryMachine(model, variant))).toBe(view(checked(model, variant)));
      }
    }
  });

  it('a bad model or variant is still refused with the same message', () => {
    expect(() => recoveryMachine('nope' as RecoveryModelName)).toThrow(
      'model must be one of heard, last, learn, latte; received "nope"',
    );
    expect(() => recoveryMachine('latte', 'backwards')).toThrow(
      'LATTE has no variant "backwards"; known variants: thankThenExplain, explainThenThank.',
    );
  });

  it('over random NEXT times, each preset answers as its checked twin does (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...presets),
        fc.array(fc.integer({ min: 0, max: 10_000 }), { maxLength: 8 }),
        ([model, preset], times) => {
          const twin = checked(model, recoveryModels[model].defaultVariant);
          const list = times.map((at) => ({ type: 'NEXT' as const, at, actor: 'ana' }));
          expect(JSON.stringify(replay(preset, list))).toBe(JSON.stringify(replay(twin, list)));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('iso10002Lifecycle (made with no options)', () => {
  it('is the machine createComplaintCase makes from checked empty options', () => {
    expect(view(iso10002Lifecycle)).toBe(view(createComplaintCase({})));
    expect(view(createComplaintCase())).toBe(view(createComplaintCase({})));
  });

  it('still checks options that are given', () => {
    expect(() => createComplaintCase({ ladder: [] as never })).toThrow(
      'ladder must list at least one level, lowest first',
    );
  });

  it('over random event sequences, answers every event as the checked machine does (property)', () => {
    const twin = createComplaintCase({});
    fc.assert(
      fc.property(events, (list) => {
        let a = initialSnapshot(iso10002Lifecycle);
        let b = initialSnapshot(twin);
        for (const event of list) {
          const ra = transition(iso10002Lifecycle, a, event);
          const rb = transition(twin, b, event);
          expect(JSON.stringify(ra)).toBe(JSON.stringify(rb));
          a = ra.snapshot;
          b = rb.snapshot;
        }
        expect(fold(list)).toEqual(fold(list, undefined, twin));
      }),
      { numRuns: 100 },
    );
  });
});
