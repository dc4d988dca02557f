import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { DateTime, Info } from 'luxon';
import { classifyInstant, describeWeek, nextWorkingStart } from '../../domain/hours/index.js';
import { LOCALE_OF } from '../../domain/language.js';
import type { MessageMeta } from '../../domain/message.js';
import { composeReply } from '../../domain/reply/compose.js';
import { templateIssues } from '../../domain/reply/templates.js';
import { parseSettings, SettingsError } from '../../domain/settings-validate.js';
import { REPLY_LANGUAGES, type Client, type Settings } from '../../domain/settings.js';
import type { Db } from '../../storage/db.js';
import { getClient } from '../../storage/settings-store.js';
import { caller } from '../auth.js';
import { NotFoundError, ValidationError } from '../errors.js';

const Body = Type.Object(
  {
    settings: Type.Object({}, { additionalProperties: true, description: 'A full settings document, as for PUT /api/settings. Not saved.' }),
    at: Type.Optional(Type.String({ format: 'date-time', description: 'The instant to ask about; default now.' })),
    clientZone: Type.Optional(Type.String({ description: 'Show the week and the reply as a client in this zone sees them.' })),
    clientId: Type.Optional(Type.String({ description: 'Render the reply for this client (name, language, zone).' })),
    language: Type.Optional(Type.Union(REPLY_LANGUAGES.map((l) => Type.Literal(l)))),
    senderName: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

interface PreviewInput {
  settings: object;
  at?: string;
  clientZone?: string;
  clientId?: string;
  language?: (typeof REPLY_LANGUAGES)[number];
  senderName?: string;
}

/** The middle of a reply: without the greeting and the signature, the part that says when. */
function sentenceOf(text: string): string {
  const paragraphs = text.split(/\n{2,}/).map((p) => p.trim()).filter(Boolean);
  return (paragraphs.length >= 3 ? paragraphs.slice(1, -1) : paragraphs).join('\n\n');
}

/** A message as a client would send it at `at`, so the preview runs the real composer. */
function sampleMessage(at: DateTime, from: { name: string; address: string }, to: string): MessageMeta {
  return {
    provider: 'google', providerMessageId: 'preview', threadId: 'preview', messageId: '<preview@boundary.invalid>',
    from, replyTo: [], to: [{ address: to }], cc: [], bcc: [], dateHeader: null, receivedAt: at.toUTC().toISO()!,
    subject: 'Project update', headers: {}, labels: ['inbox'],
  };
}

export function previewReply(settings: Settings, input: Omit<PreviewInput, 'settings'>, saved: Client | null, userEmail: string, now: Date) {
  const at = input.at ? DateTime.fromISO(input.at, { zone: 'utc' }) : DateTime.fromJSDate(now, { zone: 'utc' });
  const cls = classifyInstant(settings, at);
  const next = nextWorkingStart(settings, at);
  const locale = LOCALE_OF[settings.language] ?? settings.locale;
  let client: Client | null = saved;
  if (input.clientZone || input.language) {
    client = { ...(saved ?? { name: '', addresses: [], domains: [], vip: false, autoReply: true }), ...(input.clientZone ? { timeZone: input.clientZone } : {}), ...(input.language ? { language: input.language } : {}) };
  }
  const withAddress: Settings = { ...settings, addresses: settings.addresses.length ? settings.addresses : [userEmail], clients: saved && client ? [client] : [] };
  const sender = { name: input.senderName?.trim() || saved?.name || 'Maria Example', address: saved?.addresses[0] ?? `client@${saved?.domains[0] ?? 'example.com'}` };
  const reply = composeReply(sampleMessage(at, sender, withAddress.addresses[0]!), withAddress, client, at);
  return {
    at: at.toISO(),
    working: cls.working,
    category: cls.category,
    nextWorkingStart: next?.toUTC().toISO() ?? null,
    nextWorkingStartText: next ? `${next.setZone(settings.timeZone).setLocale(locale).toFormat('cccc d LLLL yyyy, HH:mm')} (${settings.timeZone})` : null,
    week: describeWeek(settings, { locale, at }),
    weekInClientZone: input.clientZone ? describeWeek(settings, { locale, at, otherZone: input.clientZone }) : null,
    replySentence: sentenceOf(reply.text),
    reply: { subject: reply.subject, text: reply.text, language: reply.language },
  };
}

/** POST /api/settings/preview: what these settings would do, without saving them. */
export function previewRoutes(deps: { db: Db; now: () => Date }) {
  return async (app: FastifyInstance) => {
    app.post(
      '/api/settings/preview',
      { onRequest: app.requireUser, schema: { tags: ['settings'], summary: 'Is it working time? When do I next start? The week in words and the reply, for unsaved settings.', security: [{ bearer: [] }], body: Body } },
      async (req) => {
        const input = req.body as PreviewInput;
        const { clients: _ignored, ...doc } = input.settings as Record<string, unknown>;
        const settings = parseSettings(doc);
        const issues = templateIssues(settings);
        if (issues.length > 0) throw new SettingsError(issues);
        if (input.clientZone && !Info.normalizeZone(input.clientZone).isValid) {
          throw new ValidationError('Invalid preview', [{ path: 'clientZone', message: `unknown time zone '${input.clientZone}'` }]);
        }
        let saved: Client | null = null;
        if (input.clientId) {
          saved = (await getClient(deps.db, caller(req).id, input.clientId)) ?? null;
          if (!saved) throw new NotFoundError('No such client');
        }
        return previewReply(settings, input, saved, caller(req).email, deps.now());
      },
    );
  };
}
