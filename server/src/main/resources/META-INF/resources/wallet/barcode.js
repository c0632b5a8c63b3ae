// Code 128, code set C (pairs of digits), for the pay code's barcode: the 18 digits become a
// start symbol, nine data symbols, a check symbol and the stop pattern.

// Bar and space widths (in modules) of symbols 0–106, bar first; 106 (stop) has a 7th element.
const PATTERNS = (
  '212222 222122 222221 121223 121322 131222 122213 122312 132212 221213 ' +
  '221312 231212 112232 122132 122231 113222 123122 123221 223211 221132 ' +
  '221231 213212 223112 312131 311222 321122 321221 312212 322112 322211 ' +
  '212123 212321 232121 111323 131123 131321 112313 132113 132311 211313 ' +
  '231113 231311 112133 112331 132131 113123 113321 133121 313121 211331 ' +
  '231131 213113 213311 213131 311123 311321 331121 312113 312311 332111 ' +
  '314111 221411 431111 111224 111422 121124 121421 141122 141221 112214 ' +
  '112412 122114 122411 142112 142211 241211 221114 413111 241112 134111 ' +
  '111242 121142 121241 114212 124112 124211 411212 421112 421211 212141 ' +
  '214121 412121 111143 111341 131141 114113 114311 411113 411311 113141 ' +
  '114131 311141 411131 211412 211214 211232 2331112'
).split(' ');
const START_C = 105;
const STOP = 106;
const CHECK_MODULUS = 103;
export const QUIET_MODULES = 10;

/** The symbol values of an even number of digits in code set C, with start, check and stop. */
export function code128cValues(digits) {
  if (!/^(\d\d)+$/.test(digits)) throw new Error('code set C carries pairs of digits');
  const values = [START_C];
  for (let i = 0; i < digits.length; i += 2) values.push(Number(digits.slice(i, i + 2)));
  const check = values.reduce((sum, value, position) => sum + value * Math.max(position, 1), 0);
  values.push(check % CHECK_MODULUS, STOP);
  return values;
}

/** The bars as module widths: [bar, space, bar, …], quiet zones not included. */
export function code128cWidths(digits) {
  return code128cValues(digits).flatMap((value) => [...PATTERNS[value]].map(Number));
}

/** Draws the barcode on a canvas, `scale` pixels per module, `height` pixels tall. */
export function drawCode128(canvas, digits, scale = 2, height = 80) {
  const widths = code128cWidths(digits);
  const modules = widths.reduce((a, b) => a + b, 0) + 2 * QUIET_MODULES;
  canvas.width = modules * scale;
  canvas.height = height;
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, height);
  context.fillStyle = '#000';
  let x = QUIET_MODULES * scale;
  widths.forEach((width, index) => {
    if (index % 2 === 0) context.fillRect(x, 0, width * scale, height);
    x += width * scale;
  });
}
