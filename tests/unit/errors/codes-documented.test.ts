import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ERROR_CODES } from '../../../server/errors/codes.js';

describe('error codes', () => {
  it('are every one documented in the README', () => {
    const readme = readFileSync('README.md', 'utf8');
    const missing = Object.keys(ERROR_CODES).filter((code) => !readme.includes(`\`${code}\``));
    assert.deepEqual(missing, []);
  });

  it('each carry a 4xx or 5xx status and a message a person can act on', () => {
    for (const [code, entry] of Object.entries(ERROR_CODES)) {
      assert.ok(entry.status >= 400 && entry.status < 600, code);
      assert.ok(entry.message.length > 10, code);
      assert.match(code, /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/, `${code} is stable snake_case`);
    }
  });
});
