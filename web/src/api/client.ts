// The one place that talks HTTP. URLs are relative (no leading slash), so they resolve under
// whatever prefix Home Assistant's ingress serves the panel at. Error bodies become ApiError.

export interface DiagnosisView {
  class?: string;
  title?: string;
  fix?: string;
  step?: string;
  aadsts?: number;
  error?: string;
  microsoft_message?: string;
}

/** The error contract `{"error":{code,message,fix,aadsts,field,diagnosis}}` as a typed value. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly fix: string | undefined;
  readonly aadsts: number | undefined;
  readonly field: string | undefined;
  readonly diagnosis: DiagnosisView | undefined;

  constructor(status: number, body: Record<string, unknown>) {
    super(typeof body.message === 'string' ? body.message : 'The add-on answered with an error.');
    this.name = 'ApiError';
    this.status = status;
    this.code = typeof body.code === 'string' ? body.code : 'unknown';
    this.fix = typeof body.fix === 'string' ? body.fix : undefined;
    this.aadsts = typeof body.aadsts === 'number' ? body.aadsts : undefined;
    this.field = typeof body.field === 'string' ? body.field : undefined;
    this.diagnosis = isObject(body.diagnosis) ? (body.diagnosis as DiagnosisView) : undefined;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Any thrown value as an ApiError, so views render one shape. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, {
    code: 'unreachable',
    message: 'The add-on did not answer.',
    fix: 'Check that the add-on is running, then reload this page.',
  });
}

export async function request<T>(path: string, init: { method?: string; json?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  if (path.startsWith('/')) throw new Error(`API paths must be relative: ${path}`);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(new URL(path, document.baseURI), {
    method: init.method ?? 'GET',
    headers,
    body: init.json === undefined ? null : JSON.stringify(init.json),
    signal: init.signal ?? null,
    credentials: 'same-origin',
    cache: 'no-store',
  });
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok) return body as T;
  // Home Assistant's ingress answers 401 itself (plain text) when its session has lapsed.
  if (response.status === 401 && !isObject(body)) {
    throw new ApiError(401, {
      code: 'ha_session_expired',
      message: 'Your Home Assistant session has expired.',
      fix: 'Reload this page; Home Assistant opens a new session.',
    });
  }
  const error = isObject(body) && isObject(body.error) ? body.error : { message: `The add-on answered ${response.status}.` };
  throw new ApiError(response.status, error);
}
