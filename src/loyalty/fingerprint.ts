/**
 * A deterministic fingerprint of a command's payload, used to tell a retry (same key, same
 * payload) from a reused key (same key, different payload): SHA-256 over a canonical JSON form,
 * written in plain TypeScript so the library needs no platform crypto module. No randomness, no
 * clock.
 *
 * @internal
 * @module
 */

/**
 * @internal JSON with object keys sorted, so equal payloads give equal text. Values with a
 * `toJSON` method (a `Date`, say) are replaced by its result first, as `JSON.stringify` does;
 * `undefined` object fields are left out; numbers that JSON cannot hold (`NaN`, `Infinity`) read
 * as `null`.
 */
export function canonicalJson(value: unknown): string {
  let v = value;
  if (
    v !== null &&
    typeof v === 'object' &&
    typeof (v as { toJSON?: unknown }).toJSON === 'function'
  )
    v = (v as { toJSON: () => unknown }).toJSON();
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const obj = v as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined && typeof obj[k] !== 'function')
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** The number of UTF-8 bytes of a string (a lone surrogate counts as U+FFFD: 3 bytes). */
function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/**
 * Writes the UTF-8 bytes of a string into `out` from index 0, by hand: the library relies on no
 * platform global (`TextEncoder` is not in every runtime's typings). A lone surrogate is encoded
 * as U+FFFD, as `TextEncoder` does.
 */
function utf8Into(text: string, out: Uint8Array): void {
  let j = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      out[j++] = c;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else {
        c = 0xfffd;
      }
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      c = 0xfffd;
    }
    if (c < 0x800) {
      out[j++] = 0xc0 | (c >> 6);
      out[j++] = 0x80 | (c & 0x3f);
    } else if (c < 0x10000) {
      out[j++] = 0xe0 | (c >> 12);
      out[j++] = 0x80 | ((c >> 6) & 0x3f);
      out[j++] = 0x80 | (c & 0x3f);
    } else {
      out[j++] = 0xf0 | (c >> 18);
      out[j++] = 0x80 | ((c >> 12) & 0x3f);
      out[j++] = 0x80 | ((c >> 6) & 0x3f);
      out[j++] = 0x80 | (c & 0x3f);
    }
  }
}

/** Two lowercase hex digits for each byte value. */
const byteHex: readonly string[] = Array.from({ length: 256 }, (_, i) =>
  i.toString(16).padStart(2, '0'),
);
const hex = (x: number) =>
  (byteHex[x >>> 24] as string) +
  (byteHex[(x >>> 16) & 0xff] as string) +
  (byteHex[(x >>> 8) & 0xff] as string) +
  (byteHex[x & 0xff] as string);

/** Whether every UTF-16 unit of `text` is ASCII (so each is one UTF-8 byte, itself). */
function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) return false;
  return true;
}

/**
 * The big-endian word at byte `p` of the padded message (the message, one 0x80 byte, zeros; the
 * length goes in afterwards), read from an ASCII string, or from `bytes` when given (the UTF-8 of
 * any other string). The words wholly inside an ASCII message are read inline by the caller.
 */
function word(text: string, bytes: Uint8Array | undefined, length: number, p: number): number {
  let x = 0;
  for (let q = p; q < p + 4; q++) {
    const byte =
      q < length
        ? bytes === undefined
          ? text.charCodeAt(q)
          : (bytes[q] as number)
        : q === length
          ? 0x80
          : 0;
    x = (x << 8) | byte;
  }
  return x;
}

/**
 * @internal The SHA-256 digest (FIPS 180-4) of a string's UTF-8 bytes, as 64 lowercase hex digits.
 * Every call works on its own arrays: nothing is shared between calls. An ASCII string (the
 * fingerprint of a command with plain ids) is read straight into the message words, with no byte
 * buffer in between; any other string is encoded to UTF-8 first. The rounds use 32-bit integer
 * arithmetic on local variables (`| 0` wraps as the standard's addition modulo 2^32).
 */
