import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONTRAST_PAIRS, DARK, LIGHT, type Palette } from '../../../web/src/styles/palette.js';

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r ?? 0) + 0.7152 * lin(g ?? 0) + 0.0722 * lin(b ?? 0);
}

function ratio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('palette contrast (WCAG AA)', () => {
  for (const [name, palette] of [['light', LIGHT], ['dark', DARK]] as Array<[string, Palette]>) {
    it(`meets AA for every pair the UI draws in the ${name} theme`, () => {
      for (const [fg, bg, needed] of CONTRAST_PAIRS) {
        const value = ratio(palette[fg], palette[bg]);
        assert.ok(value >= needed, `${name}: ${fg} on ${bg} is ${value.toFixed(2)}:1, needs ${needed}:1`);
      }
    });
  }
});
