import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CurrencyCode,
  currencyMinorUnits,
  formatMoney,
  isCurrencyCode,
} from '../../src/complaints/index.js';
import { cldrDisplayDigits } from '../../src/complaints/money.js';

const codes = Object.keys(currencyMinorUnits) as CurrencyCode[];
const excluded =
  'XAU XAG XPT XPD XTS XXX XDR XSU XUA XBA XBB XBC XBD XAD BOV CLF COU MXV USN UYI UYW CHE CHW';

/** Reads minor units back from Intl's parts: the integer and fraction digits, joined. */
function minorFromParts(parts: Intl.NumberFormatPart[]): { minor: bigint; fraction: number } {
  const digits = (type: string) =>
    parts
      .filter((p) => p.type === type)
      .map((p) => p.value)
      .join('');
  const fraction = digits('fraction');
  return { minor: BigInt(digits('integer') + fraction), fraction: fraction.length };
}

describe('the ISO 4217 table', () => {
  it('has the active codes, without funds, metals, units of account and testing codes', () => {
    expect(codes.length).toBe(156);
    for (const code of excluded.split(' ')) expect(isCurrencyCode(code)).toBe(false);
    for (const code of ['EUR', 'USD', 'GBP', 'VED', 'SLE', 'ZWG', 'XCG', 'MRU', 'STN', 'BGN']) {
      expect(isCurrencyCode(code)).toBe(true);
    }
    for (const withdrawn of ['HRK', 'ZWL', 'SLL', 'ANG', 'CUC', 'MRO', 'STD', 'VEF']) {
      expect(isCurrencyCode(withdrawn)).toBe(false);
    }
  });

  it.each([
    ['JPY', 0],
    ['KRW', 0],
    ['CLP', 0],
    ['ISK', 0],
    ['VND', 0],
    ['KWD', 3],
    ['BHD', 3],
    ['IQD', 3],
    ['TND', 3],
    ['EUR', 2],
    ['HUF', 2],
    ['COP', 2],
  ] as const)('%s has %i minor-unit digits (ISO 4217)', (code, digits) => {
    expect(currencyMinorUnits[code]).toBe(digits);
  });

  it("agrees with this Node's CLDR digits except for the documented differences", () => {
    const known = new Set(Intl.supportedValuesOf('currency'));
    for (const code of codes) {
      if (!known.has(code)) continue; // VED: not in CLDR's list
      const cldr = new Intl.NumberFormat('en', {
        style: 'currency',
        currency: code,
      }).resolvedOptions().maximumFractionDigits;
      expect([code, cldr]).toEqual([code, cldrDisplayDigits[code] ?? currencyMinorUnits[code]]);
    }
  });
});

describe('formatMoney', () => {
  it('keeps the locale-free output for existing callers', () => {
    expect(formatMoney({ amount: 1250, currency: 'EUR' })).toBe('EUR 12.50');
    expect(formatMoney({ amount: 1200, currency: 'JPY' })).toBe('JPY 1200');
    expect(formatMoney({ amount: 5, currency: 'KWD' })).toBe('KWD 0.005');
    expect(formatMoney({ amount: 990, currency: 'CLP' })).toBe('CLP 990');
  });

  it.each([
    [{ amount: 123456, currency: 'EUR' }, 'de-DE', '1.234,56\u00a0€'],
    [{ amount: 123456, currency: 'EUR' }, 'en-IE', '€1,234.56'],
    [{ amount: 1200, currency: 'JPY' }, 'ja-JP', '￥1,200'],
    [{ amount: 1234, currency: 'KWD' }, 'en', 'KWD\u00a01.234'],
    [{ amount: 1500, currency: 'IQD' }, 'en', 'IQD\u00a01.500'],
    [{ amount: 990, currency: 'CLP' }, 'es-CL', '$990'],
    [{ amount: 5000, currency: 'ISK' }, 'is-IS', '5.000\u00a0kr.'],
    [{ amount: 150, currency: 'HUF' }, 'hu-HU', '1,50\u00a0Ft'],
  ] as const)('%o in %s is %s', (money, locale, text) => {
    expect(formatMoney(money, { locale })).toBe(text);
  });

  it('uses the currency display asked for', () => {
    expect(
      formatMoney({ amount: 1250, currency: 'GBP' }, { locale: 'en-GB', currencyDisplay: 'code' }),
    ).toBe('GBP\u00a012.50');
    expect(
      formatMoney({ amount: 100, currency: 'USD' }, { locale: 'en', currencyDisplay: 'name' }),
    ).toBe('1.00 US dollars');
  });

  it('is exact at the largest safe amount', () => {
    const money = { amount: Number.MAX_SAFE_INTEGER, currency: 'EUR' as const };
    expect(formatMoney(money)).toBe('EUR 90071992547409.91');
    expect(formatMoney(money, { locale: 'en' })).toBe('€90,071,992,547,409.91');
  });

  it('for every currency, the formatted amount reads back as the same minor units (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...codes),
        fc.maxSafeNat(),
        fc.constantFrom('en', 'de-DE', 'fr-FR', 'ar-EG', 'hi-IN', 'ja-JP'),
        (currency, amount, locale) => {
          const digits = currencyMinorUnits[currency];
          // Locale-free: code, space, the digits with a full stop before the last `digits`.
          const plain = formatMoney({ amount, currency });
          const [code, number = ''] = plain.split(' ');
          expect(code).toBe(currency);
          expect(number.split('.')[1]?.length ?? 0).toBe(digits);
          expect(BigInt(number.replace('.', ''))).toBe(BigInt(amount));
          // Intl: the fraction has exactly ISO's digits and the digits read back as the amount.
          const format = new Intl.NumberFormat(locale, {
            style: 'currency',
            currency,
            minimumFractionDigits: digits,
            maximumFractionDigits: digits,
            numberingSystem: 'latn',
          });
          const text = formatMoney({ amount, currency }, { locale: `${locale}-u-nu-latn` });
          expect(text).toBe(format.format(plainDecimal(amount, digits) as unknown as number));
          const { minor, fraction } = minorFromParts(
            format.formatToParts(plainDecimal(amount, digits) as unknown as number),
          );
          expect(fraction).toBe(digits);
          expect(minor).toBe(BigInt(amount));
        },
      ),
      { numRuns: 500 },
    );
  });
});

/** The amount as a decimal string, independently of the implementation: via BigInt. */
function plainDecimal(amount: number, digits: number): string {
  const scale = 10n ** BigInt(digits);
  const whole = BigInt(amount) / scale;
  const rest = (BigInt(amount) % scale).toString().padStart(digits, '0');
  return digits === 0 ? whole.toString() : `${whole}.${rest}`;
}
