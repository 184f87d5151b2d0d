// The guide's as-you-type checks: they must catch the classic mistakes with the service's wording.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkClientIdInput, checkExpiryInput, checkSecretInput, checkTenantInput, latestSecretExpiry } from '../../../web/src/guide/validate.js';

const NOW = new Date('2026-03-15T10:00:00Z');

describe('guide field checks', () => {
  it('accepts a GUID client ID, in any case and with spaces around it', () => {
    assert.equal(checkClientIdInput(' 3F2B8C1D-6E4A-4B7F-9C2D-1A0E5F8B7C6D '), null);
    assert.equal(checkClientIdInput(''), null, 'an empty field is not an error yet');
  });

  it('refuses a display name or a partial GUID as the client ID', () => {
    for (const value of ['Home Assistant MS365', '3f2b8c1d-6e4a-4b7f-9c2d', 'https://portal.azure.com']) {
      assert.match(checkClientIdInput(value) ?? '', /GUID/, value);
    }
  });

  it('refuses the Secret ID (a GUID) as the secret, saying why', () => {
    assert.match(checkSecretInput('a8d3c2b1-4e5f-4a6b-8c7d-9e0f1a2b3c4d') ?? '', /Secret ID, not the secret itself/);
  });

  it('accepts a secret Value and refuses a fragment', () => {
    assert.equal(checkSecretInput('Gx7~Qm2.Lp9_wR4zT8vN1kJ6hF3dS0aY5uE7iO2b'), null);
    assert.match(checkSecretInput('Gx7~Qm2') ?? '', /too short/);
  });

  it('checks the expiry: a date, not in the past, at most 24 months ahead', () => {
    assert.equal(checkExpiryInput('2027-03-15', NOW), null);
    assert.equal(checkExpiryInput(latestSecretExpiry(NOW), NOW), null, 'exactly 24 months is allowed');
    assert.equal(latestSecretExpiry(NOW), '2028-03-15');
    assert.match(checkExpiryInput('2028-03-16', NOW) ?? '', /at most 24 months/);
    assert.match(checkExpiryInput('2026-03-14', NOW) ?? '', /in the past/);
    assert.match(checkExpiryInput('15/03/2027', NOW) ?? '', /such as/);
  });

  it('accepts a tenant ID or a domain for single-tenant apps', () => {
    assert.equal(checkTenantInput('3b8c0f6e-2d4a-4c1e-9f7b-5a6d8e2c1b47'), null);
    assert.equal(checkTenantInput('contoso.onmicrosoft.com'), null);
    assert.match(checkTenantInput('Contoso Ltd') ?? '', /Directory \(tenant\) ID/);
  });
});
