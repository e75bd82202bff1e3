/**
 * @internal A time zone's UTC offsets, read from `Intl` (no other data). `Intl` only answers "what
 * is the offset at this instant", and slowly (microseconds a call), so each compiled calendar keeps
 * what it learned: time is cut into fixed blocks of about 99 days, and the first question about a
 * block reads the offset every 7 days through it and binary-searches each change (on a
 * quarter-hour grid, then to the millisecond when needed). The changes found are kept in one
 * sorted list, with what the calendar says about each (the working time the change skips or
 * repeats, its "note") and running sums of those notes, so later questions are binary searches
 * with no `Intl` call, however far apart their instants are. The cache lives in the compiled
 * calendar, not in the module, and never changes an answer, only its cost.
 *
 * Only the years 1600 to 2600 are ever read; the cost of learning a zone is bounded by them:
 * - Before 1600 the offset is the one in force at its start. Every zone starts on local mean time
 *   and leaves it in 1844 or later (the earliest change in the time-zone database is Manila's, at
 *   the end of 1844).
 * - From 2200 on, offsets repeat every 400 Gregorian years (146,097 days, a whole number of weeks).
 *   `Intl` follows the time-zone database, which lists changes up to a given year (the latest
 *   today is 2087, for Morocco's and Palestine's Ramadan rules) and continues with a fixed yearly
 *   rule, or a fixed offset, after it; a yearly rule written in months, days of the month and
 *   weekdays repeats with the Gregorian calendar. So the changes after 2600 are those of 2200–2600,
 *   moved by whole cycles, and the notes repeat too once the calendar's holidays are over (the
 *   caller says when: `regularFrom`). The list of the cycle's changes is read once.
 *
 * Limit: a change of offset that is undone less than 7 days later can be missed. Current rules have
 * none (the shortest, Morocco's Ramadan suspension of summer time, lasts about a month).
 *
 * @module
 */
import { ServicecraftError } from '../core/errors.js';
import { countAtMost as above, DAY, floorDiv, MAX_INSTANT } from './internal.js';

/** @internal Block length in milliseconds (2^33 ms, about 99 days). */
const BLOCK = 2 ** 33;
/** @internal A quarter of an hour: the grid on which modern offset changes fall. */
const QUARTER = 900_000;
/** @internal Distance between two offset reads while scanning a block. */
const STEP = 7 * DAY;
/** @internal 400 Gregorian years: 146,097 days, exactly 20,871 weeks. */
const CYCLE = 146_097 * DAY;
/** @internal The first block read from `Intl` (it starts in October 1599). */
const FIRST_BLOCK = -1360;
/** @internal The first instant read from `Intl`; the offset before it is the one at `PAST - 1`. */
const PAST = FIRST_BLOCK * BLOCK;
/** @internal 2200-01-01T00:00Z: from here on, the offsets repeat every `CYCLE`. */
const REPEAT = 7_258_118_400_000;
/** @internal 2600-01-01T00:00Z, one cycle later: the end of what is read from `Intl`. */
const READ_END = REPEAT + CYCLE;
/** @internal The last block read from `Intl` (the one holding `READ_END - 1`). */
const LAST_BLOCK = floorDiv(READ_END - 1, BLOCK);

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

/** Notes of a list of changes: running sums, and for each position the next noted change. */
interface Notes {
  readonly moves: readonly number[];
  /** `sums[i]`: the sum of `moves[0..i-1]`. */
  readonly sums: readonly number[];
  /** `next[i]`: the first `j >= i` with `moves[j] !== 0`, or `moves.length`. */
  readonly next: readonly number[];
}

function notesOf(moves: readonly number[]): Notes {
  const sums = [0];
  for (const m of moves) sums.push((sums[sums.length - 1] as number) + m);
  const next: number[] = new Array(moves.length + 1);
  next[moves.length] = moves.length;
  for (let i = moves.length - 1; i >= 0; i--)
    next[i] = moves[i] !== 0 ? i : (next[i + 1] as number);
  return { moves, sums, next };
}

