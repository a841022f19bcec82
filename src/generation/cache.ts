/**
 * The per-isolate cache of prepared templates, so a template is unzipped and compiled once
 * and every later document only renders. Bounded by entry count and estimated memory;
 * the least recently used template goes first. A hit is only a hit if the cached bytes
 * equal the requested ones, so a key can never serve another template's content.
 */
import { crc32 } from "./crc32.ts";
import type { PreparedTemplate } from "./prepare.ts";

/** Templates kept per isolate. */
export const MAX_CACHED_TEMPLATES = 32;
/** Estimated memory the cache may hold, in bytes (24 MiB of a Worker's 128 MiB). */
export const MAX_CACHED_BYTES = 24 * 1024 * 1024;
/** Bytes from the end of the file that go into the default key: the ZIP central directory. */
const FINGERPRINT_TAIL_BYTES = 1024;

export class TemplateCache {
  readonly #entries = new Map<string, PreparedTemplate>();
  #bytes = 0;
  #hits = 0;
  #misses = 0;

  /** The cache key for template bytes when the caller has none: size and a CRC of the tail. */
  static fingerprint(bytes: Uint8Array): string {
    const tail = bytes.subarray(Math.max(0, bytes.length - FINGERPRINT_TAIL_BYTES));
    return `${bytes.length}:${crc32(tail).toString(16)}`;
  }

  /** The prepared template for exactly these bytes, or undefined. */
  get(key: string, bytes: Uint8Array): PreparedTemplate | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined || !sameBytes(entry.source, bytes)) {
      this.#misses += 1;
      return undefined;
    }
    // Re-insert to mark it as the most recently used.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    this.#hits += 1;
    return entry;
  }

  set(key: string, template: PreparedTemplate): void {
    this.delete(key);
    if (template.weight > MAX_CACHED_BYTES) {
      return;
    }
    this.#entries.set(key, template);
    this.#bytes += template.weight;
    for (const [oldest, entry] of this.#entries) {
      if (this.#entries.size <= MAX_CACHED_TEMPLATES && this.#bytes <= MAX_CACHED_BYTES) {
        break;
      }
      this.#entries.delete(oldest);
      this.#bytes -= entry.weight;
    }
  }

  delete(key: string): void {
    const entry = this.#entries.get(key);
    if (entry !== undefined) {
      this.#entries.delete(key);
      this.#bytes -= entry.weight;
    }
  }

  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
    this.#hits = 0;
    this.#misses = 0;
  }

  stats(): { entries: number; bytes: number; hits: number; misses: number } {
    return {
      entries: this.#entries.size,
      bytes: this.#bytes,
      hits: this.#hits,
      misses: this.#misses,
    };
  }
}

/** Byte equality, four bytes at a time when both views are aligned. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a === b) {
    return true;
  }
  if (a.length !== b.length) {
    return false;
  }
  let i = 0;
  if (a.byteOffset % 4 === 0 && b.byteOffset % 4 === 0) {
    const words = a.length >>> 2;
    const wa = new Uint32Array(a.buffer, a.byteOffset, words);
    const wb = new Uint32Array(b.buffer, b.byteOffset, words);
    for (; i < words; i++) {
      if (wa[i] !== wb[i]) {
        return false;
      }
    }
    i = words * 4;
  }
  for (; i < a.length; i++) {
    if (a[i] !== b[i]) {
      return false;
    }
  }
  return true;
}
