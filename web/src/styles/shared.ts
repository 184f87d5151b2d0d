// Styles every element shares: type, buttons, fields, cards, focus ring, visually hidden text.
// Native elements only, so keyboard and screen readers work without extra code.
import { css } from 'lit';

export const shared = css`
  :host {
    font-family: var(--m365-font);
    color: var(--m365-text);
    line-height: 1.5;
    box-sizing: border-box;
  }
  *, *::before, *::after { box-sizing: inherit; }
  [hidden] { display: none !important; }
  h1, h2, h3 { line-height: 1.25; margin-block: 0 var(--m365-space-3); font-weight: 500; }
  h1 { font-size: 1.5rem; }
  h2 { font-size: 1.2rem; }
  h3 { font-size: 1.05rem; }
  p { margin-block: 0 var(--m365-space-3); }
  a { color: var(--m365-link); overflow-wrap: anywhere; }
  code, .mono { font-family: var(--m365-mono); font-size: 0.92em; overflow-wrap: anywhere; }
  ul, ol { padding-inline-start: 1.4em; margin-block: 0 var(--m365-space-3); }
  .card {
    background: var(--m365-card);
    border-radius: var(--m365-radius);
    box-shadow: var(--m365-shadow);
    border: 1px solid var(--m365-divider);
    padding: var(--m365-space-4);
    margin-block-end: var(--m365-space-4);
    min-width: 0;
  }
  .secondary { color: var(--m365-text-secondary); }
  .row { display: flex; flex-wrap: wrap; gap: var(--m365-space-2); align-items: center; }
  button, .button {
    font: inherit;
    font-weight: 500;
    min-height: 40px;
    padding: var(--m365-space-2) var(--m365-space-4);
    border-radius: 20px;
    border: 1px solid var(--m365-outline);
    background: transparent;
    color: var(--m365-link);
    cursor: pointer;
    text-decoration: none;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--m365-space-2);
    max-width: 100%;
    text-align: center;
  }
  button.primary, .button.primary {
    background: var(--m365-primary);
    border-color: var(--m365-primary);
    color: var(--m365-on-primary);
  }
  button.danger { color: var(--m365-error-text); border-color: var(--m365-error-text); }
  button[disabled] { opacity: 0.55; cursor: not-allowed; }
  /* A faded bright blue still reads as active on a dark card: a disabled primary turns grey instead. */
  button.primary[disabled], .button.primary[aria-disabled='true'] {
    background: var(--m365-chip);
    border-color: var(--m365-divider);
    color: var(--m365-text-secondary);
    opacity: 1;
  }
  :focus-visible {
    outline: 3px solid var(--m365-focus);
    outline-offset: 2px;
  }
  label { display: block; font-weight: 500; margin-block-end: var(--m365-space-1); }
  input[type='text'], input[type='password'], input[type='date'], input[type='url'], select, textarea {
    font: inherit;
    color: var(--m365-text);
    background: var(--m365-card);
    border: 1px solid var(--m365-outline);
    border-radius: var(--m365-radius-small);
    padding: var(--m365-space-2) var(--m365-space-3);
    width: 100%;
    min-height: 40px;
  }
  textarea { min-height: 5em; resize: vertical; }
  input[aria-invalid='true'], textarea[aria-invalid='true'] { border-color: var(--m365-error-text); border-width: 2px; }
  .field { margin-block-end: var(--m365-space-4); }
  .hint { font-size: 0.9rem; color: var(--m365-text-secondary); margin-block: var(--m365-space-1) 0; }
  .field-error { font-size: 0.92rem; color: var(--m365-error-text); margin-block: var(--m365-space-1) 0; }
  .choice { display: flex; gap: var(--m365-space-2); align-items: flex-start; font-weight: 400; margin-block: var(--m365-space-2); }
  /* A long address in a choice (an account's username) wraps inside its fieldset instead of running out. */
  .choice > span { min-width: 0; overflow-wrap: anywhere; }
  .choice input { margin-block-start: 0.3em; flex: none; width: 1.1em; height: 1.1em; accent-color: var(--m365-primary); }
  fieldset { border: 1px solid var(--m365-divider); border-radius: var(--m365-radius-small); padding: var(--m365-space-3); margin: 0 0 var(--m365-space-3); min-width: 0; }
  legend { font-weight: 500; padding-inline: var(--m365-space-1); }
  .chips { display: flex; flex-wrap: wrap; gap: var(--m365-space-1); list-style: none; padding: 0; margin: 0; }
  .chips li { background: var(--m365-chip); border-radius: 12px; padding: 0 var(--m365-space-2); font-family: var(--m365-mono); font-size: 0.85rem; overflow-wrap: anywhere; }
  .visually-hidden {
    position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;
    overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }
  dl { display: grid; grid-template-columns: minmax(6em, max-content) 1fr; gap: var(--m365-space-1) var(--m365-space-3); margin: 0 0 var(--m365-space-3); }
  dt { color: var(--m365-text-secondary); }
  dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
`;
