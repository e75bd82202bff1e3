// A copy of src/complaints/money.ts as it was before its zod check chains were merged into one
// `.check(...)` each (for import speed). Tests only: the twin tests compare its schemas with the
// current ones. Do not edit, except to delete it with those tests.
/**
 * Money for remedies and empowerment limits: an ISO 4217 currency code and an amount in integer
 * minor units (cents, pence, yen), so no float ever touches a refund.
 *
 * @module
 */
import * as z from 'zod';
import { shown } from '../../../src/complaints/internal.js';

// The table is ISO 4217 "list one" (current currencies and funds, maintained for ISO by SIX
// Financial Information), as carried by the Debian iso-codes project (the copy in pycountry
// 26.2.16, February 2026), with the minor-unit column of that list. Left out, because they are
// not money a customer is paid in: funds codes (BOV, CHE, CHW, CLF, COU, MXV, USN, UYI, UYW),
// precious metals (XAG, XAU, XPD, XPT), units of account and bond-market units (XAD, XBA, XBB,
// XBC, XBD, XDR, XSU, XUA) and the testing and "no currency" codes (XTS, XXX). Kept although
// withdrawn: BGN (Bulgaria adopted the euro on 1 January 2026), so stored amounts in leva still
// read. Amounts are integer minor units, so the digits MUST be ISO's, not CLDR's display digits
// (see `cldrDisplayDigits`).
// biome-ignore format: a compact table reads better than one code per line
const minorUnits = {
  AED: 2, AFN: 2, ALL: 2, AMD: 2, AOA: 2, ARS: 2, AUD: 2, AWG: 2, AZN: 2, BAM: 2, BBD: 2, BDT: 2,
  BGN: 2, BHD: 3, BIF: 0, BMD: 2, BND: 2, BOB: 2, BRL: 2, BSD: 2, BTN: 2, BWP: 2, BYN: 2, BZD: 2,
  CAD: 2, CDF: 2, CHF: 2, CLP: 0, CNY: 2, COP: 2, CRC: 2, CUP: 2, CVE: 2, CZK: 2, DJF: 0, DKK: 2,
  DOP: 2, DZD: 2, EGP: 2, ERN: 2, ETB: 2, EUR: 2, FJD: 2, FKP: 2, GBP: 2, GEL: 2, GHS: 2, GIP: 2,
  GMD: 2, GNF: 0, GTQ: 2, GYD: 2, HKD: 2, HNL: 2, HTG: 2, HUF: 2, IDR: 2, ILS: 2, INR: 2, IQD: 3,
  IRR: 2, ISK: 0, JMD: 2, JOD: 3, JPY: 0, KES: 2, KGS: 2, KHR: 2, KMF: 0, KPW: 2, KRW: 0, KWD: 3,
  KYD: 2, KZT: 2, LAK: 2, LBP: 2, LKR: 2, LRD: 2, LSL: 2, LYD: 3, MAD: 2, MDL: 2, MGA: 2, MKD: 2,
  MMK: 2, MNT: 2, MOP: 2, MRU: 2, MUR: 2, MVR: 2, MWK: 2, MXN: 2, MYR: 2, MZN: 2, NAD: 2, NGN: 2,
  NIO: 2, NOK: 2, NPR: 2, NZD: 2, OMR: 3, PAB: 2, PEN: 2, PGK: 2, PHP: 2, PKR: 2, PLN: 2, PYG: 0,
  QAR: 2, RON: 2, RSD: 2, RUB: 2, RWF: 0, SAR: 2, SBD: 2, SCR: 2, SDG: 2, SEK: 2, SGD: 2, SHP: 2,
  SLE: 2, SOS: 2, SRD: 2, SSP: 2, STN: 2, SVC: 2, SYP: 2, SZL: 2, THB: 2, TJS: 2, TMT: 2, TND: 3,
  TOP: 2, TRY: 2, TTD: 2, TWD: 2, TZS: 2, UAH: 2, UGX: 0, USD: 2, UYU: 2, UZS: 2, VED: 2, VES: 2,
  VND: 0, VUV: 0, WST: 2, XAF: 0, XCD: 2, XCG: 2, XOF: 0, XPF: 0, YER: 2, ZAR: 2, ZMW: 2, ZWG: 2,
} as const satisfies Record<CurrencyCode, 0 | 2 | 3>;

