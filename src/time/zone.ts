/**
 * @internal A time zone's UTC offsets, read from `Intl` (no other data). `Intl` only answers "what
 * is the offset at this instant", and slowly (microseconds a call), so each compiled calendar keeps
 * what it learned: time is cut into fixed blocks of about 99 days, and the first question about a
 * block reads the offset every 7 days through it and binary-searches each change (on a
 * quarter-hour grid, then to the millisecond when needed). Later questions are answered from the
 * block with no `Intl` call. The cache lives in the compiled calendar, not in the module, and
 * never changes an answer, only its cost. With each change the block also keeps what the
 * calendar says about it (the working time the change skips or repeats), so the arithmetic can
 * cross a change without recomputing it.
 *
 * Limit: a change of offset that is undone less than 7 days later can be missed. Current rules have
 * none (the shortest, Morocco's Ramadan suspension of summer time, lasts about a month).
 *
 * @module
 */
import { ServicecraftError } from '../core/errors.js';
import { floorDiv, MAX_INSTANT } from './internal.js';

/** @internal Block length in milliseconds (2^33 ms, about 99 days). */
const BLOCK = 2 ** 33;
/** @internal A quarter of an hour: the grid on which modern offset changes fall. */
const QUARTER = 900_000;
/** @internal Distance between two offset reads while scanning a block. */
const STEP = 7 * 86_400_000;
/** @internal At most this many blocks are kept; past it the cache starts afresh. */
const MAX_BLOCKS = 4096;

interface Block {
  /** Offset at the block's first instant. */
  readonly base: number;
  /** Instants in the block at which the offset changes (its first included), ascending. */
  readonly at: readonly number[];
  /** `offsets[i]` holds from `at[i]` on. */
  readonly offsets: readonly number[];
  /** `moves[i]`: what the `note` callback said about the change at `at[i]`. */
  readonly moves: readonly number[];
  /** Whether any note of the block is not 0. */
  readonly noted: boolean;
}

/**
 * @internal Says something about a change from offset `before` to `after` at instant `at`; the
 * arithmetic passes the working time the change skips (negative) or repeats (positive).
 */
export type ChangeNote = (at: number, before: number, after: number) => number;

/** @internal Offsets of one zone, in milliseconds to add to an instant to get local wall time. */
export interface ZoneOffsets {
  /** The offset in force at instant `t`. */
  offsetAt(t: number): number;
  /** The first instant `T` with `from < T < to` at which the offset changes, if any. */
  firstChangeIn(from: number, to: number): number | undefined;
  /** The note kept for the change at `at` (0 when the offset does not change there). */
  noteAt(at: number): number;
  /** The first change `T` with `from < T < to` whose note is not 0, if any. */
  firstNotedChangeIn(from: number, to: number): number | undefined;
  /** The sum of the notes of the changes `T` with `from < T <= to`. */
  notesIn(from: number, to: number): number;
}

const utc: ZoneOffsets = Object.freeze({
  offsetAt: () => 0,
  firstChangeIn: () => undefined,
  noteAt: () => 0,
  firstNotedChangeIn: () => undefined,
  notesIn: () => 0,
});

