// A small QR encoder for the wallet's pay code: numeric mode, versions 1 and 2, error correction
// level M (ISO/IEC 18004). Enough for an 18-digit pay code (version 1 holds 34 digits at M,
// version 2 holds 63). Written here so the wallet needs no third-party code and works offline.

/** Per version at level M: total codewords, error-correction codewords (one block each). */
const VERSIONS = [
  null,
  { size: 21, total: 26, ecc: 10, digitsMax: 34, align: [] },
  { size: 25, total: 44, ecc: 16, digitsMax: 63, align: [6, 18] },
];
const FORMAT_EC_M = 0b00; // level M's two format bits (L 01, M 00, Q 11, H 10)
const PAD_BYTES = [0xec, 0x11];

// GF(256) with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1.
const EXP = new Uint8Array(512);
const LOG = new Uint8Array(256);
(() => {
  let value = 1;
  for (let power = 0; power < 255; power++) {
    EXP[power] = value;
    LOG[value] = power;
    value <<= 1;
    if (value & 0x100) value ^= 0x11d;
  }
  for (let power = 255; power < 512; power++) EXP[power] = EXP[power - 255];
})();

function multiply(a, b) {
  return a === 0 || b === 0 ? 0 : EXP[LOG[a] + LOG[b]];
}

/** The Reed–Solomon generator polynomial of a degree, highest coefficient first (without x^n). */
function generator(degree) {
  let poly = [1];
  for (let root = 0; root < degree; root++) {
    const next = new Array(poly.length + 1).fill(0);
    for (let i = 0; i < poly.length; i++) {
      next[i] ^= poly[i];
      next[i + 1] ^= multiply(poly[i], EXP[root]);
    }
    poly = next;
  }
  return poly.slice(1);
}

/** The error-correction codewords: the remainder of data · x^n divided by the generator. */
export function reedSolomon(data, degree) {
  const gen = generator(degree);
  const remainder = new Array(degree).fill(0);
  for (const byte of data) {
    const factor = byte ^ remainder.shift();
    remainder.push(0);
    for (let i = 0; i < degree; i++) remainder[i] ^= multiply(gen[i], factor);
  }
  return remainder;
}

class Bits {
  constructor() {
    this.bits = [];
  }
  put(value, length) {
    for (let i = length - 1; i >= 0; i--) this.bits.push((value >>> i) & 1);
  }
}

/** The data codewords of a string of digits in numeric mode, padded to the version's capacity. */
function dataCodewords(digits, version) {
  const { total, ecc } = VERSIONS[version];
  const capacityBits = (total - ecc) * 8;
  const bits = new Bits();
  bits.put(0b0001, 4); // numeric mode
  bits.put(digits.length, 10); // character count, versions 1–9
  for (let i = 0; i < digits.length; i += 3) {
    const group = digits.slice(i, i + 3);
    bits.put(Number(group), group.length * 3 + 1); // 3 digits: 10 bits, 2: 7, 1: 4
  }
  bits.put(0, Math.min(4, capacityBits - bits.bits.length)); // terminator
  while (bits.bits.length % 8) bits.bits.push(0);
  const bytes = [];
  for (let i = 0; i < bits.bits.length; i += 8) {
    bytes.push(bits.bits.slice(i, i + 8).reduce((byte, bit) => (byte << 1) | bit, 0));
  }
  for (let pad = 0; bytes.length < total - ecc; pad++) bytes.push(PAD_BYTES[pad % 2]);
  return bytes;
}

class Matrix {
  constructor(size) {
    this.size = size;
    this.dark = Array.from({ length: size }, () => new Array(size).fill(false));
    this.reserved = Array.from({ length: size }, () => new Array(size).fill(false));
  }
  fix(row, col, dark) {
    this.dark[row][col] = dark;
    this.reserved[row][col] = true;
  }
}

function drawFunctionPatterns(matrix, version) {
  const { size, align } = VERSIONS[version];
  // Finder patterns with their light separators.
  for (const [top, left] of [[0, 0], [0, size - 7], [size - 7, 0]]) {
    for (let r = -1; r <= 7; r++) {
      for (let c = -1; c <= 7; c++) {
        const row = top + r;
        const col = left + c;
        if (row < 0 || col < 0 || row >= size || col >= size) continue;
        const ring = Math.max(Math.abs(r - 3), Math.abs(c - 3));
        matrix.fix(row, col, ring !== 2 && ring !== 4);
      }
    }
  }
  // Timing patterns.
  for (let i = 8; i < size - 8; i++) {
    matrix.fix(6, i, i % 2 === 0);
    matrix.fix(i, 6, i % 2 === 0);
  }
  // Alignment pattern (version 2: one, centred at 18,18).
  for (const row of align) {
    for (const col of align) {
      if (matrix.reserved[row][col]) continue; // overlaps a finder
      for (let r = -2; r <= 2; r++) {
        for (let c = -2; c <= 2; c++) {
          matrix.fix(row + r, col + c, Math.max(Math.abs(r), Math.abs(c)) !== 1);
        }
      }
    }
  }
  // Reserve the format areas (filled per mask) and set the dark module.
  drawFormat(matrix, 0);
  matrix.fix(size - 8, 8, true);
}

/** The 15 format bits: level and mask, BCH(15,5) protected, XORed with 101010000010010. */
export function formatBits(mask) {
  const data = (FORMAT_EC_M << 3) | mask;
  let remainder = data;
  for (let i = 0; i < 10; i++) remainder = (remainder << 1) ^ ((remainder >>> 9) * 0x537);
  return ((data << 10) | remainder) ^ 0x5412;
}

