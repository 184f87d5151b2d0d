import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { shared } from '../styles/shared.js';
import './m365-alert.js';
import './m365-copy-field.js';

/** A new consumer's key, shown this once, with the address to call and an example request. */
@customElement('m365-consumer-key')
export class M365ConsumerKey extends LitElement {
  @property() name = '';
  @property() key = '';
  /** The consumer API's base address, e.g. http://local-ms365:8100. */
  @property() apiUrl = '';
  @property() accountId = '';
  /** `full` or `limited` (server/consumers/key-kind.ts). */
  @property() kind: 'full' | 'limited' = 'full';
  /** Whether this key may have `accountId`'s access token itself. */
  @property({ attribute: false }) rawToken = true;
  /** The key's permission list, to pick a Graph path it may call for the example. */
  @property({ attribute: false }) allowedScopes: string[] = [];

  override render() {
    const account = this.accountId || '<account id>';
    // A key that may have the token reads it with a GET; a limited one calls Graph through the add-on.
    const url = this.rawToken ? `${this.apiUrl}/v1/accounts/${account}/token` : `${this.apiUrl}/v1/accounts/${account}/graph/v1.0/${examplePath(this.allowedScopes)}`;
    const example = `curl -H "Authorization: Bearer ${this.key}" ${url}`;
    return html`<m365-alert kind="success" live heading=${`Key for ${this.name} created`}>
        <p><strong>Copy the key now: it is shown only once.</strong> The add-on keeps only a fingerprint of it. If you lose it, revoke this consumer and create a new one.</p>
      </m365-alert>
      <p>${this.kind === 'full'
        ? 'This key has every permission of its accounts: it may have their access tokens, or call Microsoft Graph through this add-on.'
        : this.rawToken
          ? 'This key is limited to the permissions you ticked. They cover everything this account granted, so it may also have the account’s access token; if the account later grants more, it will have to call Graph through this add-on instead.'
          : 'This key is limited to the permissions you ticked. An access token would carry more of them, so the key calls Microsoft Graph through this add-on, which lets through only what you ticked.'}</p>
      <m365-copy-field label="Consumer key" .value=${this.key}></m365-copy-field>
      <m365-copy-field label=${this.rawToken ? 'Token URL to call' : 'Graph address to call'} .value=${url}></m365-copy-field>
      <m365-copy-field label="Example request" multiline .value=${example}></m365-copy-field>
      <p class="hint">Other add-ons reach this add-on by its hostname on the Home Assistant network; scripts on the same machine can use the same port.</p>`;
  }

  static override styles = [shared, css`:host { display: block; }`];
}

/** A Graph path the first listed permission family may read, for the example; the profile otherwise. */
const EXAMPLE_PATHS: Array<[RegExp, string]> = [
  [/^mail\./i, 'me/messages'],
  [/^calendars\./i, 'me/events'],
  [/^contacts\./i, 'me/contacts'],
  [/^tasks\./i, 'me/todo/lists'],
  [/^files\./i, 'me/drive/root/children'],
];

function examplePath(scopes: string[]): string {
  for (const scope of scopes) {
    const name = scope.slice(scope.lastIndexOf('/') + 1);
    const known = EXAMPLE_PATHS.find(([pattern]) => pattern.test(name));
    if (known) return known[1];
  }
  return 'me';
}

declare global {
  interface HTMLElementTagNameMap {
    'm365-consumer-key': M365ConsumerKey;
  }
}
