import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { DateTime } from 'luxon';
import { DATED_KINDS, EXPECTATION_KINDS, MEASURED_KINDS, type ExpectationParams } from './expectations.js';
import type { ExpectationKind, ExpectationStatus } from './types.js';

export interface InputIssue {
  path: string;
  message: string;
}

const Params = Type.Object(
  {
    workingDays: Type.Optional(Type.Number({ minimum: 0.25, maximum: 60 })),
    limit: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
    used: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
  },
  { additionalProperties: false },
);

export const ExpectationInput = Type.Object(
  {
    kind: Type.Union(EXPECTATION_KINDS.map((k) => Type.Literal(k))),
    title: Type.String({ minLength: 1, maxLength: 300 }),
    party: Type.Optional(Type.Union([Type.Literal('client'), Type.Literal('user')])),
    dueAt: Type.Optional(Type.Union([Type.String({ minLength: 1 }), Type.Null()])),
    params: Type.Optional(Params),
  },
  { additionalProperties: false },
);

export const ExpectationPatch = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    dueAt: Type.Optional(Type.Union([Type.String({ minLength: 1 }), Type.Null()])),
    params: Type.Optional(Params),
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('met'), Type.Literal('broken')])),
    reason: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export interface NewExpectation {
  kind: ExpectationKind;
  title: string;
  party: 'client' | 'user';
  dueAt: string | null;
  params: ExpectationParams;
}

export interface ExpectationChange {
  title?: string;
  dueAt?: string | null;
  params?: ExpectationParams;
  status?: Extract<ExpectationStatus, 'open' | 'met' | 'broken'>;
  reason?: string;
}

type Result<T> = { ok: true; value: T } | { ok: false; issues: InputIssue[] };

function schemaIssues(schema: Parameters<typeof Value.Errors>[0], input: unknown): InputIssue[] {
  const issues: InputIssue[] = [];
  const seen = new Set<string>();
  for (const e of Value.Errors(schema, input)) {
    const path = e.path.split('/').filter(Boolean).join('.') || '(body)';
    if (seen.has(path)) continue; // a union reports once per branch; the first message is enough
    seen.add(path);
    issues.push({ path, message: e.message });
  }
  return issues;
}

/** An instant with an explicit offset, or a plain date (due at the end of that day in `zone`). */
/** Due dates a follow-up can sensibly have; PostgreSQL would refuse years outside 4713 BC–294276 AD anyway. */
const FIRST_YEAR = 1970;
export const DUE_HINT = 'expected a date (YYYY-MM-DD) or an ISO 8601 instant with a real UTC offset, between 1970 and 9999';
const LAST_YEAR = 9999;

export function parseDue(value: string, zone: string): string | null {
  let d: DateTime;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    d = DateTime.fromISO(value, { zone }).endOf('day');
  } else {
    // Real UTC offsets run from -12:00 to +14:00 (luxon would take +99:99 as another instant).
    const offset = /(Z|([+-])(\d{2}):?(\d{2}))$/i.exec(value);
    if (!offset || (offset[2] && (Number(offset[3]) > 14 || Number(offset[4]) > 59))) return null;
    d = DateTime.fromISO(value, { setZone: true });
  }
  if (!d.isValid) return null;
  const utc = d.toUTC();
  return utc.year >= FIRST_YEAR && utc.year <= LAST_YEAR ? utc.toISO() : null;
}

function kindIssues(kind: ExpectationKind, dueAt: string | null | undefined, params: ExpectationParams | undefined): InputIssue[] {
  const issues: InputIssue[] = [];
  if (DATED_KINDS.has(kind) && !dueAt) issues.push({ path: 'dueAt', message: `a ${kind} expectation needs a due date` });
  if (kind === 'response-time' && params?.workingDays === undefined) issues.push({ path: 'params.workingDays', message: 'a response-time expectation needs the number of working days' });
  if (kind === 'revision-limit' && params?.limit === undefined) issues.push({ path: 'params.limit', message: 'a revision-limit expectation needs the number of rounds' });
  return issues;
}

export function parseNewExpectation(input: unknown, zone: string): Result<NewExpectation> {
  const issues = schemaIssues(ExpectationInput, input);
  if (issues.length > 0) return { ok: false, issues };
  const body = input as Static<typeof ExpectationInput>;
  const dueAt = body.dueAt ? parseDue(body.dueAt, zone) : null;
  if (body.dueAt && !dueAt) issues.push({ path: 'dueAt', message: DUE_HINT });
  issues.push(...kindIssues(body.kind, body.dueAt, body.params));
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: { kind: body.kind, title: body.title.trim(), party: body.party ?? 'client', dueAt, params: body.params ?? {} } };
}

export function parseExpectationChange(input: unknown, kind: ExpectationKind, zone: string): Result<ExpectationChange> {
  const issues = schemaIssues(ExpectationPatch, input);
  if (issues.length > 0) return { ok: false, issues };
  const body = input as Static<typeof ExpectationPatch>;
  const change: ExpectationChange = {};
  if (body.title !== undefined) change.title = body.title.trim();
  if (body.dueAt !== undefined) {
    change.dueAt = body.dueAt === null ? null : parseDue(body.dueAt, zone);
    if (body.dueAt !== null && !change.dueAt) issues.push({ path: 'dueAt', message: DUE_HINT });
    if (body.dueAt === null && DATED_KINDS.has(kind)) issues.push({ path: 'dueAt', message: `a ${kind} expectation needs a due date` });
  }
  if (body.params !== undefined) change.params = body.params;
  if (body.status !== undefined) {
    if (MEASURED_KINDS.has(kind)) issues.push({ path: 'status', message: `the status of a ${kind} expectation is measured by Boundary, not set by hand` });
    change.status = body.status;
  }
  if (body.reason !== undefined) change.reason = body.reason;
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: change };
}
