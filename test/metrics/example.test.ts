import { describe, expect, it } from 'vitest';
import { run } from '../../examples/metrics.js';

describe('the metrics demo', () => {
  it('walks the survey batch and logs a readable trace', () => {
    const lines: string[] = [];
    run((line) => lines.push(line));
    expect(lines.length).toBeGreaterThanOrEqual(10);
    expect(lines.length).toBeLessThanOrEqual(40);
    expect(lines).toContain('NPS of a day with no answers: {"kind":"empty","responses":0}');
    expect(lines).toContain('two shards merged: 45.0 (same as the batch)');
    expect(lines).toContain(
      'rejected: NPS rejected a value: index 10 is 11. An NPS answer must be a whole number from 0 to 10.',
    );
    expect(lines.at(-1)).toBe(
      'relationship health at 12:1: 3 good vs 1 bad needs 12 good; short by 9',
    );
  });
});