function drawFormat(matrix, mask) {
  const bits = formatBits(mask);
  const bit = (i) => ((bits >>> i) & 1) === 1;
  const size = matrix.size;
  // Around the top-left finder: bits 0–7 down column 8, bits 8–14 along row 8 leftwards.
  for (let i = 0; i <= 5; i++) matrix.fix(i, 8, bit(i));
  matrix.fix(7, 8, bit(6));
  matrix.fix(8, 8, bit(7));
  matrix.fix(8, 7, bit(8));
  for (let i = 9; i < 15; i++) matrix.fix(8, 14 - i, bit(i));
  // The copy beside the other two finders.
  for (let i = 0; i < 8; i++) matrix.fix(8, size - 1 - i, bit(i));
  for (let i = 8; i < 15; i++) matrix.fix(size - 15 + i, 8, bit(i));
}

function placeData(matrix, codewords) {
  const size = matrix.size;
  let index = 0;
  const total = codewords.length * 8;
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5; // skip the vertical timing pattern
    const upward = ((right + 1) & 2) === 0;
    for (let step = 0; step < size; step++) {
      const row = upward ? size - 1 - step : step;
      for (let j = 0; j < 2; j++) {
        const col = right - j;
        if (matrix.reserved[row][col] || index >= total) continue;
        matrix.dark[row][col] = ((codewords[index >>> 3] >>> (7 - (index & 7))) & 1) === 1;
        index++;
      }
    }
  }
}

const MASKS = [
  (r, c) => (r + c) % 2 === 0,
  (r) => r % 2 === 0,
  (r, c) => c % 3 === 0,
  (r, c) => (r + c) % 3 === 0,
  (r, c) => (Math.floor(r / 2) + Math.floor(c / 3)) % 2 === 0,
  (r, c) => ((r * c) % 2) + ((r * c) % 3) === 0,
  (r, c) => (((r * c) % 2) + ((r * c) % 3)) % 2 === 0,
  (r, c) => (((r + c) % 2) + ((r * c) % 3)) % 2 === 0,
];

function applyMask(matrix, mask) {
  for (let r = 0; r < matrix.size; r++) {
    for (let c = 0; c < matrix.size; c++) {
      if (!matrix.reserved[r][c] && MASKS[mask](r, c)) matrix.dark[r][c] = !matrix.dark[r][c];
    }
  }
}

/** The standard's penalty score (rules 1–4): the mask with the lowest one is used. */
function penalty(dark) {
  const size = dark.length;
  let score = 0;
  const lines = [];
  for (let i = 0; i < size; i++) {
    lines.push(dark[i]);
    lines.push(dark.map((row) => row[i]));
  }
  const finderLike = [true, false, true, true, true, false, true];
  for (const line of lines) {
    let run = 1;
    for (let i = 1; i <= size; i++) {
      if (i < size && line[i] === line[i - 1]) {
        run++;
      } else {
        if (run >= 5) score += 3 + (run - 5);
        run = 1;
      }
    }
    for (let i = 0; i + 7 <= size; i++) {
      if (!finderLike.every((value, k) => line[i + k] === value)) continue;
      const lightBefore = [1, 2, 3, 4].every((k) => i - k < 0 || !line[i - k]);
      const lightAfter = [0, 1, 2, 3].every((k) => i + 7 + k >= size || !line[i + 7 + k]);
      if (lightBefore || lightAfter) score += 40;
    }
  }
  let darkCount = 0;
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      if (dark[r][c]) darkCount++;
      if (r + 1 < size && c + 1 < size) {
        const v = dark[r][c];
        if (dark[r][c + 1] === v && dark[r + 1][c] === v && dark[r + 1][c + 1] === v) score += 3;
      }
    }
  }
  const deviation = Math.abs(darkCount * 20 - size * size * 10);
  score += Math.floor(deviation / (size * size)) * 10;
  return score;
}

/**
 * Encodes a string of digits. Returns { size, dark: boolean[row][col], version, mask }.
 * Throws for anything but 1–63 ASCII digits.
 */
export function encodeNumeric(digits) {
  if (!/^\d+$/.test(digits)) throw new Error('numeric mode carries digits only');
  const version = VERSIONS.findIndex((v) => v && digits.length <= v.digitsMax);
  if (version < 0) throw new Error(`too many digits for version 2-M: ${digits.length}`);
  const data = dataCodewords(digits, version);
  const codewords = data.concat(reedSolomon(data, VERSIONS[version].ecc));
  let best = null;
  for (let mask = 0; mask < MASKS.length; mask++) {
    const matrix = new Matrix(VERSIONS[version].size);
    drawFunctionPatterns(matrix, version);
    placeData(matrix, codewords);
    applyMask(matrix, mask);
    drawFormat(matrix, mask);
    const score = penalty(matrix.dark);
    if (!best || score < best.score) best = { score, mask, dark: matrix.dark };
  }
  return { size: VERSIONS[version].size, dark: best.dark, version, mask: best.mask };
}

/** Draws a symbol on a canvas, `scale` pixels per module, with the 4-module quiet zone. */
export function drawQr(canvas, symbol, scale = 8) {
  const quiet = 4;
  const pixels = (symbol.size + 2 * quiet) * scale;
  canvas.width = pixels;
  canvas.height = pixels;
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, pixels, pixels);
  context.fillStyle = '#000';
  for (let r = 0; r < symbol.size; r++) {
    for (let c = 0; c < symbol.size; c++) {
      if (symbol.dark[r][c]) context.fillRect((c + quiet) * scale, (r + quiet) * scale, scale, scale);
    }
  }
}
