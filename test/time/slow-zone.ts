/**
 * A plain reference for a zone's offsets, to check `zone.ts` against over long spans and far
 * instants: it reads `Intl` block by block (every 7 days, then binary search to the millisecond,
 * as `zone.ts` does within the years it reads), for any instant, keeps every block it read, and
 * assumes nothing about the years before 1600 or after 2200. Slow on long spans (tens of `Intl`
 * calls per 99 days), so the tests keep its spans to a few centuries.
 */
import type { ChangeNote, ZoneOffsets } from '../../src/time/zone.js';

const BLOCK = 2 ** 33;
const STEP = 7 * 86_400_000;
const MAX_INSTANT = 8.64e15;
const offsetText = /GMT(?:([+\-\u2212])(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?)?$/;

interface Change {
  readonly at: number;
  readonly after: number;
  readonly move: number;
}

/** The offsets of `timeZone`, read from `Intl` with no shortcut; `note` as in `zoneOffsets`. */
export function slowZoneOffsets(timeZone: string, note: ChangeNote = () => 0): ZoneOffsets {
  const format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
  const read = (t: number): number => {
    const clamped = Math.min(MAX_INSTANT, Math.max(-MAX_INSTANT, t));
    const match = offsetText.exec(format.format(clamped));
    if (!match) throw new Error(`no offset for ${timeZone}`);
    if (match[1] === undefined) return 0;
    const size =
      Number(match[2]) * 3_600_000 + Number(match[3] ?? 0) * 60_000 + Number(match[4] ?? 0) * 1000;
    return match[1] === '+' ? size : -size;
  };
  /** The first instant in (a, b] whose offset is not `offset`, by plain bisection. */
  const change = (a: number, b: number, offset: number): number => {
    let lo = a;
    let hi = b;
    while (hi - lo > 1) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (read(mid) === offset) lo = mid;
      else hi = mid;
    }
    return hi;
  };
  const blocks = new Map<number, { base: number; changes: Change[] }>();
  const block = (index: number) => {
    let found = blocks.get(index);
    if (found === undefined) {
      const start = index * BLOCK;
      const end = start + BLOCK - 1;
      const base = read(start);
      const changes: Change[] = [];
      const add = (at: number, before: number, after: number) =>
        changes.push({ at, after, move: note(at, before, after) });
      const previous = read(start - 1);
      if (previous !== base) add(start, previous, base);
      let lo = start;
      let before = base;
      for (let probe = Math.min(start + STEP, end); ; probe = Math.min(probe + STEP, end)) {
        const now = read(probe);
        let from = lo;
        let offset = before;
        while (offset !== now) {
          from = change(from, probe, offset);
          const next = read(from);
          add(from, offset, next);
          offset = next;
        }
        lo = probe;
        before = now;
        if (probe === end) break;
      }
      found = { base, changes };
      blocks.set(index, found);
    }
    return found;
  };
  const blockOf = (t: number) => Math.floor(t / BLOCK);
  const first = (from: number, to: number, noted: boolean) => {
    if (to - from <= 1) return undefined;
    for (let index = blockOf(from); index <= blockOf(to - 1); index++) {
      for (const c of block(index).changes) {
        if (c.at > from && (!noted || c.move !== 0)) return c.at < to ? c.at : undefined;
      }
    }
    return undefined;
  };
  return {
    offsetAt(t) {
      const b = block(blockOf(t));
      let offset = b.base;
      for (const c of b.changes) if (c.at <= t) offset = c.after;
      return offset;
    },
    firstChangeIn: (from, to) => first(from, to, false),
    firstNotedChangeIn: (from, to) => first(from, to, true),
    noteAt(t) {
      return block(blockOf(t)).changes.find((c) => c.at === t)?.move ?? 0;
    },
    notesIn(from, to) {
      let sum = 0;
      for (let index = blockOf(from); to > from && index <= blockOf(to); index++) {
        for (const c of block(index).changes) if (c.at > from && c.at <= to) sum += c.move;
      }
      return sum;
    },
  };
}
