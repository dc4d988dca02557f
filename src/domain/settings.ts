import { Type, type Static } from '@sinclair/typebox';

/**
 * The user's settings, as the API stores them and as `boundary explain --settings` reads them.
 * This TypeBox schema is the single source: the TypeScript type, config/settings.schema.json and
 * the API's validation all derive from it. Semantic checks (zones, overlaps, dates) live in
 * settings-validate.ts.
 */

export const REPLY_LANGUAGES = ['en', 'sq', 'tl', 'kk', 'ru'] as const;
const languageOf = (options: object = {}) =>
  Type.Union(REPLY_LANGUAGES.map((l) => Type.Literal(l)), {
    description: 'Languages with built-in reply templates: English, Albanian, Tagalog, Kazakh, Russian.',
    ...options,
  });
export const ReplyLanguage = languageOf();
export type ReplyLanguage = Static<typeof ReplyLanguage>;

const Clock = Type.String({ pattern: '^([01][0-9]|2[0-4]):[0-5][0-9]$', description: 'Local time HH:mm (24:00 allowed as an end).' });
const IsoDate = Type.String({ description: 'Calendar date YYYY-MM-DD.' });

export const Interval = Type.Object(
  { start: Clock, end: Clock },
  { additionalProperties: false, description: 'A working interval. An end earlier than the start crosses midnight.' },
);
export type Interval = Static<typeof Interval>;

// Maxima far above any real schedule, so one request cannot store (or make every decision walk) thousands.
const MAX = { intervalsPerDay: 12, overrides: 1_000, vacations: 500, addresses: 100, domains: 100, clients: 2_000, clientAddresses: 500 } as const;
/**
 * A domain name (RFC 1035 labels, IDN allowed), optionally written as @acme.com or with a final
 * dot. No wildcards, spaces or empty labels: '*' or 'a b.example' would match nothing, or everything.
 */
const DomainName = Type.String({ maxLength: 253, pattern: '^@?(?:[A-Za-z0-9\\u0080-\\uFFFF](?:[A-Za-z0-9\\u0080-\\uFFFF-]{0,61}[A-Za-z0-9\\u0080-\\uFFFF])?\\.)+[A-Za-z\\u0080-\\uFFFF][A-Za-z0-9\\u0080-\\uFFFF-]*\\.?$', description: 'A domain such as acme.com.' });
const Day = Type.Array(Interval, { default: [], maxItems: MAX.intervalsPerDay });

export const WeeklySchedule = Type.Object(
  { mon: Day, tue: Day, wed: Day, thu: Day, fri: Day, sat: Day, sun: Day },
  { additionalProperties: false },
);
export type WeeklySchedule = Static<typeof WeeklySchedule>;

