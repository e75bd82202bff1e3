import { describe, expect, it } from 'vitest';
import { unexpectedDemandFlow } from '../../src/cycles/index.js';
import { eightStepsOfService } from '../../src/frameworks/index.js';
import { initialSnapshot, transition } from '../../src/index.js';

describe('times are bounded to what a Date can represent', () => {
  it('a framework event dated past 8.64e15 ms is an invalid payload that says so', () => {
    const machine = eightStepsOfService.machine;
    const start = initialSnapshot(machine);
    const result = transition(machine, start, { type: 'approach', at: 8.7e15 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_PAYLOAD');
    expect(result.error.message).toContain('must be a time a Date can represent');
    expect(result.snapshot).toBe(start);
    expect(transition(machine, start, { type: 'approach', at: 8.64e15 }).ok).toBe(true);
  });

  it('the unexpected-demand flow refuses the same', () => {
    const start = initialSnapshot(unexpectedDemandFlow);
    const result = transition(unexpectedDemandFlow, start, {
      type: 'CANNOT_RESPOND',
      at: 9e15,
    } as never);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('must be a time a Date can represent');
  });
});
