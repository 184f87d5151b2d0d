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

  override render() {
    // The read other add-ons should use: a GET with the key, nothing else to send.
    const tokenUrl = `${this.apiUrl}/v1/accounts/${this.accountId || '<account id>'}/token`;
    const example = `curl -H "Authorization: Bearer ${this.key}" ${tokenUrl}`;
    return html`<m365-alert kind="success" live heading=${`Key for ${this.name} created`}>
        <p><strong>Copy the key now: it is shown only once.</strong> The add-on keeps only a fingerprint of it. If you lose it, revoke this consumer and create a new one.</p>
      </m365-alert>
      <m365-copy-field label="Consumer key" .value=${this.key}></m365-copy-field>
      <m365-copy-field label="Token URL to call" .value=${tokenUrl}></m365-copy-field>
      <m365-copy-field label="Example request" multiline .value=${example}></m365-copy-field>
      <p class="hint">Other add-ons reach this add-on by its hostname on the Home Assistant network; scripts on the same machine can use the same port.</p>`;
  }

  static override styles = [shared, css`:host { display: block; }`];
}

declare global {
  interface HTMLElementTagNameMap {
    'm365-consumer-key': M365ConsumerKey;
  }
}
