import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AdminDirectory, isAdminUser } from '../../../server/ha/admin-directory.js';
import type { HaUser } from '../../../server/ha/core-websocket.js';
import { HaError } from '../../../server/ha/ha-error.js';

const user = (id: string, change: Partial<HaUser> = {}): HaUser => ({ id, name: id, isOwner: false, isActive: true, systemGenerated: false, groupIds: ['system-users'], ...change });

describe('HA admin status', () => {
  it('counts the owner and the admin group, never an inactive user', () => {
    assert.equal(isAdminUser(user('a', { groupIds: ['system-admin'] })), true);
    assert.equal(isAdminUser(user('o', { isOwner: true })), true);
    assert.equal(isAdminUser(user('u')), false);
    assert.equal(isAdminUser(user('r', { groupIds: ['system-read-only'] })), false);
    assert.equal(isAdminUser(user('x', { groupIds: ['system-admin'], isActive: false })), false);
  });

  it('caches the list briefly, shares one lookup, and looks again for an unknown id', async () => {
    let now = 0;
    let lookups = 0;
    let list = [user('admin', { groupIds: ['system-admin'] }), user('kid')];
    const directory = new AdminDirectory(async () => {
      lookups++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return list;
    }, () => now);
    assert.deepEqual(await Promise.all([directory.isAdmin('admin'), directory.isAdmin('kid'), directory.isAdmin('admin')]), [true, false, true]);
    assert.equal(lookups, 1, 'concurrent checks share one lookup');
    now += 10_000;
    list = [user('admin'), user('kid')];
    assert.equal(await directory.isAdmin('admin'), true, 'within 30 s the cached answer stands');
    now += 25_000;
    assert.equal(await directory.isAdmin('admin'), false, 'a demotion shows after the cache expires');
    assert.equal(await directory.isAdmin('new-user'), false);
    assert.equal(lookups, 2, 'an unknown id right after a lookup does not look again');
    now += 6_000;
    list = [...list, user('new-user', { groupIds: ['system-admin'] })];
    assert.equal(await directory.isAdmin('new-user'), true, 'a user created since is found on a new lookup');
    now += 3_600_000;
    assert.equal(directory.lastKnown('new-user'), true, 'the last answer stays available for display, however old');
    assert.equal(directory.lastKnown('nobody'), false);
    assert.equal(new AdminDirectory(async () => [], () => 0).lastKnown('admin'), undefined, 'nothing known before the first lookup');
  });

  it('passes the lookup failure on, so callers fail closed', async () => {
    const directory = new AdminDirectory(async () => {
      throw new HaError('timeout', 'slow');
    }, () => 0);
    await assert.rejects(directory.isAdmin('admin'), (error: HaError) => error.reason === 'timeout');
  });
});
