import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { initialSnapshot, replay, restoreSnapshot, transitionOrThrow } from '../../src/index.js';
import { steps, ticket } from './fixtures.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const src = join(import.meta.dirname, '../../src');

describe('determinism', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('src/ reads no clock and no randomness, and holds no module-level mutable state', () => {
    const offenders: string[] = [];
    const rules: [RegExp, string][] = [
      [/\bDate\.now\s*\(/, 'Date.now()'],
      [/\bnew Date\s*\(\s*\)/, 'new Date()'],
      [/\bMath\.random\s*\(/, 'Math.random()'],
      [/\bperformance\.now\s*\(/, 'performance.now()'],
      [/\bcrypto\.(getRandomValues|randomUUID)\b/, 'crypto randomness'],
      [/^(export\s+)?(let|var)\s/m, 'module-level let/var'],
    ];
    const files = sourceFiles(src);
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const [pattern, what] of rules)
        if (pattern.test(text)) offenders.push(`${file}: ${what}`);
    }
    expect(offenders).toEqual([]);
  });

  it('works with the clock and randomness unavailable, and gives the same snapshot every time', () => {
    vi.spyOn(Date, 'now').mockImplementation(() => {
      throw new Error('clock read');
    });
    vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('randomness read');
    });
    const log = [
      { type: 'ASSIGN', agent: 'ana' },
      { type: 'REPLY', at: 1_700_000_000_000, text: 'on it' },
      { type: 'SOLVE' },
      { type: 'CLOSE' },
    ] as const;
    const first = replay(ticket, log);
    const second = replay(ticket, log);
    expect(first).toEqual(second);
    expect(first.ok && first.snapshot.state).toBe('closed');
    const snapshot = transitionOrThrow(steps, initialSnapshot(steps), { type: 'NEXT' });
    expect(restoreSnapshot(steps, JSON.parse(JSON.stringify(snapshot)))).toMatchObject({
      ok: true,
      snapshot,
    });
  });
});