const offsetText = /GMT(?:([+\-\u2212])(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?)?$/;

/** @internal Reads a zone's offsets through one `Intl.DateTimeFormat`, made here. */
export function zoneOffsets(timeZone: string, note: ChangeNote = () => 0): ZoneOffsets {
  // The first `Intl.DateTimeFormat` of a process loads the runtime's time-zone data (tens of
  // milliseconds). UTC needs none of it, so the one spelling that is certainly UTC skips Intl;
  // other aliases of UTC ('Etc/UTC', ...) still get the same answer, through their formatter.
  if (timeZone === 'UTC') return utc;
  const format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
  if (format.resolvedOptions().timeZone === 'UTC') return utc;
  const blocks = new Map<number, Block>();

  const read = (t: number): number => {
    const clamped = Math.min(MAX_INSTANT, Math.max(-MAX_INSTANT, t));
    const match = offsetText.exec(format.format(clamped));
    // Only a JavaScript runtime whose Intl lacks 'longOffset' names gets here: a platform problem,
    // reported as the library's own error rather than a bare Error.
    if (!match) {
      throw new ServicecraftError(
        'PlatformError',
        `Cannot read the UTC offset of time zone ${timeZone}: this runtime's Intl.DateTimeFormat does not support timeZoneName 'longOffset' (Node 18+ and current browsers do).`,
      );
    }
    if (match[1] === undefined) return 0;
    const size =
      Number(match[2]) * 3_600_000 + Number(match[3] ?? 0) * 60_000 + Number(match[4] ?? 0) * 1000;
    return match[1] === '+' ? size : -size;
  };

  /**
   * The first instant in (a, b] whose offset differs from `offset` (the offset at `a`). Offsets
   * change at quarter hours of UTC in all modern rules, so the search runs on that grid first and
   * falls back to milliseconds only when the change is not on it.
   */
  const change = (a: number, b: number, offset: number): number => {
    let lo = floorDiv(a, QUARTER); // grid index at or before a
    let hi = floorDiv(b, QUARTER);
    if (hi > lo && read(hi * QUARTER) !== offset) {
      while (hi - lo > 1) {
        const mid = lo + Math.floor((hi - lo) / 2);
        if (read(mid * QUARTER) === offset) lo = mid;
        else hi = mid;
      }
      const grid = hi * QUARTER;
      if (read(grid - 1) === offset) return grid;
      a = Math.max(a, lo * QUARTER);
      b = grid;
    }
    while (b - a > 1) {
      const mid = a + Math.floor((b - a) / 2);
      if (read(mid) === offset) a = mid;
      else b = mid;
    }
    return b;
  };

  const scan = (index: number): Block => {
    const start = index * BLOCK;
    const end = start + BLOCK - 1;
    const base = read(start);
    const at: number[] = [];
    const offsets: number[] = [];
    const moves: number[] = [];
    const record = (t: number, before: number, after: number) => {
      at.push(t);
      offsets.push(after);
      moves.push(note(t, before, after));
    };
    const previous = read(start - 1);
    if (previous !== base) record(start, previous, base);
    let lo = start;
    let before = base;
    for (let probe = Math.min(start + STEP, end); ; probe = Math.min(probe + STEP, end)) {
      const now = read(probe);
      // Every change in (lo, probe]: find the first, then go on from it.
      let from = lo;
      let offset = before;
      while (offset !== now) {
        from = change(from, probe, offset);
        const next = read(from);
        record(from, offset, next);
        offset = next;
      }
      lo = probe;
      before = now;
      if (probe === end) break;
    }
    return { base, at, offsets, moves, noted: moves.some((m) => m !== 0) };
  };

  const block = (index: number): Block => {
    let found = blocks.get(index);
    if (found === undefined) {
      if (blocks.size >= MAX_BLOCKS) blocks.clear();
      found = scan(index);
      blocks.set(index, found);
    }
    return found;
  };

  return Object.freeze({
    offsetAt(t: number): number {
      const b = block(floorDiv(t, BLOCK));
      let offset = b.base;
      for (let i = 0; i < b.at.length && (b.at[i] as number) <= t; i++) {
        offset = b.offsets[i] as number;
      }
      return offset;
    },
    firstChangeIn(from: number, to: number): number | undefined {
      if (to - from <= 1) return undefined;
      const lastIndex = floorDiv(to - 1, BLOCK);
      for (let index = floorDiv(from, BLOCK); index <= lastIndex; index++) {
        for (const t of block(index).at) if (t > from) return t < to ? t : undefined;
      }
      return undefined;
    },
    noteAt(t: number): number {
      const b = block(floorDiv(t, BLOCK));
      const i = b.at.indexOf(t);
      return i === -1 ? 0 : (b.moves[i] as number);
    },
    firstNotedChangeIn(from: number, to: number): number | undefined {
      if (to - from <= 1) return undefined;
      const lastIndex = floorDiv(to - 1, BLOCK);
      for (let index = floorDiv(from, BLOCK); index <= lastIndex; index++) {
        const b = block(index);
        if (!b.noted) continue;
        for (let i = 0; i < b.at.length; i++) {
          const t = b.at[i] as number;
          if (t > from && b.moves[i] !== 0) return t < to ? t : undefined;
        }
      }
      return undefined;
    },
    notesIn(from: number, to: number): number {
      let sum = 0;
      if (to <= from) return sum;
      const lastIndex = floorDiv(to, BLOCK);
      for (let index = floorDiv(from, BLOCK); index <= lastIndex; index++) {
        const b = block(index);
        if (!b.noted) continue;
        for (let i = 0; i < b.at.length; i++) {
          const t = b.at[i] as number;
          if (t > from && t <= to) sum += b.moves[i] as number;
        }
      }
      return sum;
    },
  });
}