export const DateOverride = Type.Object(
  {
    date: IsoDate,
    intervals: Type.Array(Interval, { default: [], maxItems: MAX.intervalsPerDay, description: 'Hours for this date; empty means a day off.' }),
    note: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type DateOverride = Static<typeof DateOverride>;

export const Vacation = Type.Object(
  {
    start: IsoDate,
    end: IsoDate,
    message: Type.Optional(Type.String({ maxLength: 2000, description: 'Added to replies sent during this vacation.' })),
  },
  { additionalProperties: false, description: 'Inclusive range of local dates.' },
);
export type Vacation = Static<typeof Vacation>;

/** date-holidays types: public, bank (bank holidays), optional (e.g. the Philippines' special non-working days), school, observance. */
export const HOLIDAY_TYPES = ['public', 'bank', 'optional', 'school', 'observance'] as const;

export const DayOff = Type.Object(
  {
    date: IsoDate,
    name: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false, description: 'A day off the user adds (a decree transfer, a substitute day, an imported holiday).' },
);
export type DayOff = Static<typeof DayOff>;

export const Holidays = Type.Object(
  {
    enabled: Type.Boolean({ default: true }),
    types: Type.Optional(Type.Array(Type.Union(HOLIDAY_TYPES.map((t) => Type.Literal(t))), {
      default: ['public'],
      minItems: 1,
      uniqueItems: true,
      description: 'Which date-holidays types count as days off: public only, or also optional/special, bank, school or observance days.',
    })),
    days: Type.Optional(Type.Array(DayOff, { default: [], maxItems: 1000, description: 'Days off the user added or imported (ICS, their calendar); they count even when enabled is false.' })),
    country: Type.Optional(Type.String({ description: 'ISO 3166-1 alpha-2, e.g. AL, PH, KZ, US.' })),
    region: Type.Optional(Type.String({ description: 'date-holidays state/region code, e.g. NY.' })),
  },
  { additionalProperties: false, default: {}, description: 'Public holidays from date-holidays; the country defaults to the one of timeZone.' },
);

export const Client = Type.Object(
  {
    id: Type.Optional(Type.String()),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    addresses: Type.Array(Type.String({ format: 'email', maxLength: 254 }), { default: [], maxItems: MAX.clientAddresses }),
    domains: Type.Array(DomainName, { default: [], maxItems: MAX.domains }),
    timeZone: Type.Optional(Type.String()),
    // The client's own week in their zone; when absent, the user's weekly hours on the client's clock.
    week: Type.Optional(WeeklySchedule),
    language: Type.Optional(ReplyLanguage),
    silenceThresholdDays: Type.Optional(Type.Number({ minimum: 0.5, maximum: 365 })),
    vip: Type.Boolean({ default: false, description: 'Never auto-reply; always notify.' }),
    autoReply: Type.Boolean({ default: true }),
  },
  { additionalProperties: false },
);
export type Client = Static<typeof Client>;

export const Template = Type.Object(
  {
    subject: Type.Optional(Type.String({ maxLength: 300 })),
    text: Type.String({ minLength: 1, maxLength: 10_000 }),
  },
  { additionalProperties: false },
);
export type Template = Static<typeof Template>;

export const INVITATION_POLICIES = ['notify-only', 'reply-with-note', 'tentative-with-note', 'decline-with-proposals'] as const;
export const InvitationPolicy = Type.Union(INVITATION_POLICIES.map((p) => Type.Literal(p)), { default: 'notify-only' });
export type InvitationPolicy = Static<typeof InvitationPolicy>;

export const Settings = Type.Object(
  {
    $schema: Type.Optional(Type.String({ description: 'Lets editors find config/settings.schema.json; ignored.' })),
    timeZone: Type.String({ description: 'IANA zone, e.g. Europe/Tirane.' }),
    name: Type.String({ default: '', maxLength: 200, description: 'How replies are signed.' }),
    language: languageOf({ default: 'en' }),
    locale: Type.String({ default: 'en', description: 'BCP 47 locale for dates and week descriptions.' }),
    week: WeeklySchedule,
    overrides: Type.Array(DateOverride, { default: [], maxItems: MAX.overrides }),
    vacations: Type.Array(Vacation, { default: [], maxItems: MAX.vacations }),
    holidays: Holidays,
    addresses: Type.Array(Type.String({ format: 'email', maxLength: 254 }), { default: [], maxItems: MAX.addresses, description: "The user's own addresses and aliases." }),
    ownDomains: Type.Array(DomainName, { default: [], maxItems: MAX.domains, description: 'Senders from these domains are colleagues, not clients.' }),
    clientMode: Type.Union([Type.Literal('listed'), Type.Literal('external')], { default: 'external' }),
    clients: Type.Array(Client, { default: [], maxItems: MAX.clients }),
    replyWindowDays: Type.Number({ default: 4, minimum: 1, maximum: 60 }),
    backlogCutoffHours: Type.Number({ default: 12, minimum: 0.25, maximum: 24 * 14 }),
    gracePeriodMinutes: Type.Number({ default: 5, minimum: 0, maximum: 24 * 60 }),
    subjectPrefix: Type.String({ default: 'Re:', maxLength: 40 }),
    templates: Type.Record(Type.String(), Template, { default: {} }),
    invitationPolicy: InvitationPolicy,
    promisedResponseHours: Type.Number({ default: 8, minimum: 1, maximum: 24 * 30, description: 'Working hours within which the user promises to answer clients.' }),
    silence: Type.Object(
      {
        thresholdDays: Type.Number({ default: 3, minimum: 0.5, maximum: 365, description: 'Working days before a thread awaiting the client is flagged.' }),
        quietClientDays: Type.Number({ default: 10, minimum: 1, maximum: 365 }),
      },
      { additionalProperties: false, default: {} },
    ),
    hold: Type.Object(
      {
        enabled: Type.Boolean({
          default: false,
          description: 'Hold my after-hours replies to clients: drafts you mark to wait are sent at the next working start. Mail you already sent is never held.',
        }),
        sendAt: Type.Union([Type.Literal('user'), Type.Literal('client'), Type.Literal('both')], {
          default: 'user',
          description: "When a held draft goes: the user's next working start, the client's, or the first hour both are working.",
        }),
      },
      { additionalProperties: false, default: {} },
    ),
    digest: Type.Object(
      {
        enabled: Type.Boolean({ default: true }),
        time: Type.String({ default: '08:00', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' }),
        skipNonWorkingDays: Type.Boolean({ default: false }),
      },
      { additionalProperties: false, default: {} },
    ),
  },
  { additionalProperties: false, $id: 'https://boundary.dev/schemas/settings.json', title: 'Boundary settings' },
);
export type Settings = Static<typeof Settings>;
