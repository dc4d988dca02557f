import type { FastifyError, FastifyInstance } from 'fastify';

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
      const issues = err.validation.map((v) => ({
        path: (v.instancePath || '/').replace(/^\//, '').replace(/\//g, '.') || (v.params as { missingProperty?: string })?.missingProperty || '(body)',
        message: v.message ?? 'is invalid',
      }));
      return reply.status(400).send({ error: 'invalid_request', message: err.message, issues });
    }
    if (err instanceof ValidationError || err.name === 'SettingsError' || err.name === 'TemplateError') {
      return reply.status(400).send({ error: 'invalid_request', message: err.message, issues: err.issues ?? [] });
    }
    if (err instanceof NotFoundError) return reply.status(404).send({ error: 'not_found', message: err.message });
    if (err.name === 'VersionConflictError') return reply.status(409).send({ error: 'version_conflict', message: err.message });
    if (err instanceof ConflictError) return reply.status(409).send({ error: 'conflict', message: err.message, ...(err.issues.length ? { issues: err.issues } : {}) });
    if (err instanceof UnauthorizedError) return reply.status(401).send({ error: 'unauthorized', message: err.message });
    if (err.name === 'QueueUnavailableError') {
      req.log.warn({ err }, 'queue unavailable');
      return reply.status(503).send({ error: 'unavailable', message: 'The job queue is unavailable; try again shortly.' });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(err.statusCode).send({ error: err.code ?? 'bad_request', message: err.message });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: 'internal', message: 'Something went wrong on our side.' });
  });
  app.setNotFoundHandler((req, reply) => reply.status(404).send({ error: 'not_found', message: `No route ${req.method} ${req.url.split('?')[0]}` }));
}
