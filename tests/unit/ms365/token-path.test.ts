import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { AppError } from '../../../server/errors/app-error.js';
import { entityNameProblem, tokenFilePath } from '../../../server/ms365/token-path.js';

const HA = '/homeassistant';

describe('tokenFilePath', () => {
  it('is <config>/ms365_storage/.MS365-token-cache/<domain>_<entity_name>.token', () => {
    assert.equal(tokenFilePath(HA, 'ms365_calendar', 'work'), '/homeassistant/ms365_storage/.MS365-token-cache/ms365_calendar_work.token');
    assert.equal(tokenFilePath(HA, 'ms365_todo', 'my tasks'), '/homeassistant/ms365_storage/.MS365-token-cache/ms365_todo_my tasks.token');
    assert.equal(tokenFilePath(HA, 'ms365_mail', '..'), '/homeassistant/ms365_storage/.MS365-token-cache/ms365_mail_...token');
  });

  for (const name of ['../../configuration', 'a/b', 'a\\b', 'tab\there', 'nul\u0000', '', ' lead', 'trail ', 'x'.repeat(151)]) {
    it(`refuses the entity name ${JSON.stringify(name.slice(0, 20))}`, () => {
      assert.ok(entityNameProblem(name));
      assert.throws(() => tokenFilePath(HA, 'ms365_calendar', name), (error: unknown) => error instanceof AppError && error.code === 'ms365_invalid_entity_name');
    });
  }

  it('refuses an entry without an entity name', () => {
    assert.throws(() => tokenFilePath(HA, 'ms365_calendar', null), /entity name/);
  });

  it('always stays in the token folder', () => {
    for (const name of ['.', '..', '...', 'é', '%2e%2e']) {
      assert.equal(path.dirname(tokenFilePath(HA, 'ms365_contacts', name)), '/homeassistant/ms365_storage/.MS365-token-cache', name);
    }
  });
});
