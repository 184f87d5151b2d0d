import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Ms365EntryView } from '../api/ms365.js';
import type { AlertView } from '../api/types.js';
import { shared } from '../styles/shared.js';

/** One line of the banner: what is wrong, and the one link to the place that fixes it. */
export interface AttentionItem {
  id: string;
  level: 'error' | 'warning';
  title: string;
  action: string;
  href: string;
}

/** The service's alerts as banner lines, each with the action that fixes it. */
export function alertItems(alerts: readonly AlertView[]): AttentionItem[] {
  return alerts.map((alert) => {
    // The service's titles start with "Microsoft 365: " for Home Assistant's notification list; here it is noise.
    const title = alert.title.replace(/^Microsoft 365: /, '');
    const subject = encodeURIComponent(alert.subject_id);
    switch (alert.kind) {
      case 'account_needs_sign_in':
        return { id: alert.id, level: 'error', title, action: 'Sign in again', href: `#/sign-in?account=${subject}` };
      case 'secret_expiry':
        return { id: alert.id, level: alert.level === 'expired' ? 'error' : 'warning', title, action: 'Replace the client secret', href: `#/accounts/${subject}` };
      default:
        return { id: alert.id, level: 'error', title, action: 'Fix the app registration', href: `#/accounts/${subject}` };
    }
  });
}

/** MS365 integration entries the add-on could help with (not the ones it cannot use at all). */
export function entryItems(entries: readonly Ms365EntryView[]): AttentionItem[] {
  return entries
    .filter((entry) => entry.health === 'needs_sign_in' || entry.health === 'attention')
    .map((entry) => ({
      id: `ms365:${entry.entry_id}`,
      level: entry.health === 'needs_sign_in' ? 'error' : 'warning',
      title: `${entry.domain_label} “${entry.title}”: ${entry.notes[0] ?? (entry.health === 'needs_sign_in' ? 'must sign in again' : 'needs attention')}`,
      action: 'Open MS365 integrations',
      href: '#/ms365',
    }));
}

/**
 * "Needs attention" at the top of every page: each active alert and each MS365 entry in trouble,
 * with its one action. Renders nothing when all is well.
 */
@customElement('m365-attention')
export class M365Attention extends LitElement {
  @property({ attribute: false }) items: AttentionItem[] = [];

  override render() {
    if (this.items.length === 0) return nothing;
    return html`<section aria-labelledby="attention-heading">
      <h2 id="attention-heading">Needs attention <span class="count">(${this.items.length})</span></h2>
      <ul>
        ${this.items.map((item) => html`<li class=${item.level}>
          <span class="icon" aria-hidden="true">${item.level === 'error' ? '×' : '!'}</span>
          <span class="text"><span class="visually-hidden">${item.level === 'error' ? 'Error' : 'Warning'}: </span>${item.title}</span>
          <a href=${item.href}>${item.action}</a></li>`)}
      </ul>
    </section>`;
  }

  static override styles = [
    shared,
    css`
      :host { display: block; margin-block-end: var(--m365-space-4); }
      section { border: 1px solid var(--m365-error-text); border-radius: var(--m365-radius); background: var(--m365-card); padding: var(--m365-space-3) var(--m365-space-4); }
      h2 { font-size: 1.05rem; margin: 0 0 var(--m365-space-2); }
      .count { font-weight: 400; color: var(--m365-text-secondary); }
      ul { list-style: none; margin: 0; padding: 0; }
      li { display: flex; flex-wrap: wrap; align-items: baseline; gap: var(--m365-space-1) var(--m365-space-3); padding-block: var(--m365-space-2); border-block-start: 1px solid var(--m365-divider); }
      li:first-child { border-block-start: none; }
      .icon { font-weight: 700; width: 1.2em; text-align: center; flex: none; }
      li.error .icon { color: var(--m365-error-text); }
      li.warning .icon { color: var(--m365-warning-text); }
      .text { flex: 1 1 16rem; min-width: 0; overflow-wrap: break-word; }
      a { color: var(--m365-link); font-weight: 500; white-space: nowrap; }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'm365-attention': M365Attention;
  }
}
