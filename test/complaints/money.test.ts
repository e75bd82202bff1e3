import { describe, expect, it } from 'vitest';
import {
  closureReasonSchema,
  currencyMinorUnits,
  currencySchema,
  formatMoney,
  isCurrencyCode,
  moneySchema,
  needsAcceptance,
} from '../../src/complaints/index.js';

describe('money', () => {
  it('knows currency codes and their digits', () => {
    expect(isCurrencyCode('EUR')).toBe(true);
    expect(isCurrencyCode('eur')).toBe(false);
    expect(isCurrencyCode('toString')).toBe(false);
    expect(isCurrencyCode(42)).toBe(false);
    expect(Object.values(currencyMinorUnits).every((d) => d === 0 || d === 2 || d === 3)).toBe(
      true,
    );
    const bad = currencySchema.safeParse('ABC');
    expect(bad.success || bad.error.issues[0]?.message).toBe(
      'Unknown currency code "ABC"; use an upper-case ISO 4217 code such as EUR, GBP or USD (see currencyMinorUnits).',
    );
  });

  it.each([
    [{ amount: 0, currency: 'EUR' }, true],
    [{ amount: Number.MAX_SAFE_INTEGER, currency: 'JPY' }, true],
    [{ amount: -1, currency: 'EUR' }, false],
    [{ amount: 0.5, currency: 'EUR' }, false],
    [{ amount: Number.MAX_SAFE_INTEGER + 1, currency: 'EUR' }, false],
    [{ amount: '100', currency: 'EUR' }, false],
    [{ amount: 1, currency: 'XYZ' }, false],
    [{ amount: 1, currency: 'EUR', extra: 1 }, false],
  ])('moneySchema %o → %s', (value, ok) => {
    expect(moneySchema.safeParse(value).success).toBe(ok);
  });

  it('formats with minor-unit digits', () => {
    expect(formatMoney({ amount: 1250, currency: 'EUR' })).toBe('EUR 12.50');
    expect(formatMoney({ amount: 5, currency: 'USD' })).toBe('USD 0.05');
    expect(formatMoney({ amount: 1200, currency: 'JPY' })).toBe('JPY 1200');
    expect(formatMoney({ amount: 1234, currency: 'KWD' })).toBe('KWD 1.234');
  });
});

describe('closure reasons', () => {
  it('parse each kind and know which need acceptance', () => {
    const kinds = [
      { kind: 'explained', explanation: 'x' },
      { kind: 'monetaryRemedy', amount: { amount: 1, currency: 'GBP' } },
      { kind: 'nonMonetaryRemedy', remedy: 'x' },
      { kind: 'withdrawn' },
      { kind: 'duplicate', of: 'C-1' },
      { kind: 'referred', to: 'FOS' },
    ];
    const parsed = kinds.map((k) => closureReasonSchema.parse(k));
    expect(parsed).toEqual(kinds);
    expect(parsed.map(needsAcceptance)).toEqual([true, true, true, false, false, false]);
    expect(closureReasonSchema.safeParse({ kind: 'refund' }).success).toBe(false);
  });
});
