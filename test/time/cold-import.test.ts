/**
 * Importing the engine (the root entry) or the time layer builds no zod schema: the time schemas wait behind
 * `z.lazy` until their first parse. Building zod schemas was most of the cost of a cold import.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.doUnmock('zod');
  vi.resetModules();
});

/**
 * Imports the engine (the root entry), then the time layer, with a zod whose factories record
 * their names, and returns the calls each import made.
 */
async function zodCallsAtImport(): Promise<{ core: string[]; time: string[] }> {
  vi.resetModules();
  const calls: string[] = [];
  vi.doMock('zod', async (importOriginal) => {
    const real = await importOriginal<Record<string, unknown>>();
    const counted: Record<string, unknown> = { ...real };
    for (const [name, value] of Object.entries(real)) {
      // Factories (`string`, `object`, `lazy`, ...) start lower-case; classes are left alone.
      if (typeof value === 'function' && /^[a-z]/.test(name)) {
        const factory = value as (...args: unknown[]) => unknown;
        counted[name] = (...args: unknown[]) => {
          calls.push(name);
          return factory(...args);
        };
      }
    }
    return counted;
  });
  await import('../../src/core/index.js');
  const core = calls.splice(0);
  await import('../../src/time/index.js');
  return { core, time: calls };
}

describe('cold import', () => {
  it('builds no zod schema at import: none for the engine, three lazy placeholders for time', async () => {
    const calls = await zodCallsAtImport();
    expect(calls).toEqual({ core: [], time: ['lazy', 'lazy', 'lazy'] });
  });

  it('the placeholders build the schemas on first use', async () => {
    await zodCallsAtImport();
    const time = await import('../../src/time/index.js');
    const clock = time.startClock(0, { target: 60_000 });
    expect(time.clockSchema.safeParse(clock).success).toBe(true);
    expect(time.clockSchema.safeParse({ ...clock, state: 'done' }).success).toBe(false);
    expect(
      time.businessCalendarSchema.safeParse({
        timeZone: 'UTC',
        week: { mon: [['09:00', '17:00']] },
      }).success,
    ).toBe(true);
    expect(time.businessCalendarSchema.safeParse({ timeZone: 'UTC', week: {} }).success).toBe(
      false,
    );
  });
});
