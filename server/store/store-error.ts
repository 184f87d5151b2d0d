// The one error the store raises when it refuses to open; the service prints its message and exits.
// It must never carry key material or store contents, and is only raised before anything was written.

export const STORE_OPEN_ERROR_CODES = [
  'store_key_missing',
  'store_key_invalid',
  'store_unreadable',
  'store_decrypt_failed',
  'store_corrupt',
  'store_schema_mismatch',
] as const;
export type StoreOpenErrorCode = (typeof STORE_OPEN_ERROR_CODES)[number];

// What a user can do about each refusal; kept next to the codes so every code has one.
const FIXES: Record<StoreOpenErrorCode, string> = {
  store_key_missing:
    'Restore store.key from the backup you took of this data folder. Without it the store cannot be read; to start over instead, move store.enc out of the folder (app registrations and sign-ins will have to be added again).',
  store_key_invalid:
    'Restore store.key from the backup you took of this data folder; the file must hold the key exactly as the add-on wrote it.',
  store_unreadable: 'Check that the file exists, is a regular file and that the add-on may read it.',
  store_decrypt_failed:
    'Restore store.enc and store.key together from the same backup: either the key does not belong to this store or the store file was changed or cut short.',
  store_corrupt: 'Restore store.enc from a backup of this data folder.',
  store_schema_mismatch:
    'The store was written by a different version of the add-on. Install that version again, or restore store.enc and store.key from a backup made with this version.',
};

export class StoreOpenError extends Error {
  readonly code: StoreOpenErrorCode;
  /** Absolute path of the file the refusal is about. */
  readonly file: string;
  /** Short, secret-free explanation of what is wrong with that file. */
  readonly reason: string;

  constructor(code: StoreOpenErrorCode, file: string, reason: string, options?: { cause?: unknown }) {
    super(
      `Cannot open the encrypted store: ${file}: ${reason}. The store files were left untouched and the add-on will not start until this is fixed. ${FIXES[code]}`,
      options,
    );
    this.name = 'StoreOpenError';
    this.code = code;
    this.file = file;
    this.reason = reason;
  }
}
