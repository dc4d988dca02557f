import { ValueErrorType, type ValueError } from '@sinclair/typebox/value';

interface SchemaFacts {
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  anyOf?: Array<{ const?: unknown }>;
}

const shown = (v: unknown) => (typeof v === 'string' ? `'${v.length > 40 ? `${v.slice(0, 40)}…` : v}'` : JSON.stringify(v));

/**
 * A validator error in the words a person uses: "is required", "must be an email address",
 * never "Expected required property" or a regular expression.
 */
export function plainWords(e: ValueError): string {
  const s = e.schema as SchemaFacts;
  switch (e.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return 'is required';
    case ValueErrorType.ObjectAdditionalProperties:
      return 'is not something Boundary knows; remove it (check the spelling)';
    case ValueErrorType.String:
      return 'must be text';
    case ValueErrorType.StringFormat:
      return s.format === 'email' ? `${shown(e.value)} is not an email address (like name@example.com)` : `${shown(e.value)} is not a valid ${s.format}`;
    case ValueErrorType.StringPattern:
      if (s.pattern?.includes('[0-5][0-9]$')) return `${shown(e.value)} is not a time of day (HH:mm, like 09:00)`;
      return `${shown(e.value)} is not in the expected form`;
    case ValueErrorType.StringMinLength:
      return s.minLength === 1 ? 'must not be empty' : `must be at least ${s.minLength} characters`;
    case ValueErrorType.StringMaxLength:
      return `must be at most ${s.maxLength} characters`;
    case ValueErrorType.Number:
      return 'must be a number';
    case ValueErrorType.Integer:
      return 'must be a whole number';
    case ValueErrorType.NumberMinimum:
      return `must be at least ${s.minimum}`;
    case ValueErrorType.NumberMaximum:
      return `must be at most ${s.maximum}`;
    case ValueErrorType.Boolean:
      return 'must be true or false';
    case ValueErrorType.Array:
      return 'must be a list';
    case ValueErrorType.ArrayMinItems:
      return `needs at least ${s.minItems} entr${s.minItems === 1 ? 'y' : 'ies'}`;
    case ValueErrorType.ArrayMaxItems:
      return `may have at most ${s.maxItems} entries`;
    case ValueErrorType.Object:
      return 'must be an object of named fields';
    case ValueErrorType.Union: {
      const allowed = (s.anyOf ?? []).map((o) => o.const).filter((c) => c !== undefined);
      return allowed.length > 0 ? `must be one of ${allowed.map((a) => shown(a)).join(', ')}, not ${shown(e.value)}` : `${shown(e.value)} is not allowed here`;
    }
    case ValueErrorType.Literal:
      return `must be ${shown((e.schema as { const?: unknown }).const)}`;
    default:
      return `${shown(e.value)} is not allowed here`;
  }
}

/** One message per field: the first (most specific) one wins, so one mistake reads as one message. */
export function onePerPath<T extends { path: string }>(issues: T[]): T[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    if (seen.has(i.path)) return false;
    seen.add(i.path);
    return true;
  });
}
