/**
 * The zod check chains of the unexpected-demand flow were merged into one `.check(...)` each
 * (fewer schema clones at import). This test holds its schemas to a copy of the chained ones
 * (test/cycles/before-check-merge): same accepted values, same output, same issues.
 */
import { describe, expect, it } from 'vitest';
import { unexpectedDemandFlow } from '../../src/cycles/index.js';
import type { AnyMachine } from '../../src/index.js';
import { expectTwins } from '../complaints/schema-twins.js';
import * as before from './before-check-merge/unexpectedDemand.js';

const schemasOf = (machine: AnyMachine): [string, unknown][] => {
  const def = machine.definition as { context?: unknown; events: Record<string, unknown> };
  return [['context', def.context], ...Object.entries(def.events)];
};

describe('unexpectedDemandFlow schemas answer as the chained ones did (property)', () => {
  it('the context and every event', () => {
    const a = schemasOf(before.unexpectedDemandFlow as unknown as AnyMachine);
    const b = schemasOf(unexpectedDemandFlow as unknown as AnyMachine);
    expect(b.map(([k]) => k)).toEqual(a.map(([k]) => k));
    a.forEach(([, schema], i) => {
      expectTwins(schema, b[i]?.[1], 300);
    });
  });
});
