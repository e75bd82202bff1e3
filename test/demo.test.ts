import { describe, expect, it } from 'vitest';

/** `npm run demo` runs these sections in order; each must run through and say what it shows. */
const sections = [
  'core',
  'frameworks',
  'frameworks-policies',
  'complaints',
  'time',
  'loyalty',
  'metrics',
];

describe('npm run demo', () => {
  it.each(sections)('the %s section runs and prints a trace', async (name) => {
    const { run } = (await import(`../examples/${name}.ts`)) as {
      run: (log: (line: string) => void) => void;
    };
    const lines: string[] = [];
    run((line) => lines.push(line));
    expect(lines.length).toBeGreaterThan(2);
  });

  it('shows a working-day deadline and a wake-up', async () => {
    const { run } = await import('../examples/time.js');
    const lines: string[] = [];
    run((line) => lines.push(line));
    expect(lines.join('\n')).toContain('acknowledge by Fri 13 Mar, 17:00');
    expect(lines.join('\n')).toMatch(
      /nextWakeUp → complaint\.acknowledgement\.breach at Fri 13 Mar, 17:00: send CHECK_DEADLINES/,
    );
  });
});
