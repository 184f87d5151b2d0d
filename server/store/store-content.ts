// Turns decrypted bytes into validated StoreData, and freezes the state callers are handed.
// Must never put store contents into an error message: they hold client secrets and tokens.
import { storeDataSchema, type StoreData } from './schema.js';
import { StoreOpenError } from './store-error.js';

export function parseStoreJson(plain: Buffer, file: string): StoreData {
  let json: unknown;
  try {
    json = JSON.parse(plain.toString('utf8'));
  } catch {
    // The SyntaxError text quotes the content, so it is not passed on.
    throw new StoreOpenError('store_corrupt', file, 'the decrypted content is not valid JSON');
  }
  const parsed = storeDataSchema.safeParse(json);
  if (!parsed.success) {
    throw new StoreOpenError(
      'store_schema_mismatch',
      file,
      `the content does not have the expected shape (${describeIssues(parsed.error.issues)})`,
    );
  }
  return parsed.data;
}

/** Paths and zod's type messages only; never the offending values. */
export function describeIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  const shown = issues.slice(0, 3).map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
  return issues.length > 3 ? `${shown.join('; ')}; and ${issues.length - 3} more` : shown.join('; ');
}

export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
