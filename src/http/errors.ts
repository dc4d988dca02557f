import type { FastifyError, FastifyInstance } from 'fastify';
import { plainIssue } from './validation-words.js';
import { sendErrorPage, sendNotFound, wantsPage } from './web/error-page.js';

/**
 * Boundary's own codes and words for what the framework rejects before a route runs; a client
 * never has to know fastify's FST_ERR_* names.
 */
const FRAMEWORK_ERRORS: Record<string, { error: string; message: (err: FastifyError) => string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { error: 'invalid_json', message: (e) => `The body is not valid JSON (${e.message.replace(/^Body is not valid JSON but content-type is set to 'application\/json'$/, 'it could not be parsed').slice(0, 200)}). Send a JSON object, e.g. {"name": "Acme"}.` },
  FST_ERR_CTP_EMPTY_JSON_BODY: { error: 'empty_body', message: () => 'The body is empty but Content-Type says JSON. Send a JSON object, or no Content-Type.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { error: 'unsupported_media_type', message: (e) => `This route takes JSON (Content-Type: application/json); ${e.message.replace(/^Unsupported Media Type: /, 'got ')}.` },
  FST_ERR_CTP_BODY_TOO_LARGE: { error: 'body_too_large', message: () => 'The body is too large (at most 1 MiB).' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { error: 'bad_content_length', message: () => 'Content-Length does not match the body.' },
};

/** Domain-level errors carry no HTTP knowledge; this is the one place that maps them to status codes. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(message: string, readonly issues: Array<{ path: string; message: string }> = []) {
    super(message);
  }
}
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
  constructor(message: string, readonly issues: Array<{ path: string; message: string }> = []) {
    super(message);
  }
}
export class UnauthorizedError extends Error {
  override readonly name = 'UnauthorizedError';
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError & { issues?: unknown }, req, reply) => {
    if (err.validation) {
      const seen = new Set<string>();
      // One message per field: ajv can report one mistake several ways.
      const issues = err.validation.map(plainIssue).filter((i) => !seen.has(i.path) && seen.add(i.path));
      return reply.status(400).send({ error: 'invalid_request', message: `Invalid request: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues });
    }
    if (err instanceof ValidationError || err.name === 'SettingsError' || err.name === 'TemplateError') {
      return reply.status(400).send({ error: 'invalid_request', message: err.message, issues: err.issues ?? [] });
    }
    if (err instanceof NotFoundError) return reply.status(404).send({ error: 'not_found', message: err.message });
    if (err.name === 'VersionConflictError') return reply.status(409).send({ error: 'version_conflict', message: err.message });
    if (err instanceof ConflictError) return reply.status(409).send({ error: 'conflict', message: err.message, ...(err.issues.length ? { issues: err.issues } : {}) });
    if (err instanceof UnauthorizedError) return reply.status(401).send({ error: 'unauthorized', message: err.message });
    if (err.name === 'QueueUnavailableError') {
      req.log.warn({ err }, 'redis unavailable');
      return reply.status(503).send({ error: 'unavailable', message: 'Redis, which Boundary queues its work in, is not reachable right now; try again shortly.' });
    }
    const known = FRAMEWORK_ERRORS[err.code];
    if (known && err.statusCode) return reply.status(err.statusCode).send({ error: known.error, message: known.message(err) });
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      const code = err.code && !err.code.startsWith('FST_') ? err.code : 'bad_request';
      return reply.status(err.statusCode).send({ error: code, message: err.message });
    }
    req.log.error({ err }, 'unhandled error');
    if (wantsPage(req)) return sendErrorPage(req, reply, 500, 'Something went wrong', 'Something went wrong on our side. Nothing you did caused it; try again in a moment.');
    return reply.status(500).send({ error: 'internal', message: 'Something went wrong on our side.' });
  });
  app.setNotFoundHandler((req, reply) => sendNotFound(req, reply));
}