/**
 * Active ISO 4217 currency codes the library accepts, each with its number of minor-unit digits
 * as ISO 4217 lists them (2 for EUR: 1 euro = 100 cents; 0 for JPY; 3 for KWD). A code not
 * listed here is rejected. 156 codes: ISO 4217's 155 current currencies (funds codes, precious
 * metals, units of account and testing codes left out), plus BGN, withdrawn in 2026 but kept so
 * stored amounts still read.
 *
 * @example
 * ```ts
 * import { currencyMinorUnits } from 'servicecraft/complaints';
 *
 * currencyMinorUnits.EUR; // 2
 * currencyMinorUnits.JPY; // 0
 * currencyMinorUnits.IQD; // 3 (ISO 4217; CLDR displays 0 digits)
 * ```
 *
 * @category Complaints
 */
export const currencyMinorUnits: Readonly<Record<CurrencyCode, 0 | 2 | 3>> =
  Object.freeze(minorUnits);

/**
 * A currency code listed in {@link currencyMinorUnits}.
 *
 * @category Complaints
 */
// biome-ignore format: a compact list reads better than one code per line
export type CurrencyCode =
  | 'AED' | 'AFN' | 'ALL' | 'AMD' | 'AOA' | 'ARS' | 'AUD' | 'AWG' | 'AZN' | 'BAM' | 'BBD'
  | 'BDT' | 'BGN' | 'BHD' | 'BIF' | 'BMD' | 'BND' | 'BOB' | 'BRL' | 'BSD' | 'BTN' | 'BWP'
  | 'BYN' | 'BZD' | 'CAD' | 'CDF' | 'CHF' | 'CLP' | 'CNY' | 'COP' | 'CRC' | 'CUP' | 'CVE'
  | 'CZK' | 'DJF' | 'DKK' | 'DOP' | 'DZD' | 'EGP' | 'ERN' | 'ETB' | 'EUR' | 'FJD' | 'FKP'
  | 'GBP' | 'GEL' | 'GHS' | 'GIP' | 'GMD' | 'GNF' | 'GTQ' | 'GYD' | 'HKD' | 'HNL' | 'HTG'
  | 'HUF' | 'IDR' | 'ILS' | 'INR' | 'IQD' | 'IRR' | 'ISK' | 'JMD' | 'JOD' | 'JPY' | 'KES'
  | 'KGS' | 'KHR' | 'KMF' | 'KPW' | 'KRW' | 'KWD' | 'KYD' | 'KZT' | 'LAK' | 'LBP' | 'LKR'
  | 'LRD' | 'LSL' | 'LYD' | 'MAD' | 'MDL' | 'MGA' | 'MKD' | 'MMK' | 'MNT' | 'MOP' | 'MRU'
  | 'MUR' | 'MVR' | 'MWK' | 'MXN' | 'MYR' | 'MZN' | 'NAD' | 'NGN' | 'NIO' | 'NOK' | 'NPR'
  | 'NZD' | 'OMR' | 'PAB' | 'PEN' | 'PGK' | 'PHP' | 'PKR' | 'PLN' | 'PYG' | 'QAR' | 'RON'
  | 'RSD' | 'RUB' | 'RWF' | 'SAR' | 'SBD' | 'SCR' | 'SDG' | 'SEK' | 'SGD' | 'SHP' | 'SLE'
  | 'SOS' | 'SRD' | 'SSP' | 'STN' | 'SVC' | 'SYP' | 'SZL' | 'THB' | 'TJS' | 'TMT' | 'TND'
  | 'TOP' | 'TRY' | 'TTD' | 'TWD' | 'TZS' | 'UAH' | 'UGX' | 'USD' | 'UYU' | 'UZS' | 'VED'
  | 'VES' | 'VND' | 'VUV' | 'WST' | 'XAF' | 'XCD' | 'XCG' | 'XOF' | 'XPF' | 'YER' | 'ZAR'
  | 'ZMW' | 'ZWG';

