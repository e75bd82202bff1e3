/**
 * The zod check chains of the framework schemas were merged into one `.check(...)` each (fewer
 * schema clones at import). These tests hold every rewritten schema to a copy of the one it
 * replaced (test/frameworks/before-check-merge): same accepted values, same output, same issues.
 */
import { describe, expect, it } from 'vitest';
import {
  eightStepsOfService,
  eventStampSchema,
  interactionRecordSchema,
  machineRecordSchema,
  recordedEventSchema,
  ritzThreeSteps,
  tenStepsOfService,
} from '../../src/frameworks/index.js';
import type { AnyMachine } from '../../src/index.js';
import { expectTwins } from '../complaints/schema-twins.js';
import * as machineBefore from './before-check-merge/assess-machine.js';
import * as defineBefore from './before-check-merge/define.js';
import * as recordBefore from './before-check-merge/record.js';

const schemasOf = (machine: AnyMachine): [string, unknown][] => {
  const def = machine.definition as { context?: unknown; events: Record<string, unknown> };
  return [['context', def.context], ...Object.entries(def.events)];
};

describe('rewritten framework schemas answer as the chained ones did (property)', () => {
  it.each([
    ['eventStampSchema', defineBefore.eventStampSchema, eventStampSchema],
    ['recordedEventSchema', recordBefore.recordedEventSchema, recordedEventSchema],
    ['interactionRecordSchema', recordBefore.interactionRecordSchema, interactionRecordSchema],
    ['machineRecordSchema', machineBefore.machineRecordSchema, machineRecordSchema],
  ])('%s', (_name, before, current) => {
    expectTwins(before, current, 400);
  });

  it.each([
    ['eightStepsOfService', eightStepsOfService],
    ['ritzThreeSteps', ritzThreeSteps],
    ['tenStepsOfService', tenStepsOfService],
  ] as const)('%s: the machine context and every event', (_name, framework) => {
    const before = schemasOf(defineBefore.defineFramework(framework.spec as never).machine);
    const current = schemasOf(framework.machine as unknown as AnyMachine);
    expect(current.map(([k]) => k)).toEqual(before.map(([k]) => k));
    before.forEach(([, schema], i) => {
      expectTwins(schema, current[i]?.[1], 100);
    });
  });
});