/** The changes of one cycle of 400 years, from `REPEAT`. */
interface Cycle {
  readonly at: readonly number[];
  readonly before: readonly number[];
  readonly after: readonly number[];
}

/**
 * @internal Options of {@link zoneOffsets}.
 */
export interface ZoneOptions {
  /** What to keep about each change (nothing by default). */
  readonly note?: ChangeNote | undefined;
  /**
   * From this instant on, `note` repeats every 400 years (`CYCLE`): `note(t + CYCLE, b, a)` equals
   * `note(t, b, a)` for `t >= regularFrom` (true of working time once the holidays are over). Until
   * then, notes of repeated changes are asked for each cycle. `-Infinity` by default.
   */
  readonly regularFrom?: number | undefined;
}

/** @internal Reads a zone's offsets through one `Intl.DateTimeFormat`, made here. */
export function zoneOffsets(timeZone: string, options: ZoneOptions = {}): ZoneOffsets {
  // The first `Intl.DateTimeFormat` of a process loads the runtime's time-zone data (tens of
  // milliseconds). UTC needs none of it, so the one spelling that is certainly UTC skips Intl;
  // other aliases of UTC ('Etc/UTC', ...) still get the same answer, through their formatter.
  if (timeZone === 'UTC') return utc;
  const format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
  if (format.resolvedOptions().timeZone === 'UTC') return utc;
  const note: ChangeNote = options.note ?? (() => 0);
  // The first cycle whose notes repeat (all later cycles share them).
  const regularCycle = Math.max(
    1,
    Math.ceil(((options.regularFrom ?? -Infinity) - REPEAT) / CYCLE),
  );

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

  // --- What has been read: blocks FIRST_BLOCK..LAST_BLOCK, lazily. ---

  /** The offset at the first instant of each block read. */
  const bases = new Map<number, number>();
  /** The blocks read, as sorted, disjoint, non-touching runs `[runStart[i], runEnd[i]]`. */
  const runStart: number[] = [];
  const runEnd: number[] = [];
  /** Every change found in the blocks read (before `READ_END`), ascending. */
  const at: number[] = [];
  const before: number[] = [];
  const after: number[] = [];
  const moves: number[] = [];
  /** Sums and next-noted indexes of `moves`; `undefined` once a block has been added since. */
  let derived: Notes | undefined;
  let past: number | undefined;

  /** The first block at or after `index` that has not been read. */
  const firstUnread = (index: number): number => {
    const r = above(runStart, index) - 1;
    return r >= 0 && (runEnd[r] as number) >= index ? (runEnd[r] as number) + 1 : index;
  };

  const markRead = (index: number): void => {
    const r = above(runStart, index); // runs before position r start at or before index
    const joinsLeft = r > 0 && runEnd[r - 1] === index - 1;
    const joinsRight = r < runStart.length && runStart[r] === index + 1;
    if (joinsLeft && joinsRight) {
      runEnd[r - 1] = runEnd[r] as number;
      runStart.splice(r, 1);
      runEnd.splice(r, 1);
    } else if (joinsLeft) runEnd[r - 1] = index;
    else if (joinsRight) runStart[r] = index;
    else {
      runStart.splice(r, 0, index);
      runEnd.splice(r, 0, index);
    }
  };

  /** Reads block `index` from `Intl` and adds its changes; returns the position of its first. */
  const readBlock = (index: number): number => {
    const start = index * BLOCK;
    const end = start + BLOCK - 1;
    const base = read(start);
    const found: [number, number, number][] = [];
    const previous = index === FIRST_BLOCK ? pastOffset() : read(start - 1);
    if (previous !== base) found.push([start, previous, base]);
    let lo = start;
    let offsetAtLo = base;
    for (let probe = Math.min(start + STEP, end); ; probe = Math.min(probe + STEP, end)) {
      const now = read(probe);
      // Every change in (lo, probe]: find the first, then go on from it.
      let from = lo;
      let offset = offsetAtLo;
      while (offset !== now) {
        from = change(from, probe, offset);
        const next = read(from);
        found.push([from, offset, next]);
        offset = next;
      }
      lo = probe;
      offsetAtLo = now;
      if (probe === end) break;
    }
    bases.set(index, base);
    markRead(index);
    const position = above(at, start - 1);
    let i = position;
    for (const [t, b, a] of found) {
      if (t >= READ_END) break; // later changes are the cycle's, moved
      at.splice(i, 0, t);
      before.splice(i, 0, b);
      after.splice(i, 0, a);
      moves.splice(i, 0, note(t, b, a));
      i++;
    }
    if (i > position) derived = undefined;
    return position;
  };

  /** Reads every block of `first..last` not read yet. */
  const readBlocks = (first: number, last: number): void => {
    for (let u = firstUnread(first); u <= last; u = firstUnread(u + 1)) readBlock(u);
  };

  const pastOffset = (): number => {
    past ??= read(PAST - 1);
    return past;
  };

  const notes = (): Notes => {
    derived ??= notesOf(moves);
    return derived;
  };

  /**
   * The first change `T` read from `Intl` with `lo < T < hi` (noted, if `noted`), reading the
   * blocks on the way (`PAST - 1 <= lo`, `hi <= READ_END`).
   */
  const firstRead = (lo: number, hi: number, noted: boolean): number | undefined => {
    let i = above(at, lo);
    if (noted) i = notes().next[i] as number;
    const known = i < at.length ? (at[i] as number) : Number.POSITIVE_INFINITY;
    const limit = Math.min(known, hi);
    // An unread block before the first known candidate may hold an earlier one; blocks are read in
    // order, so the first candidate in one of them is the answer.
    for (let u = firstUnread(floorDiv(lo + 1, BLOCK)); u * BLOCK < limit; u = firstUnread(u + 1)) {
      for (let j = readBlock(u); j < at.length && (at[j] as number) < (u + 1) * BLOCK; j++) {
        const t = at[j] as number;
        if (t > lo && (!noted || moves[j] !== 0)) return t < hi ? t : undefined;
      }
    }
    return known < hi ? known : undefined;
  };

  // --- After READ_END: the changes of REPEAT..READ_END, moved by whole cycles. ---

  let cycle: Cycle | undefined;
  /** Notes of the changes of cycle `k` (cycle 0 is REPEAT..READ_END), for `1 <= k <= regularCycle`. */
  const cycleNotes = new Map<number, Notes>();
  /** `totals[k - 1]`: the sum of the notes of cycles `1..k-1`, for `k <= regularCycle`. */
  const totals: number[] = [0];

  const cycleChanges = (): Cycle => {
    if (cycle === undefined) {
      readBlocks(floorDiv(REPEAT, BLOCK), LAST_BLOCK);
      const first = above(at, REPEAT - 1);
      cycle = { at: at.slice(first), before: before.slice(first), after: after.slice(first) };
    }
    return cycle;
  };

  /** The notes of the changes of cycle `k >= 1`. */
  const notesOfCycle = (k: number): Notes => {
    const key = Math.min(k, regularCycle);
    let found = cycleNotes.get(key);
    if (found === undefined) {
      const c = cycleChanges();
      const shift = key * CYCLE;
      found = notesOf(
        c.at.map((t, i) => note(t + shift, c.before[i] as number, c.after[i] as number)),
      );
      cycleNotes.set(key, found);
    }
    return found;
  };

  /** The sum of the notes of cycles `1..k-1`. */
  const totalBefore = (k: number): number => {
    const upto = Math.min(k, regularCycle);
    while (totals.length < upto) {
      const j = totals.length; // totals[j] = totals[j - 1] + the notes of cycle j
      const n = notesOfCycle(j);
      totals.push((totals[j - 1] as number) + (n.sums[n.moves.length] as number));
    }
    const sum = totals[upto - 1] as number;
    if (k <= regularCycle) return sum;
    const regular = notesOfCycle(regularCycle);
    return sum + (k - regularCycle) * (regular.sums[regular.moves.length] as number);
  };

  /** The sum of the notes of the repeated changes `T` with `READ_END <= T <= x`. */
  const repeatedNotesTo = (x: number): number => {
    if (x < READ_END) return 0;
    const k = floorDiv(x - REPEAT, CYCLE);
    const i = above(cycleChanges().at, x - k * CYCLE);
    return totalBefore(k) + (notesOfCycle(k).sums[i] as number);
  };

  /** The first repeated change `T` with `lo < T < end` (noted, if `noted`); `lo >= READ_END - 1`. */
  const firstRepeated = (lo: number, end: number, noted: boolean): number | undefined => {
    const c = cycleChanges().at;
    if (c.length === 0) return undefined;
    let k = floorDiv(lo + 1 - REPEAT, CYCLE);
    let i = above(c, lo - k * CYCLE);
    for (; REPEAT + k * CYCLE < end; k++, i = 0) {
      const j = noted ? (notesOfCycle(k).next[i] as number) : i;
      if (j < c.length) {
        const t = (c[j] as number) + k * CYCLE;
        return t < end ? t : undefined;
      }
      if (noted && k >= regularCycle && (notesOfCycle(k).next[0] as number) === c.length) {
        return undefined; // from here on every cycle has the same notes, all 0
      }
    }
    return undefined;
  };

  const firstIn = (from: number, to: number, noted: boolean): number | undefined => {
    if (to - from <= 1) return undefined;
    const end = Math.min(to, MAX_INSTANT + 1); // no change after MAX_INSTANT
    if (from < READ_END - 1 && end > PAST) {
      const found = firstRead(Math.max(from, PAST - 1), Math.min(end, READ_END), noted);
      if (found !== undefined) return found;
    }
    return end > READ_END ? firstRepeated(Math.max(from, READ_END - 1), end, noted) : undefined;
  };

  return Object.freeze({
    offsetAt(t: number): number {
      let x = Math.min(t, MAX_INSTANT);
      if (x < PAST) return pastOffset();
      if (x >= READ_END) x -= floorDiv(x - REPEAT, CYCLE) * CYCLE;
      const index = floorDiv(x, BLOCK);
      if (!bases.has(index)) readBlock(index);
      const i = above(at, x) - 1;
      return i >= 0 && (at[i] as number) >= index * BLOCK
        ? (after[i] as number)
        : (bases.get(index) as number);
    },
    firstChangeIn(from: number, to: number): number | undefined {
      return firstIn(from, to, false);
    },
    noteAt(t: number): number {
      if (t < PAST || t > MAX_INSTANT) return 0;
      if (t < READ_END) {
        const index = floorDiv(t, BLOCK);
        if (!bases.has(index)) readBlock(index);
        const i = above(at, t) - 1;
        return i >= 0 && at[i] === t ? (moves[i] as number) : 0;
      }
      const k = floorDiv(t - REPEAT, CYCLE);
      const c = cycleChanges().at;
      const i = above(c, t - k * CYCLE) - 1;
      return i >= 0 && c[i] === t - k * CYCLE ? (notesOfCycle(k).moves[i] as number) : 0;
    },
    firstNotedChangeIn(from: number, to: number): number | undefined {
      return firstIn(from, to, true);
    },
    notesIn(from: number, to: number): number {
      let sum = 0;
      const b = Math.min(to, MAX_INSTANT); // no change after MAX_INSTANT
      if (b <= from) return sum;
      if (from < READ_END - 1 && b >= PAST) {
        const lo = Math.max(from, PAST - 1);
        const hi = Math.min(b, READ_END - 1);
        readBlocks(floorDiv(lo + 1, BLOCK), floorDiv(hi, BLOCK));
        const { sums } = notes();
        sum += (sums[above(at, hi)] as number) - (sums[above(at, lo)] as number);
      }
      if (b >= READ_END) sum += repeatedNotesTo(b) - repeatedNotesTo(Math.max(from, READ_END - 1));
      return sum;
    },
  });
}
