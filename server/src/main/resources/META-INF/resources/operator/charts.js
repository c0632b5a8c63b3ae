// Small SVG bar charts for the dashboard: our own code, no chart library. Every value is a
// number (counts, or money in minor units formatted by the caller); nothing is parsed as markup.

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 480;
const HEIGHT = 220;
const PAD = { top: 12, right: 8, bottom: 26, left: 72 };
const FONT = 12;

function node(tag, attrs = {}, text) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/** A "nice" upper bound for the axis: 1, 2 or 5 times a power of ten, at least max. */
export function niceMax(max) {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) {
    if (step * power >= max) return step * power;
  }
  return 10 * power;
}

/** Ticks on the axis: steps of 1, 2 or 5 times a power of ten, so counts get whole numbers. */
function tickCount(max) {
  const leading = max / 10 ** Math.floor(Math.log10(max));
  return leading === 2 ? 4 : 5;
}

/**
 * A grouped bar chart. `labels` are the x categories (days); `series` are { name, color, values }
 * with one value per label; `format` turns an axis or bar value into text. Returns an <svg> with a
 * title and a description for screen readers; each bar carries a <title> for a tooltip.
 */
export function barChart({ title, labels, series, format = String, axisFormat, testName, integer = false }) {
  const svg = node('svg', {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    role: 'img',
    'aria-label': title,
    'data-test': testName || 'chart',
  });
  svg.append(node('title', {}, title));
  const highest = Math.max(0, ...series.flatMap((s) => s.values));
  const max = niceMax(integer ? Math.max(5, highest) : highest);
  const axis = axisFormat || format;
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const y = (value) => PAD.top + plotHeight - (value / max) * plotHeight;

  const ticks = tickCount(max);
  for (let tick = 0; tick <= ticks; tick++) {
    const value = (max / ticks) * tick;
    const at = y(value);
    svg.append(node('line', { x1: PAD.left, x2: WIDTH - PAD.right, y1: at, y2: at, stroke: '#d0d7de', 'stroke-width': 1 }));
    svg.append(node('text', { x: PAD.left - 6, y: at + 4, 'text-anchor': 'end', 'font-size': FONT, fill: '#57606a' }, axis(value)));
  }

  const band = plotWidth / Math.max(1, labels.length);
  const gap = Math.min(4, band * 0.2);
  const barWidth = Math.max(1, (band - gap) / Math.max(1, series.length));
  const labelEvery = Math.max(1, Math.ceil(labels.length / 6));
  labels.forEach((label, index) => {
    const x0 = PAD.left + index * band + gap / 2;
    series.forEach((s, sIndex) => {
      const value = s.values[index] || 0;
      const top = y(value);
      const bar = node('rect', {
        x: x0 + sIndex * barWidth,
        y: top,
        width: barWidth,
        height: Math.max(0, PAD.top + plotHeight - top),
        fill: s.color,
        'data-value': value,
      });
      bar.append(node('title', {}, `${label} · ${s.name}: ${format(value)}`));
      svg.append(bar);
    });
    if (index % labelEvery === 0) {
      svg.append(node('text', { x: x0 + (band - gap) / 2, y: HEIGHT - 8, 'text-anchor': 'middle', 'font-size': FONT, fill: '#57606a' }, label));
    }
  });
  svg.append(node('line', { x1: PAD.left, x2: WIDTH - PAD.right, y1: y(0), y2: y(0), stroke: '#57606a', 'stroke-width': 1 }));
  return svg;
}
