/**
 * A deterministic fingerprint of a command's payload, used to tell a retry (same key, same
 * payload) from a reused key (same key, different payload). No crypto, no randomness.
 *
 * @internal
 * @module
 */

/** @internal JSON with object keys sorted, so equal payloads give equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

function fnv1a32(text: string, basis: number): number {
  let hash = basis;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * @internal Two FNV-1a 32-bit hashes with different offset bases, as 16 hex digits, over the
 * canonical JSON of the event without its `key` and `at`: a retry stamped with a later time by
 * the host is still the same command.
 */
export function fingerprint(event: object): string {
  const { key: _key, at: _at, ...rest } = event as Record<string, unknown>;
  const text = canonicalJson(rest);
  const a = fnv1a32(text, 0x811c9dc5).toString(16).padStart(8, '0');
  const b = fnv1a32(text, 0x050c5d1f).toString(16).padStart(8, '0');
  return a + b;
}