export function sha256(text: string): string {
  let bytes: Uint8Array | undefined;
  let length = text.length;
  if (!isAscii(text)) {
    length = utf8Length(text);
    bytes = new Uint8Array(length);
    utf8Into(text, bytes);
  }
  // Message, one 0x80 byte, zero padding, then the 64-bit length: a multiple of 64 bytes.
  const end = Math.ceil((length + 9) / 64) * 64;
  let h0 = 0x6a09e667 | 0;
  let h1 = 0xbb67ae85 | 0;
  let h2 = 0x3c6ef372 | 0;
  let h3 = 0xa54ff53a | 0;
  let h4 = 0x510e527f | 0;
  let h5 = 0x9b05688c | 0;
  let h6 = 0x1f83d9ab | 0;
  let h7 = 0x5be0cd19 | 0;
  const w: number[] = [];
  for (let offset = 0; offset < end; offset += 64) {
    for (let i = 0; i < 16; i++) {
      const p = offset + i * 4;
      w[i] =
        bytes === undefined && p + 3 < length
          ? (text.charCodeAt(p) << 24) |
            (text.charCodeAt(p + 1) << 16) |
            (text.charCodeAt(p + 2) << 8) |
            text.charCodeAt(p + 3)
          : word(text, bytes, length, p);
    }
    if (offset + 64 === end) {
      w[14] = Math.floor(length / 0x2000_0000); // (length * 8) / 2^32
      w[15] = (length * 8) | 0;
    }
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15] as number;
      const b = w[i - 2] as number;
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      w[i] = ((w[i - 16] as number) + s0 + (w[i - 7] as number) + s1) | 0;
    }
    let a = h0;
    let b = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    let f = h5;
    let g = h6;
    let h = h7;
    for (let i = 0; i < 64; i++) {
      const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (h + s1 + ch + (K[i] as number) + (w[i] as number)) | 0;
      const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (s0 + maj) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
    h5 = (h5 + f) | 0;
    h6 = (h6 + g) | 0;
    h7 = (h7 + h) | 0;
  }
  return hex(h0) + hex(h1) + hex(h2) + hex(h3) + hex(h4) + hex(h5) + hex(h6) + hex(h7);
}

/**
 * Whether `JSON.stringify` writes `text` as itself between quotes: printable ASCII with no quote
 * or backslash (ids and field names, as a rule).
 */
function plain(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return false;
  }
  return true;
}

/** `JSON.stringify` of a string, without its machinery for the plain ones. */
const quote = (text: string): string => (plain(text) ? `"${text}"` : JSON.stringify(text));

/**
 * @internal The SHA-256 of the canonical JSON of the event without its `key` and `at`, as 64 hex
 * digits: a retry stamped with a later time by the host is still the same command, and two
 * different payloads collide with negligible probability.
 */
export function fingerprint(event: object): string {
  const obj = event as Record<string, unknown>;
  if (Object.hasOwn(obj, 'toJSON')) {
    const { key: _key, at: _at, ...rest } = obj;
    return sha256(canonicalJson(rest));
  }
  // The canonical JSON of the event without `key` and `at`, without copying the event first.
  const names = Object.keys(obj);
  const keys: string[] = [];
  for (let j = 0; j < names.length; j++) {
    const k = names[j] as string;
    if (k === 'key' || k === 'at') continue;
    const v = obj[k];
    if (v === undefined || typeof v === 'function') continue;
    // Insertion sort (a command has a handful of fields): the order of `sort()` on strings.
    let i = keys.length;
    while (i > 0 && (keys[i - 1] as string) > k) {
      keys[i] = keys[i - 1] as string;
      i--;
    }
    keys[i] = k;
  }
  let text = '{';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    const v = obj[k];
    // Strings and finite numbers (every field of a plain command) as `JSON.stringify` writes them.
    const json =
      typeof v === 'string'
        ? quote(v)
        : typeof v === 'number' && Number.isFinite(v)
          ? String(v)
          : canonicalJson(v);
    text += `${i === 0 ? '' : ','}${quote(k)}:${json}`;
  }
  return sha256(`${text}}`);
}
