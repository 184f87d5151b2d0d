// The colour roles of the UI for light and dark, as plain values so a unit test can check WCAG AA
// contrast for every pair the UI draws. The ingress iframe gets no HA theme, so we bring our own.

export interface Palette {
  background: string;
  card: string;
  text: string;
  textSecondary: string;
  divider: string;
  /** Borders of inputs and cards: non-text contrast (≥ 3:1) against the card. */
  outline: string;
  primary: string;
  onPrimary: string;
  link: string;
  focus: string;
  errorText: string;
  errorSurface: string;
  warningText: string;
  warningSurface: string;
  successText: string;
  successSurface: string;
  infoText: string;
  infoSurface: string;
  chip: string;
  codeSurface: string;
  headerBackground: string;
  headerText: string;
}

export const LIGHT: Palette = {
  background: '#fafafa',
  card: '#ffffff',
  text: '#212121',
  textSecondary: '#5c5c5c',
  divider: '#e0e0e0',
  outline: '#767676',
  primary: '#0277bd',
  onPrimary: '#ffffff',
  link: '#01579b',
  focus: '#0277bd',
  errorText: '#a4161a',
  errorSurface: '#fdecea',
  warningText: '#7a4100',
  warningSurface: '#fff4e5',
  successText: '#1b5e20',
  successSurface: '#edf7ed',
  infoText: '#01497c',
  infoSurface: '#e8f4fd',
  chip: '#eeeeee',
  codeSurface: '#f1f3f4',
  headerBackground: '#0277bd',
  headerText: '#ffffff',
};

export const DARK: Palette = {
  background: '#111111',
  card: '#1c1c1c',
  text: '#e1e1e1',
  textSecondary: '#b0b0b0',
  divider: '#333333',
  outline: '#8a8a8a',
  primary: '#4fc3f7',
  onPrimary: '#0b0b0b',
  link: '#81d4fa',
  focus: '#81d4fa',
  errorText: '#ffb4ab',
  errorSurface: '#3b1614',
  warningText: '#ffcc80',
  warningSurface: '#33240d',
  successText: '#a5d6a7',
  successSurface: '#15291a',
  infoText: '#90caf9',
  infoSurface: '#122433',
  chip: '#2c2c2c',
  codeSurface: '#262626',
  headerBackground: '#1c1c1c',
  headerText: '#e1e1e1',
};

/** Foreground/background pairs the UI really draws, with the ratio each needs (4.5 text, 3 non-text). */
export const CONTRAST_PAIRS: Array<[keyof Palette, keyof Palette, number]> = [
  ['text', 'background', 4.5],
  ['text', 'card', 4.5],
  ['textSecondary', 'card', 4.5],
  ['textSecondary', 'background', 4.5],
  ['link', 'card', 4.5],
  ['link', 'background', 4.5],
  ['link', 'infoSurface', 4.5],
  ['link', 'warningSurface', 4.5],
  ['link', 'errorSurface', 4.5],
  ['onPrimary', 'primary', 4.5],
  ['errorText', 'card', 4.5],
  ['errorText', 'errorSurface', 4.5],
  ['warningText', 'warningSurface', 4.5],
  ['warningText', 'card', 4.5],
  ['successText', 'successSurface', 4.5],
  ['successText', 'card', 4.5],
  ['infoText', 'infoSurface', 4.5],
  ['text', 'chip', 4.5],
  // A disabled primary button: grey text on the chip colour.
  ['textSecondary', 'chip', 4.5],
  ['text', 'codeSurface', 4.5],
  ['text', 'errorSurface', 4.5],
  ['text', 'warningSurface', 4.5],
  ['text', 'infoSurface', 4.5],
  ['text', 'successSurface', 4.5],
  ['headerText', 'headerBackground', 4.5],
  ['outline', 'card', 3],
  ['focus', 'card', 3],
  ['focus', 'background', 3],
  ['primary', 'card', 3],
  // Filled badges: the done tick of a guide step, the "needs sign-in" count.
  ['card', 'successText', 4.5],
  ['card', 'errorText', 4.5],
];
