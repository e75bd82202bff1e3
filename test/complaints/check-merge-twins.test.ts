/**
 * The zod check chains of the complaint schemas were merged into one `.check(...)` each (fewer
 * schema clones at import). These tests hold every rewritten schema to a copy of the one it
 * replaced (test/complaints/before-check-merge): same accepted values, same output, same issues.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actorIdSchema } from '../../src/complaints/actor.js';
import { checkOptions } from '../../src/complaints/case-options.js';
import { caseSchemas } from '../../src/complaints/case-schema.js';
import * as now from '../../src/complaints/index.js';
import type { AnyMachine } from '../../src/index.js';
import * as actorBefore from './before-check-merge/actor.js';
import * as optionsBefore from './before-check-merge/case-options.js';
import * as caseBefore from './before-check-merge/case-schema.js';
import * as closureBefore from './before-check-merge/closure.js';
import * as flowBefore from './before-check-merge/complaint-flow.js';
import * as conversationBefore from './before-check-merge/conversation-flows.js';
import * as deadlinesBefore from './before-check-merge/deadlines.js';
import * as escalationBefore from './before-check-merge/escalation.js';
import * as moneyBefore from './before-check-merge/money.js';
import * as policyBefore from './before-check-merge/policy.js';
import * as recoveryBefore from './before-check-merge/recovery.js';
import * as slaBefore from './before-check-merge/sla.js';
import { expectTwins, nearValues } from './schema-twins.js';

/** The context and event schemas of a machine. */
const schemasOf = (machine: AnyMachine): [string, unknown][] => {
  const def = machine.definition as { context?: unknown; events: Record<string, unknown> };
  return [['context', def.context], ...Object.entries(def.events)];
};

describe('rewritten complaint schemas answer as the chained ones did (property)', () => {
  it.each([
    ['actorIdSchema', actorBefore.actorIdSchema, actorIdSchema],
    ['closureReasonSchema', closureBefore.closureReasonSchema, now.closureReasonSchema],
    [
      'escalationTriggerSchema',
      escalationBefore.escalationTriggerSchema,
      now.escalationTriggerSchema,
    ],
    ['handoffSchema', escalationBefore.handoffSchema, now.handoffSchema],
    ['reasonCodeSchema', escalationBefore.reasonCodeSchema, now.reasonCodeSchema],
    ['durationSchema', deadlinesBefore.durationSchema, now.durationSchema],
    ['deadlineSpanSchema', deadlinesBefore.deadlineSpanSchema, now.deadlineSpanSchema],
    ['moneySchema', moneyBefore.moneySchema, now.moneySchema],
    ['complaintPolicySchema', policyBefore.complaintPolicySchema, now.complaintPolicySchema],
    ['slaPolicySchema', slaBefore.slaPolicySchema, now.slaPolicySchema],
    ['slaTrackerSchema', slaBefore.slaTrackerSchema, now.slaTrackerSchema],
  ])('%s', (_name, before, current) => {
    expectTwins(before, current, 400);
  });

  it.each([[['bot', 'agent', 'supervisor', 'manager'] as const], [['tier1', 'tier2'] as const]])(
    'caseSchemas(%j): the context and every event',
    (ladder) => {
      const before = caseBefore.caseSchemas(ladder);
      const current = caseSchemas(ladder);
      expect(Object.keys(current.events)).toEqual(Object.keys(before.events));
      expectTwins(before.context, current.context, 150);
      for (const [type, schema] of Object.entries(current.events)) {
        expectTwins(before.events[type as keyof typeof before.events], schema, 150);
      }
    },
  );

  it.each([
    ['complaintFlow', flowBefore.complaintFlow, now.complaintFlow],
    ['difficultCustomerFlow', conversationBefore.difficultCustomerFlow, now.difficultCustomerFlow],
    ['problemResolutionFlow', conversationBefore.problemResolutionFlow, now.problemResolutionFlow],
    ['heardRecovery', recoveryBefore.heardRecovery, now.heardRecovery],
  ] as [string, AnyMachine, AnyMachine][])(
    '%s: the context and every event',
    (_n, before, current) => {
      const a = schemasOf(before);
      const b = schemasOf(current);
      expect(b.map(([k]) => k)).toEqual(a.map(([k]) => k));
      a.forEach(([, schema], i) => {
        expectTwins(schema, b[i]?.[1], 150);
      });
    },
  );
});

