import type { FastifySchemaValidationError } from 'fastify';

const TYPE_WORDS: Record<string, string> = { string: 'text', integer: 'a whole number', number: 'a number', boolean: 'true or false', array: 'a list', object: 'an object of named fields' };

/** The field a schema error is about, as a dotted path ('dueAt', 'addresses[0]'). */
function pathOf(v: FastifySchemaValidationError): string {
  const base = (v.instancePath ?? '').split('/').slice(1).map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '');
  const extra = (v.params as { missingProperty?: string; additionalProperty?: string }).missingProperty ?? (v.params as { additionalProperty?: string }).additionalProperty;
  const joined = extra ? (base ? `${base}.${extra}` : extra) : base;
  return joined || '(body)';
}

/** A request-schema error in plain words: "is required", "must be a whole number", never ajv's phrasing. */
export function plainIssue(v: FastifySchemaValidationError): { path: string; message: string } {
  const p = v.params as Record<string, unknown>;
  const path = pathOf(v);
  switch (v.keyword) {
    case 'required':
      return { path, message: 'is required' };
    case 'additionalProperties':
      return { path, message: 'is not a field Boundary knows here; remove it (check the spelling)' };
    case 'type':
      return { path, message: `must be ${String(p.type).split(',').map((t) => TYPE_WORDS[t] ?? t).join(' or ')}` };
    case 'minLength':
      return { path, message: p.limit === 1 ? 'must not be empty' : `must be at least ${p.limit} characters` };
    case 'maxLength':
      return { path, message: `must be at most ${p.limit} characters` };
    case 'minimum':
    case 'exclusiveMinimum':
      return { path, message: `must be at least ${p.limit}` };
    case 'maximum':
    case 'exclusiveMaximum':
      return { path, message: `must be at most ${p.limit}` };
    case 'minItems':
      return { path, message: `needs at least ${p.limit} entries` };
    case 'maxItems':
      return { path, message: `may have at most ${p.limit} entries` };
    case 'enum':
      return { path, message: `must be one of ${(p.allowedValues as unknown[]).map((a) => JSON.stringify(a)).join(', ')}` };
    case 'const':
      return { path, message: `must be ${JSON.stringify(p.allowedValue)}` };
    case 'format':
      return { path, message: p.format === 'date-time' ? 'must be a date and time like 2026-11-23T09:00:00Z' : p.format === 'date' ? 'must be a date like 2026-11-23' : `must be a valid ${String(p.format)}` };
    case 'pattern':
      return { path, message: 'is not in the expected form (see the API docs at /docs)' };
    default:
      return { path, message: 'is not allowed here' };
  }
}
