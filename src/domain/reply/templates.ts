import { REPLY_LANGUAGES, type ReplyLanguage, type Settings, type Template } from '../settings.js';
import type { ReplyMoment } from '../hours/moment.js';
import { builtinTemplate, type ReplyCategory } from './builtin-templates.js';
import { withUrgentLines } from './urgent-words.js';

/**
 * Reply templates with named placeholders. Custom templates live in `settings.templates` under
 * one of these keys, most specific first: `ru:weekend`, `weekend`, `ru`, `default`.
 */

export const PLACEHOLDERS = [
  'greeting', // "Hi Maria," in the reply language
  'clientName', // the sender's name, else the client's name
  'userName',
  'workingHours', // the user's week, in the user's zone
  'workingHoursClient', // the week in the user's zone and converted to the client's; empty when unknown
  'workingHoursBoth', // workingHoursClient when the client's zone is known, else workingHours
  'nextReply', // the next working start, in the client's zone when known
  'vacationMessage',
  'holidayName',
  'subject', // the original subject
  'userZone',
  'clientZone',
  'urgentNote', // urgent mail only: the urgency is seen, and when the user is back
  'emergencyRoute', // urgent mail only: the user's emergency route, when set
  'howIWork', // the first-contact note's key line, in the first after-hours reply to a sender (firstContact.mode 'fold')
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = Partial<Record<Placeholder, string>>;

const KNOWN: ReadonlySet<string> = new Set(PLACEHOLDERS);
const PLACEHOLDER = /\{([^{}\s]*)\}/g;
const CATEGORIES: readonly ReplyCategory[] = ['after-hours', 'weekend', 'holiday', 'vacation'];

/** Problems with a custom template text; empty when it is fine. */
export function validateTemplate(text: string): string[] {
  const problems: string[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) {
    const name = m[1] ?? '';
    if (!KNOWN.has(name)) problems.push(`unknown placeholder {${name}}; known: ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`);
  }
  const opens = text.split('{').length - 1;
  const closes = text.split('}').length - 1;
  if (opens !== closes) problems.push('unbalanced { } in template');
  return problems;
}

function validKey(key: string): boolean {
  const [a, b, ...rest] = key.split(':');
  if (rest.length > 0 || a === undefined) return false;
  const isLang = (s: string) => (REPLY_LANGUAGES as readonly string[]).includes(s);
  const isCat = (s: string) => (CATEGORIES as readonly string[]).includes(s);
  if (b === undefined) return a === 'default' || isLang(a) || isCat(a);
  return isLang(a) && isCat(b);
}

/** Issues in `settings.templates`, shaped like SettingsError issues so parseSettings can add them. */
export function templateIssues(settings: Pick<Settings, 'templates'>): Array<{ path: string; message: string }> {
  const issues: Array<{ path: string; message: string }> = [];
  for (const [key, template] of Object.entries(settings.templates)) {
    if (!validKey(key)) {
      issues.push({ path: `templates.${key}`, message: `unknown template key '${key}'; use default, a language (${REPLY_LANGUAGES.join(', ')}), a category (${CATEGORIES.join(', ')}) or language:category` });
    }
    for (const message of validateTemplate(template.text)) issues.push({ path: `templates.${key}.text`, message });
    if (template.subject !== undefined) {
      for (const message of validateTemplate(template.subject)) issues.push({ path: `templates.${key}.subject`, message });
    }
  }
  return issues;
}

export function selectTemplate(settings: Settings, language: ReplyLanguage, category: ReplyCategory, moment?: ReplyMoment, urgent = false): Template {
  const t = settings.templates;
  const custom = t[`${language}:${category}`] ?? t[category] ?? t[language] ?? t['default'];
  if (!custom) return { text: builtinTemplate(language, category, moment, urgent) };
  return urgent ? { ...custom, text: withUrgentLines(custom.text) } : custom;
}

/**
 * Fills placeholders. A line that uses a placeholder without a value is dropped, so optional
 * facts (the client's zone, a vacation note) never leave a dangling sentence; runs of blank
 * lines collapse to one.
 */
export function fillTemplate(text: string, values: PlaceholderValues): string {
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    let missing = false;
    const filled = line.replace(PLACEHOLDER, (_, name: string) => {
      const v = values[name as Placeholder];
      if (v === undefined || v === '') missing = true;
      return v ?? '';
    });
    if (missing) continue;
    if (filled.trim() === '' && (lines.length === 0 || lines[lines.length - 1]!.trim() === '')) continue;
    lines.push(filled.trimEnd());
  }
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  return lines.join('\n');
}
