import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyInstant } from '../../../src/domain/hours/index.js';
import { settingsSchemaText } from '../../../src/domain/settings-json-schema.js';
import { parseSettings } from '../../../src/domain/settings-validate.js';
import { DateTime } from 'luxon';

const read = (file: string) => readFileSync(new URL(`../../../config/${file}`, import.meta.url), 'utf8');

describe('config files', () => {
  it('settings.schema.json is what scripts/write-settings-schema.ts generates (rerun it after editing settings.ts)', () => {
    expect(read('settings.schema.json')).toBe(settingsSchemaText());
  });

  it('settings.example.json parses and means what it says', () => {
    const s = parseSettings(JSON.parse(read('settings.example.json')));
    expect(s.clients).toHaveLength(2);
    const at = (iso: string) => classifyInstant(s, DateTime.fromISO(iso, { zone: 'Europe/Tirane' })).category;
    expect(at('2026-03-17T12:45')).toBe('after-hours'); // lunch
    expect(at('2026-03-17T17:00')).toBe('within-hours');
    expect(at('2026-08-05T10:00')).toBe('vacation');
    expect(at('2026-11-28T10:00')).toBe('holiday'); // Independence Day on a Saturday: holiday beats weekend
    expect(at('2026-11-30T10:00')).toBe('holiday'); // its substitute Monday
  });
});
