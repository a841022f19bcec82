/**
 * CRC-32 (ISO 3309), the checksum ZIP stores per entry (APPNOTE.txt §4.4.7).
 * Table-driven, one byte per step: fast enough next to deflating the same bytes.
 */

const POLYNOMIAL = 0xedb88320;

const TABLE = buildTable();

function buildTable(): Int32Array {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let bit = 0; bit < 8; bit++) {
      c = c & 1 ? POLYNOMIAL ^ (c >>> 1) : c >>> 1;
    }
    table[n] = c;
  }
  return table;
}

/** The CRC-32 of `data`, as an unsigned 32-bit number. */
export function crc32(data: Uint8Array): number {
  let c = -1;
  // An index loop: iterating a typed array with for…of is several times slower in V8.
  for (let i = 0; i < data.length; i++) {
    c = (TABLE[(c ^ (data[i] ?? 0)) & 0xff] ?? 0) ^ (c >>> 8);
  }
  return ~c >>> 0;
}
