// A copy of src/complaints/actor.ts as it was before its zod check chains were merged into one
// `.check(...)` each (for import speed). Tests only: the twin tests compare its schemas with the
// current ones. Do not edit, except to delete it with those tests.
/**
 * Who did what: actor ids are compared after one documented normalisation, so a rule such as
 * "the decider cannot approve their own remedy" cannot be bypassed by writing the same id with
 * other letter case, compatibility characters or invisible code points.
 *
 * @module
 */
import * as z from 'zod';

const ignorable = /\p{Default_Ignorable_Code_Point}/gu;

/**
 * The form in which complaint rules compare actor ids (`by`, owner ids, approvers). Two ids name
 * the same actor when their normalised forms are equal. The steps, in order:
 *
 * 1. Unicode NFKC normalisation: compatibility characters become their plain form (fullwidth
 *    `ａｎａ` becomes `ana`, the ligature `ﬁ` becomes `fi`);
 * 2. case folding by `toLowerCase()` (locale-independent; a simple fold, not full Unicode case
 *    folding: `ß` stays `ß`);
 * 3. removal of every default-ignorable code point (`/\p{Default_Ignorable_Code_Point}/u`: zero
 *    width spaces and joiners, soft hyphens, variation selectors, ...);
 * 4. trimming of white space at both ends.
 *
 * The stored ids are never rewritten: snapshots keep what was sent; only comparisons use this
 * form. An id whose normalised form is empty (only invisible characters) is refused by the event
 * schemas as an invalid payload.
 *
 * @example
 * ```ts
 * import { normalizeActorId } from 'servicecraft/complaints';
 *
 * normalizeActorId('ANA'); // 'ana'
 * normalizeActorId('ａｎａ'); // 'ana' (fullwidth letters)
 * normalizeActorId('an\u200ba'); // 'ana' (a zero width space removed)
 * normalizeActorId('\u200b\u2060'); // '' (nothing visible)
 * ```
 *
 * @param id - An actor id as sent in an event.
 * @returns The form used to compare it with other ids.
 * @category Complaints
 */
export function normalizeActorId(id: string): string {
  return id.normalize('NFKC').toLowerCase().replace(ignorable, '').trim();
}

/** @internal Whether two actor ids name the same actor (see {@link normalizeActorId}). */
export function sameActor(a: string, b: string): boolean {
  return normalizeActorId(a) === normalizeActorId(b);
}

/** @internal The longest actor id accepted, in UTF-16 code units before normalisation. */
export const maxActorIdLength = 200;

/** @internal The zod schema of an actor id in events and in the context. */
export const actorIdSchema = z
  .string({ error: 'An actor id must be a string.' })
  .trim()
  .min(1, { error: 'An actor id must name who acted; it is empty.', abort: true })
  .max(maxActorIdLength, {
    error: `An actor id is at most ${maxActorIdLength} characters long.`,
    abort: true,
  })
  .refine((id) => normalizeActorId(id) !== '', {
    error:
      'An actor id must contain a visible character; this one is only white space or invisible characters (zero width spaces, joiners, ...).',
  });
