// Draws the add-on's icon.png (128×128) and logo.png (250×100) with Node built-ins only: shapes are
// tested per sub-pixel (4×4 samples for smooth edges) and written as RGBA PNGs with zlib.
// Run `node scripts/draw-icons.mjs` after changing the drawing; the PNGs are committed.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SAMPLES = 4;

// --- PNG encoding -------------------------------------------------------------------------------
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    rows[y * (width * 4 + 1)] = 0; // filter: none
    rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// --- Shapes: each is (x, y) → boolean in a 0..1 unit square -----------------------------------------
const roundedRect = (x0, y0, x1, y1, r) => (x, y) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const rect = (x0, y0, x1, y1) => roundedRect(x0, y0, x1, y1, 0);
const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const polygon = (points) => (x, y) => {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i];
    const [xj, yj] = points[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
};
const union = (...shapes) => (x, y) => shapes.some((shape) => shape(x, y));
const minus = (shape, hole) => (x, y) => shape(x, y) && !hole(x, y);

// --- The mark: a house (Home Assistant) holding a key (sign-in) on a blue tile ------------------------
const BLUE_TOP = [43, 136, 216];
const BLUE_BOTTOM = [15, 92, 168];
const WHITE = [255, 255, 255];
const KEY_BLUE = [15, 108, 189];

const tile = roundedRect(0.02, 0.02, 0.98, 0.98, 0.2);
const house = union(
  polygon([[0.5, 0.16], [0.86, 0.47], [0.78, 0.47], [0.78, 0.84], [0.22, 0.84], [0.22, 0.47], [0.14, 0.47]]),
  rect(0.66, 0.2, 0.75, 0.38), // chimney
);
const key = union(
  minus(circle(0.38, 0.6, 0.105), circle(0.38, 0.6, 0.045)),
  rect(0.46, 0.575, 0.7, 0.625),
  rect(0.6, 0.625, 0.635, 0.7),
  rect(0.66, 0.625, 0.7, 0.68),
);

function markColor(x, y) {
  if (!tile(x, y)) return null;
  if (key(x, y) && house(x, y)) return KEY_BLUE;
  if (house(x, y)) return WHITE;
  return BLUE_TOP.map((top, i) => Math.round(top + (BLUE_BOTTOM[i] - top) * y));
}

// --- A 5×7 bitmap font for the logo's words ---------------------------------------------------------
const GLYPHS = {
  M: ['10001', '11011', '10101', '10101', '10001', '10001', '10001'],
  S: ['01111', '10000', '10000', '01110', '00001', '00001', '11110'],
  3: ['11110', '00001', '00001', '01110', '00001', '00001', '11110'],
  6: ['00110', '01000', '10000', '11110', '10001', '10001', '01110'],
  5: ['11111', '10000', '11110', '00001', '00001', '10001', '01110'],
  I: ['11111', '00100', '00100', '00100', '00100', '00100', '11111'],
  G: ['01110', '10001', '10000', '10111', '10001', '10001', '01111'],
  N: ['10001', '11001', '10101', '10011', '10001', '10001', '10001'],
  '-': ['00000', '00000', '00000', '11111', '00000', '00000', '00000'],
};
function textShape(text, left, top, cell) {
  return (x, y) => {
    const column = Math.floor((x - left) / cell);
    const row = Math.floor((y - top) / cell);
    if (row < 0 || row > 6 || column < 0) return false;
    const glyph = GLYPHS[text[Math.floor(column / 6)]];
    const inGlyph = column % 6;
    return Boolean(glyph && inGlyph < 5 && glyph[row][inGlyph] === '1');
  };
}

// --- Rendering ----------------------------------------------------------------------------------------
function render(width, height, colorAt) {
  const pixels = Buffer.alloc(width * height * 4);
  for (let py = 0; py < height; py++) {
    for (let px = 0; px < width; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const color = colorAt(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
          if (!color) continue;
          sum[0] += color[0];
          sum[1] += color[1];
          sum[2] += color[2];
          sum[3] += 255;
        }
      }
      const covered = sum[3] / 255;
      const at = (py * width + px) * 4;
      // Straight (not premultiplied) alpha: average the colour over the covered samples only.
      pixels[at] = covered ? Math.round(sum[0] / covered) : 0;
      pixels[at + 1] = covered ? Math.round(sum[1] / covered) : 0;
      pixels[at + 2] = covered ? Math.round(sum[2] / covered) : 0;
      pixels[at + 3] = Math.round(sum[3] / (SAMPLES * SAMPLES));
    }
  }
  return encodePng(width, height, pixels);
}

const icon = render(128, 128, (x, y) => markColor(x / 128, y / 128));

// Mid-tone colours stay readable on the add-on store's light and dark cards alike.
const TITLE = textShape('MS365', 112, 20, 4.3);
const SUBTITLE = textShape('SIGN-IN', 112, 62, 2.8);
const GREY = [112, 112, 112];
const logo = render(250, 100, (x, y) => {
  if (x < 100) return markColor(x / 100, y / 100);
  if (TITLE(x, y)) return KEY_BLUE;
  return SUBTITLE(x, y) ? GREY : null;
});

writeFileSync(new URL('../icon.png', import.meta.url), icon);
writeFileSync(new URL('../logo.png', import.meta.url), logo);
console.log(`icon.png ${icon.length} bytes, logo.png ${logo.length} bytes`);
