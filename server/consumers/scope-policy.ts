// What a consumer key may ask for: its own scope list (empty: anything the account was granted),
// and never more than the account was granted. 403 lists what the key may ask for.
import { AppError } from '../errors/app-error.js';
import { graphScopePrefix, isGraphPermission, shortScope, shownScope } from '../oauth/scopes.js';
import type { CloudId } from '../settings/clouds.js';
import type { Consumer } from '../store/schema.js';

// Stored lists are frozen and replaced on every store write, so their lower-cased sets can be kept.
const lowerSets = new WeakMap<readonly string[], Set<string>>();

function lowerSet(list: readonly string[]): Set<string> {
  if (!Object.isFrozen(list)) return new Set(list.map((scope) => shortScope(scope).toLowerCase()));
  let set = lowerSets.get(list);
  if (!set) {
    set = new Set(list.map((scope) => shortScope(scope).toLowerCase()));
    lowerSets.set(list, set);
  }
  return set;
}

/**
 * 400 naming the first scope that is not a Graph permission of the account's cloud. A scope of
 * another resource would make Microsoft refuse the account's refresh token (AADSTS65001, 500011),
 * which must not be a consumer's to cause; so it never reaches Microsoft.
 */
export function checkScopeSpelling(wanted: readonly string[], cloud: CloudId): void {
  const bad = wanted.find((scope) => !isGraphPermission(scope, [cloud]));
  if (bad === undefined) return;
  throw new AppError('validation_failed', {
    field: 'scopes',
    message: `${shownScope(bad)} is not a Microsoft Graph permission of this account’s cloud.`,
    fix: `Ask for Graph permission names such as Mail.Read, bare or as ${graphScopePrefix(cloud)}Mail.Read; this add-on serves tokens for Microsoft Graph only.`,
  });
}

export function checkScopes(consumer: Consumer, granted: string[], wanted: string[]): void {
  const allowed = lowerSet(consumer.allowedScopes);
  const outside = wanted.filter((scope) => allowed.size > 0 && !allowed.has(shortScope(scope).toLowerCase()));
  if (outside.length) {
    throw new AppError('scope_forbidden', {
      message: `This consumer key may not ask for ${outside.join(', ')}.`,
      details: { allowed_scopes: consumer.allowedScopes },
    });
  }
  const grantedSet = lowerSet(granted);
  const notGranted = wanted.filter((scope) => !grantedSet.has(shortScope(scope).toLowerCase()));
  if (notGranted.length) {
    throw new AppError('scope_not_granted', { details: { not_granted: notGranted, granted_scopes: granted } });
  }
}

/** Without a scope list a consumer gets what the account was granted, within what the key allows. */
export function defaultScopes(consumer: Consumer, granted: string[]): string[] {
  if (consumer.allowedScopes.length === 0) return granted;
  const allowed = lowerSet(consumer.allowedScopes);
  return granted.filter((scope) => allowed.has(shortScope(scope).toLowerCase()));
}
