// One error handler per app: AppError → the error contract, zod → 400 naming the field, Fastify's
// own client errors → their 4xx, anything else → a generic 500 whose cause goes to the log only.
import type { FastifyError, FastifyInstance } from 'fastify';
import { ZodError } from 'zod';
import { AppError } from '../../errors/app-error.js';

function fromZod(error: ZodError): AppError {
  const issue = error.issues[0];
  const field = issue?.path.join('.') || undefined;
  const detail = issue?.message && !issue.message.startsWith('Invalid') ? issue.message : 'This value is not valid.';
  return new AppError('validation_failed', {
    ...(field ? { field } : {}),
    message: field ? `${field}: ${detail}` : detail,
  });
}

/** Fastify's own errors; their messages may quote the body (JSON.parse does), so none is passed on. */
function fromFastify(error: FastifyError): AppError | undefined {
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new AppError('payload_too_large');
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return new AppError('unsupported_media_type');
  if (error.statusCode === 404) return new AppError('not_found');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError('validation_failed', {
      message: 'The request body could not be read: send valid JSON.',
      fix: 'Check the request body is well-formed JSON with the fields the API documents.',
    });
  }
  return undefined;
}

export function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) return fromZod(error);
  if (error && typeof error === 'object' && 'code' in error) return fromFastify(error as FastifyError);
  return undefined;
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const known = toAppError(error);
    const final = known ?? new AppError('internal_error');
    if (!known) request.log.error({ err: error }, 'unexpected error');
    if (final.headers) void reply.headers(final.headers);
    void reply.code(final.status).header('cache-control', 'no-store').send(final.toBody());
  });
  app.setNotFoundHandler((_request, reply) => {
    const notFound = new AppError('not_found');
    void reply.code(404).send(notFound.toBody());
  });
}
