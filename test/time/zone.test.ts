/**
 * The zone offsets read from Intl (internal `zone.ts`), against luxon: offsets at random
 * instants, and every change of a year found at the right instant.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isServicecraftError } from '../../src/index.js';
import { zoneOffsets } from '../../src/time/zone.js';

const zones = [
  'Europe/London',
  'America/New_York',
  'America/Santiago',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'Australia/Eucla',
  'Africa/Casablanca',
  'Pacific/Chatham',
  'America/St_Johns',
] as const;
const readers = new Map(zones.map((zone) => [zone, zoneOffsets(zone)]));
const luxon = (zone: string, t: number) => DateTime.fromMillis(t, { zone }).offset * 60_000;

describe('zoneOffsets', () => {
  it('agrees with luxon at random instants of 2020–2035', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 11, 31) }),
        (zone, t) => {
          expect(readers.get(zone)?.offsetAt(t)).toBe(luxon(zone, t));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds the two changes of 2026 in London, to the millisecond', () => {
    const london = zoneOffsets('Europe/London');
    const start = Date.UTC(2026, 0, 1);
    const end = Date.UTC(2027, 0, 1);
    const spring = london.firstChangeIn(start, end);
    expect(spring).toBe(Date.UTC(2026, 2, 29, 1));
    const autumn = london.firstChangeIn(spring as number, end);
    expect(autumn).toBe(Date.UTC(2026, 9, 25, 1));
    expect(london.firstChangeIn(autumn as number, end)).toBeUndefined();
    expect(london.offsetAt(Date.UTC(2026, 2, 29, 1) - 1)).toBe(0);
    expect(london.offsetAt(Date.UTC(2026, 2, 29, 1))).toBe(3_600_000);
  });

  it('sees the Ramadan suspension of summer time in Casablanca', () => {
    const casablanca = zoneOffsets('Africa/Casablanca');
    const changes: number[] = [];
    let t = Date.UTC(2026, 0, 1);
    for (;;) {
      const next = casablanca.firstChangeIn(t, Date.UTC(2027, 0, 1));
      if (next === undefined) break;
      changes.push(next);
      t = next;
    }
    expect(changes.length).toBe(2);
    for (const change of changes) {
      expect(luxon('Africa/Casablanca', change - 1)).not.toBe(luxon('Africa/Casablanca', change));
    }
  });

  it('finds changes off the quarter-hour grid (local mean time) to the millisecond', () => {
    const kathmandu = zoneOffsets('Asia/Kathmandu');
    const change = kathmandu.firstChangeIn(Date.UTC(1919, 0, 1), Date.UTC(1921, 0, 1)) as number;
    expect(change % 900_000).not.toBe(0);
    expect(kathmandu.offsetAt(change - 1)).toBe(luxon('Asia/Kathmandu', change - 1));
    expect(kathmandu.offsetAt(change)).toBe(luxon('Asia/Kathmandu', change));
    expect(kathmandu.offsetAt(change)).not.toBe(kathmandu.offsetAt(change - 1));
  });

  it('is constant in UTC and knows historic offsets with seconds', () => {
    expect(zoneOffsets('UTC').offsetAt(123)).toBe(0);
    expect(zoneOffsets('Etc/UTC').firstChangeIn(0, 1e12)).toBeUndefined();
    // Kathmandu used +05:41:16 before 1920.
    expect(zoneOffsets('Asia/Kathmandu').offsetAt(Date.UTC(1900, 0, 1))).toBe(
      (5 * 3600 + 41 * 60 + 16) * 1000,
    );
    // 13 September 275760: the current rules go on, so summer time.
    expect(zoneOffsets('America/New_York').offsetAt(8.64e15)).toBe(-4 * 3_600_000);
    expect(zoneOffsets('America/New_York').offsetAt(-8.64e15)).toBeTypeOf('number');
  });
});

describe('a runtime that cannot name offsets', () => {
  it('fails with a ServicecraftError that says why, not a bare Error', () => {
    // `format` is a getter returning a bound function: replace it for the duration of the test.
    const proto = Intl.DateTimeFormat.prototype;
    const original = Object.getOwnPropertyDescriptor(proto, 'format') as PropertyDescriptor;
    Object.defineProperty(proto, 'format', { configurable: true, get: () => () => '3/29/2026' });
    const spy = { mockRestore: () => Object.defineProperty(proto, 'format', original) };
    try {
      const zone = zoneOffsets('Europe/Paris');
      let thrown: unknown;
      try {
        zone.offsetAt(Date.UTC(2026, 2, 29));
      } catch (error) {
        thrown = error;
      }
      expect(isServicecraftError(thrown, 'PlatformError')).toBe(true);
      expect((thrown as Error).message).toMatch(/does not support timeZoneName 'longOffset'/);
    } finally {
      spy.mockRestore();
    }
  });
});
