/**
 * Money for remedies and empowerment limits: an ISO 4217 currency code and an amount in integer
 * minor units (cents, pence, yen), so no float ever touches a refund.
 *
 * @module
 */
import * as z from 'zod';
import { shown } from './internal.js';

/**
 * Active ISO 4217 currency codes the library accepts, each with its number of minor-unit digits
 * (2 for EUR: 1 euro = 100 cents; 0 for JPY; 3 for KWD). A code not listed here is rejected.
 *
 * @example
 * ```ts
 * import { currencyMinorUnits } from 'servicecraft';
 *
 * currencyMinorUnits.EUR; // 2
 * currencyMinorUnits.JPY; // 0
 * ```
 *
 * @category Complaints
 */
// biome-ignore format: a compact table reads better than one code per line
export const currencyMinorUnits: Readonly<Record<CurrencyCode, 0 | 2 | 3>> = Object.freeze({
  AED: 2, ARS: 2, AUD: 2, BGN: 2, BHD: 3, BIF: 0, BRL: 2, CAD: 2, CHF: 2, CLP: 0, CNY: 2,
  COP: 2, CZK: 2, DJF: 0, DKK: 2, EGP: 2, EUR: 2, GBP: 2, GNF: 0, HKD: 2, HUF: 2, IDR: 2,
  ILS: 2, INR: 2, IQD: 3, ISK: 0, JOD: 3, JPY: 0, KES: 2, KMF: 0, KRW: 0, KWD: 3, LYD: 3,
  MAD: 2, MXN: 2, MYR: 2, NGN: 2, NOK: 2, NZD: 2, OMR: 3, PEN: 2, PHP: 2, PKR: 2, PLN: 2,
  PYG: 0, QAR: 2, RON: 2, RSD: 2, RWF: 0, SAR: 2, SEK: 2, SGD: 2, THB: 2, TND: 3, TRY: 2,
  TWD: 2, UAH: 2, UGX: 0, USD: 2, UYU: 2, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0, ZAR: 2,
});

/**
 * A currency code listed in {@link currencyMinorUnits}.
 *
 * @category Complaints
 */
// biome-ignore format: a compact list
export type CurrencyCode =
  | 'AED'
  | 'ARS'
  | 'AUD'
  | 'BGN'
  | 'BHD'
  | 'BIF'
  | 'BRL'
  | 'CAD'
  | 'CHF'
  | 'CLP'
  | 'CNY'
  | 'COP'
  | 'CZK'
  | 'DJF'
  | 'DKK'
  | 'EGP'
  | 'EUR'
  | 'GBP'
  | 'GNF'
  | 'HKD'
  | 'HUF'
  | 'IDR'
  | 'ILS'
  | 'INR'
  | 'IQD'
  | 'ISK'
  | 'JOD'
  | 'JPY'
  | 'KES'
  | 'KMF'
  | 'KRW'
  | 'KWD'
  | 'LYD'
  | 'MAD'
  | 'MXN'
  | 'MYR'
  | 'NGN'
  | 'NOK'
  | 'NZD'
  | 'OMR'
  | 'PEN'
  | 'PHP'
  | 'PKR'
  | 'PLN'
  | 'PYG'
  | 'QAR'
  | 'RON'
  | 'RSD'
  | 'RWF'
  | 'SAR'
  | 'SEK'
  | 'SGD'
  | 'THB'
  | 'TND'
  | 'TRY'
  | 'TWD'
  | 'UAH'
  | 'UGX'
  | 'USD'
  | 'UYU'
  | 'VND'
  | 'VUV'
  | 'XAF'
  | 'XOF'
  | 'XPF'
  | 'ZAR';

/**
 * Whether a string is a currency code the library accepts (upper case, listed in
 * {@link currencyMinorUnits}).
 *
 * @example
 * ```ts
 * import { isCurrencyCode } from 'servicecraft';
 *
 * isCurrencyCode('GBP'); // true
 * isCurrencyCode('XYZ'); // false
 * ```
 *
 * @param code - The value to test.
 * @returns `true` for a listed code.
 * @category Complaints
 */
export function isCurrencyCode(code: unknown): code is CurrencyCode {
  return typeof code === 'string' && Object.hasOwn(currencyMinorUnits, code);
}

/**
 * The zod schema of a currency code: rejects anything not in {@link currencyMinorUnits} with a
 * message naming the code received.
 *
 * @example
 * ```ts
 * import { currencySchema } from 'servicecraft';
 *
 * currencySchema.safeParse('EUR').success; // true
 * currencySchema.safeParse('eur').success; // false: codes are upper case
 * ```
 *
 * @category Complaints
 */
export const currencySchema: z.ZodType<CurrencyCode, string> = z.string().refine(isCurrencyCode, {
  error: (issue) =>
    `Unknown currency code ${shown(issue.input)}; use an upper-case ISO 4217 code such as EUR, GBP or USD (see currencyMinorUnits).`,
}) as unknown as z.ZodType<CurrencyCode, string>;

/**
 * An amount of money: integer minor units and a currency.
 *
 * @category Complaints
 */
export interface Money {
  /** Minor units (cents for EUR), a non-negative safe integer: 1250 is EUR 12.50. */
  readonly amount: number;
  /** The ISO 4217 code. */
  readonly currency: CurrencyCode;
}

/**
 * The zod schema of {@link Money}: a non-negative safe-integer amount in minor units and a known
 * currency code. Fractional, negative and unsafe amounts are rejected with a sentence saying why.
 *
 * @example
 * ```ts
 * import { moneySchema } from 'servicecraft';
 *
 * moneySchema.safeParse({ amount: 1250, currency: 'EUR' }).success; // true
 * moneySchema.safeParse({ amount: 12.5, currency: 'EUR' }).success; // false
 * ```
 *
 * @category Complaints
 */
export const moneySchema: z.ZodType<Money> = z.strictObject({
  amount: z
    .number({ error: 'The amount must be a number of minor units (1250 for 12.50).' })
    .int({
      error: 'The amount must be a whole number of minor units (1250 for 12.50), not a fraction.',
    })
    .nonnegative({ error: 'The amount cannot be negative.' })
    .max(Number.MAX_SAFE_INTEGER, { error: 'The amount is too large to count exactly.' }),
  currency: currencySchema,
});

/**
 * Renders money for people, e.g. `EUR 12.50` or `JPY 1200`, using the currency's minor-unit digits.
 *
 * @example
 * ```ts
 * import { formatMoney } from 'servicecraft';
 *
 * formatMoney({ amount: 1250, currency: 'EUR' }); // 'EUR 12.50'
 * formatMoney({ amount: 1200, currency: 'JPY' }); // 'JPY 1200'
 * ```
 *
 * @param money - The amount and currency.
 * @returns The code, a space, and the amount with its decimal point.
 * @category Complaints
 */
export function formatMoney(money: Money): string {
  const digits = currencyMinorUnits[money.currency];
  if (digits === 0) return `${money.currency} ${money.amount}`;
  const text = String(money.amount).padStart(digits + 1, '0');
  return `${money.currency} ${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