/**
 * Where CLDR (the Unicode locale data behind `Intl.NumberFormat`) shows fewer digits than ISO 4217
 * has minor units: CLDR drops digits nobody writes in practice (no one prices in Hungarian
 * fillér), ISO keeps the legal subdivision. Amounts here are ISO minor units, so formatting always
 * asks Intl for ISO's digits explicitly; this list documents the differences (checked by a test
 * against the running Node's CLDR data).
 *
 * @internal
 */
// biome-ignore format: a compact table
export const cldrDisplayDigits: Readonly<Partial<Record<CurrencyCode, number>>> = Object.freeze({
  AFN: 0, ALL: 0, COP: 0, HUF: 0, IDR: 0, IQD: 0, IRR: 0, KPW: 0, LAK: 0, LBP: 0, MGA: 0,
  MMK: 0, PKR: 0, SOS: 0, SYP: 0, YER: 0,
});

/**
 * Whether a string is a currency code the library accepts (upper case, listed in
 * {@link currencyMinorUnits}).
 *
 * @example
 * ```ts
 * import { isCurrencyCode } from 'servicecraft/complaints';
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
 * import { currencySchema } from 'servicecraft/complaints';
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
 * import { moneySchema } from 'servicecraft/complaints';
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
 * How {@link formatMoney} renders an amount for a locale.
 *
 * @category Complaints
 */
export interface FormatMoneyOptions {
  /**
   * A BCP 47 locale (`'de-DE'`) or a list of them: the amount is formatted with
   * `Intl.NumberFormat` for it (grouping, decimal sign, symbol placement). Without one the output
   * is the locale-free `EUR 12.50`.
   */
  readonly locale?: string | readonly string[];
  /** How to show the currency with a locale: `'symbol'` (default), `'code'`, `'name'`, `'narrowSymbol'`. */
  readonly currencyDisplay?: 'symbol' | 'narrowSymbol' | 'code' | 'name';
}

/**
 * Renders money for people. Without a locale: the code, a space and the amount with its
 * minor-unit digits and a full stop (`EUR 12.50`, `JPY 1200`), the same in every runtime. With
 * `{ locale }`: `Intl.NumberFormat` for that locale, always with ISO 4217's minor-unit digits (so
 * 1500 fils read `IQD 1.500`, where CLDR alone would round to whole dinars), and exact for every
 * safe-integer amount (the decimal is passed to Intl as a string, never divided as a float).
 *
 * @example
 * ```ts
 * import { formatMoney } from 'servicecraft/complaints';
 *
 * formatMoney({ amount: 1250, currency: 'EUR' }); // 'EUR 12.50'
 * formatMoney({ amount: 1200, currency: 'JPY' }); // 'JPY 1200'
 * formatMoney({ amount: 123456, currency: 'EUR' }, { locale: 'de-DE' }); // '1.234,56 €'
 * formatMoney({ amount: 1250, currency: 'GBP' }, { locale: 'en-GB' }); // '£12.50'
 * ```
 *
 * @param money - The amount (integer minor units) and currency.
 * @param options - `locale` to format with Intl for a locale; `currencyDisplay` to choose the
 *   currency's form.
 * @returns The formatted amount.
 * @throws `RangeError` (from Intl) for a locale tag that is not well-formed.
 * @category Complaints
 */
export function formatMoney(money: Money, options?: FormatMoneyOptions): string {
  const digits = currencyMinorUnits[money.currency];
  const decimal = decimalText(money.amount, digits);
  if (options?.locale === undefined) return `${money.currency} ${decimal}`;
  const format = new Intl.NumberFormat(options.locale as string | string[], {
    style: 'currency',
    currency: money.currency,
    currencyDisplay: options.currencyDisplay ?? 'symbol',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  // A decimal string is formatted exactly (Intl.NumberFormat v3, Node 20+); a float is not.
  return format.format(decimal as unknown as number);
}

/** `1250, 2` → `'12.50'`; `1200, 0` → `'1200'`. Exact for any safe integer. */
function decimalText(amount: number, digits: number): string {
  if (digits === 0) return String(amount);
  const text = String(amount).padStart(digits + 1, '0');
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
