/**
 * The field-by-field copies in src/loyalty/clone.ts list the context's fields by hand. A field
 * added to the schema and forgotten there would be dropped from every context a command makes:
 * these tests tie both lists to the schema.
 */
import { describe, expect, it } from 'vitest';
import { cloneContext, cloneTotals } from '../../src/loyalty/clone.js';
import { membershipContextSchema } from '../../src/loyalty/context.js';

const totalsSchema = membershipContextSchema.shape.totals.unwrap();

describe('cloneContext and cloneTotals', () => {
  it('copy exactly the fields of the context schema, in its order', () => {
    const keys = Object.keys(membershipContextSchema.shape);
    const context = Object.fromEntries(keys.map((key, i) => [key, i]));
    const copy = cloneContext(context as never);
    expect(Object.keys(copy)).toEqual(keys);
    expect(copy).toEqual(context);
    expect(copy).not.toBe(context);
  });

  it('copy exactly the fields of the totals schema, in its order', () => {
    const keys = Object.keys(totalsSchema.shape);
    const totals = Object.fromEntries(keys.map((key, i) => [key, i]));
    const copy = cloneTotals(totals as never);
    expect(Object.keys(copy)).toEqual(keys);
    expect(copy).toEqual(totals);
    expect(copy).not.toBe(totals);
  });
});
