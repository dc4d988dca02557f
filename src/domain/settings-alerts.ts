import { Type, type Static } from '@sinclair/typebox';

/**
 * Issue 18 settings: the emergency route an urgent after-hours reply may give, and the alerts that
 * reach the user at once. Kept beside settings.ts so that file only names them.
 */

const Clock = Type.String({ pattern: '^([01][0-9]|2[0-4]):[0-5][0-9]$', description: 'Local time HH:mm (24:00 allowed as an end).' });
const LANGUAGES = ['en', 'sq', 'tl', 'kk', 'ru'] as const;

export const Emergency = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 500, description: 'One or two sentences, e.g. "If the site is down, call +355 69 000 0000."' }),
    byLanguage: Type.Optional(
      Type.Object(Object.fromEntries(LANGUAGES.map((l) => [l, Type.Optional(Type.String({ minLength: 1, maxLength: 500 }))])), {
        additionalProperties: false,
        description: 'The same route written in a client language; `text` is used for the others.',
      }),
    ),
  },
  { additionalProperties: false, description: 'Given only in the automatic reply to a message that reads as urgent.' },
);
export type Emergency = Static<typeof Emergency>;

export const AlertSettings = Type.Object(
  {
    email: Type.Optional(Type.Object({ to: Type.String({ format: 'email', maxLength: 254, description: 'A personal address; never a client.' }) }, { additionalProperties: false })),
    webhook: Type.Optional(Type.Object({ url: Type.String({ maxLength: 2000, pattern: '^https?://', description: 'Receives a signed JSON POST (X-Boundary-Signature).' }) }, { additionalProperties: false })),
    push: Type.Boolean({ default: true, description: 'Web Push to the browsers where you turned notifications on.' }),
    quietHours: Type.Optional(
      Type.Object({ start: Clock, end: Clock }, { additionalProperties: false, description: 'Your own quiet hours, in your time zone; an end before the start crosses midnight. Alerts wait for the end unless the client breaks through.' }),
    ),
  },
  { additionalProperties: false, default: {}, description: "Alerts that reach you now: a VIP's mail, and urgent mail from clients marked alertWhenUrgent." },
);
export type AlertSettings = Static<typeof AlertSettings>;

/** Per-client alert rules; `vip` (always tell me) lives on the client already. */
export const ClientAlertFields = {
  alertWhenUrgent: Type.Optional(Type.Boolean({ description: 'Alert me at once when this client writes something urgent.' })),
  alertBreaksQuiet: Type.Optional(Type.Boolean({ description: "This client's alerts break through my quiet hours." })),
  emergency: Type.Optional(Emergency),
};
