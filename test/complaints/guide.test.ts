import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { guideResult } from './guide-example.js';

describe('docs/guides/complaints.md', () => {
  it('its first example is the code this test runs', () => {
    const guide = readFileSync(new URL('../../docs/guides/complaints.md', import.meta.url), 'utf8');
    const block = /```ts\n([\s\S]*?)```/.exec(guide)?.[1] ?? '';
    const example = readFileSync(new URL('./guide-example.ts', import.meta.url), 'utf8');
    const body = example
      .split('\n')
      .slice(1)
      .join('\n')
      .trimStart()
      .replace("from '../../src/index.js';", "from 'servicecraft';")
      .replace("from '../../src/complaints/index.js';", "from 'servicecraft/complaints';")
      .split('\nexport const guideResult')[0];
    expect(`${body}`).toBe(block);
  });

  it('its example ends closed, on time, after a refused self-approval', () => {
    expect(guideResult.status.stage).toBe('closed');
    expect(guideResult.breaches).toEqual([]);
    expect(guideResult.self.ok).toBe(false);
    expect(guideResult.self.ok || guideResult.self.error.reason).toEqual({
      code: 'SELF_APPROVAL',
      message:
        "'sam' proposed EUR 120.00 and cannot approve it as 'SAM' (the same id once normalised); someone else whose limit covers it must approve.",
      details: { proposedBy: 'sam', approver: 'SAM', amount: 12_000, currency: 'EUR' },
    });
  });
});