/** What a factory answers: the thrown message and problems, or `made`. */
function outcome(make: () => unknown, show: (made: unknown) => unknown): string {
  try {
    return JSON.stringify({ made: show(make()) });
  } catch (error) {
    const e = error as { message?: string; problems?: unknown };
    return JSON.stringify({ thrown: e.message, problems: e.problems });
  }
}

describe('factories that parse with rewritten schemas refuse and accept as before (property)', () => {
  const level = fc.oneof(
    fc.constantFrom(
      'bot',
      'agent',
      'supervisor',
      'manager',
      '',
      ' lead',
      'x'.repeat(65),
      'constructor',
    ),
    fc.string({ maxLength: 6 }),
  );
  const numbers = fc.oneof(fc.constantFrom(0, -1, 0.5, 1, 2, 1_000_001, 2 ** 53), fc.double());
  const options = fc.record(
    {
      id: fc.oneof(fc.constantFrom('', 'desk', 'x'.repeat(201)), fc.string({ maxLength: 4 })),
      ladder: fc.array(level, { maxLength: 5 }),
      limits: fc.record({
        currency: fc.constantFrom('EUR', 'JPY', 'nope'),
        amounts: fc.dictionary(level, numbers, { maxKeys: 3 }),
      }),
      failedAttemptLimit: numbers,
      confidenceThreshold: numbers,
      restrictedTopics: fc.array(fc.oneof(fc.constantFrom('', ' ', 'x'.repeat(201)), fc.string()), {
        maxLength: 3,
      }),
      sla: fc.record({ policies: fc.array(nearValues(now.slaPolicySchema), { maxLength: 2 }) }),
    },
    { requiredKeys: [] },
  );

  it('createComplaintCase options (checkOptions)', () => {
    const show = (made: unknown) => {
      const o = made as ReturnType<typeof checkOptions>;
      return { id: o.id, settings: o.settings, policy: o.policy, sla: o.sla?.policies ?? null };
    };
    fc.assert(
      fc.property(options, (o) => {
        expect(outcome(() => checkOptions(o), show)).toBe(
          outcome(() => optionsBefore.checkOptions(o), show),
        );
      }),
      { numRuns: 400 },
    );
  });

  it('defineStepSequence', () => {
    const step = fc.record(
      {
        id: fc.oneof(fc.constantFrom('', 'listen', 'x'.repeat(101)), fc.string({ maxLength: 4 })),
        label: fc.oneof(fc.constantFrom('', ' ', 'Listen', 'x'.repeat(201)), fc.string()),
        summary: fc.oneof(fc.constantFrom('', 'Hear them out'), fc.string()),
        afterCustomerLeaves: fc.oneof(fc.boolean(), fc.constant('yes')),
      },
      { requiredKeys: ['id', 'label', 'summary'] },
    );
    const spec = fc.record({
      id: fc.constantFrom('seq', ''),
      source: fc.constantFrom('A source', ''),
      steps: fc.oneof(
        fc.array(step, { maxLength: 3 }),
        fc.array(step, { minLength: 100, maxLength: 102 }),
      ),
    });
    const show = (made: unknown) => JSON.stringify((made as AnyMachine).definition.meta);
    fc.assert(
      fc.property(spec, (s) => {
        expect(outcome(() => now.defineStepSequence(s as never), show)).toBe(
          outcome(() => recoveryBefore.defineStepSequence(s as never), show),
        );
      }),
      { numRuns: 200 },
    );
  });
});
