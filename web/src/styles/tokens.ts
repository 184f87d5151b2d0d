// Semantic design tokens as CSS custom properties on the app shell; they inherit into every shadow
// root below it. Light and dark follow prefers-color-scheme. Elements use only these variables.
import { css, unsafeCSS, type CSSResult } from 'lit';
import { DARK, LIGHT, type Palette } from './palette.js';

const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

// The palette values are our own constants, never user input, so unsafeCSS is safe here.
function declarations(palette: Palette): CSSResult {
  return unsafeCSS(
    Object.entries(palette)
      .map(([name, value]) => `--m365-${kebab(name)}: ${value};`)
      .join('\n'),
  );
}

export const tokens = css`
  :host {
    ${declarations(LIGHT)}
    --m365-font: Roboto, 'Noto Sans', system-ui, -apple-system, 'Segoe UI', sans-serif;
    --m365-mono: ui-monospace, 'Roboto Mono', 'SFMono-Regular', Consolas, monospace;
    --m365-space-1: 4px;
    --m365-space-2: 8px;
    --m365-space-3: 12px;
    --m365-space-4: 16px;
    --m365-space-6: 24px;
    --m365-radius: 12px;
    --m365-radius-small: 6px;
    --m365-shadow: 0 1px 2px rgb(0 0 0 / 0.14), 0 1px 3px rgb(0 0 0 / 0.12);
    color-scheme: light;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      ${declarations(DARK)}
      --m365-shadow: none;
      color-scheme: dark;
    }
  }
`;
