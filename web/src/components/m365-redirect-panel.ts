import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { StartedSignIn } from '../api/types.js';
import { formatTime } from '../format.js';
import { shared } from '../styles/shared.js';

/** The internet-redirect sign-in: open Microsoft in a new tab; this panel updates by itself. */
@customElement('m365-redirect-panel')
export class M365RedirectPanel extends LitElement {
  @property({ attribute: false }) started: StartedSignIn | undefined;
  /** pending | expired; the view replaces this panel when the sign-in completes or fails. */
  @property() phase = 'pending';

  override render() {
    const started = this.started;
    if (!started) return nothing;
    return html`<ol class="steps">
        <li><a class="button primary" href=${started.authorize_url} target="_blank" rel="noopener noreferrer">Open Microsoft sign-in in a new tab</a>
          <p class="hint">Microsoft does not allow its sign-in inside Home Assistant’s panel, so it opens in a new tab.</p></li>
        <li>Sign in and accept the permissions. Microsoft then sends that tab to <span class="mono">${started.redirect_uri}</span>, which says when you can close it.</li>
        <li>Nothing to copy: this panel updates by itself.</li>
      </ol>
      <p class="waiting" role="status">${this.phase === 'expired'
        ? 'This sign-in expired after 10 minutes without an answer from Microsoft. Start a new one.'
        : html`<span class="dot" aria-hidden="true"></span> Waiting for you to finish signing in in the other tab (until ${formatTime(started.expires_at)})…`}</p>`;
  }

  static override styles = [
    shared,
    css`
      :host { display: block; }
      .steps > li { margin-block-end: var(--m365-space-3); }
      .waiting { display: flex; gap: var(--m365-space-2); align-items: center; font-weight: 500; }
      .dot { flex: none; width: 0.75rem; height: 0.75rem; border-radius: 50%; background: var(--m365-primary); animation: pulse 1.2s ease-in-out infinite; }
      @keyframes pulse { 50% { opacity: 0.3; } }
      @media (prefers-reduced-motion: reduce) { .dot { animation: none; } }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'm365-redirect-panel': M365RedirectPanel;
  }
}
