/**
 * Two weeks in the life of Elira, a freelance designer in Tirana, and her clients. Times are
 * Tirana local time. Each client is one of the patterns people who work with clients know well.
 * Her own studio's mail is on Gmail; the events she takes through Kolektiv, a design collective,
 * come to its Microsoft 365 mailbox.
 */

export const ME = 'elira@hoxha.studio';
export const COLLECTIVE_ME = 'elira@kolektiv.example';
export const ZONE = 'Europe/Tirane';
export const START = '2026-11-16'; // a Monday
export const DIGEST_DATE = '2026-11-30';

export const CLIENTS = [
  { name: 'Marco at Nightjar Studio', addresses: [], domains: ['nightjar.example'], timeZone: 'America/Los_Angeles' },
  { name: 'Helga at Fjord Events', addresses: [], domains: ['fjord-events.example'], timeZone: 'Europe/Oslo' },
  { name: 'Dana at Quietwater', addresses: [], domains: ['quietwater.example'], timeZone: 'America/New_York', silenceThresholdDays: 3 },
  { name: 'Victor at Tightrope', addresses: [], domains: ['tightrope.example'], timeZone: 'Europe/Berlin' },
  { name: 'Amira at Sunny Side', addresses: [], domains: ['sunnyside.example'], timeZone: 'Asia/Dubai' },
  { name: 'Noor at Brightline', addresses: ['noor@brightline.example'], domains: ['brightline.example'], timeZone: 'Europe/Tirane', language: 'en' },
];

/** Noor's agreed scope and the invoice Elira enters by hand (issue 20): she will pay it late. */
export const NOOR = {
  name: 'Noor at Brightline',
  scope: { deliverables: ['5-page shop website'], revisionRounds: 2, rate: 100, currency: 'EUR', unit: 'page' },
  invoice: { reference: 'BL-1', amount: '1500', currency: 'EUR', issuedOn: '2026-11-16', dueOn: '2026-11-19' },
};

export type Mailbox = 'gmail' | 'outlook';

/** Where each mailbox lives, as the set-up line and the event lines name it. */
export const MAILBOXES: Record<Mailbox, { address: string; provider: 'google' | 'microsoft'; label: string }> = {
  gmail: { address: ME, provider: 'google', label: 'Gmail' },
  outlook: { address: COLLECTIVE_ME, provider: 'microsoft', label: 'Outlook' },
};

/** `mailbox` is where the event happens; without it, Elira's Gmail. */
export type DemoEvent = { at: string; label: string; mailbox?: Mailbox } & (
  | { kind: 'mail'; from: string; subject: string; body?: string; headers?: Record<string, string>; expect: 'reply' | 'no-reply' }
  | { kind: 'sent'; to: string; subject: string }
  | { kind: 'invite'; organizer: string; subject: string; start: string; end: string }
  // Issue 21: Elira writes a draft at night and marks it to wait; `held-due` is the morning it goes.
  | { kind: 'hold'; to: string; subject: string; body: string }
  | { kind: 'held-due'; subject: string }
);

const days = (n: number, time: string) => {
  const d = new Date(`${START}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return `${d.toISOString().slice(0, 10)}T${time}`;
};

function micromanager(day: number, from: string, subject: string): DemoEvent[] {
  // A message at 16:50, then a chaser every hour until late.
  const base = [16, 17, 18, 19, 20, 21];
  return base.map((h, i) => ({
    at: days(day, `${String(h).padStart(2, '0')}:${i === 0 ? '50' : '05'}`),
    kind: 'mail' as const,
    from,
    subject: i === 0 ? subject : `Re: ${subject}`,
    label: i === 0 ? 'Victor sends a request just before the end of the day' : `Victor chases again (${i})`,
    expect: i === 0 ? ('no-reply' as const) : i === 1 ? ('reply' as const) : ('no-reply' as const),
  }));
}

export const EVENTS: DemoEvent[] = [
  { at: days(0, '10:15'), kind: 'mail', from: 'Amira Haddad <amira@sunnyside.example>', subject: 'Menu layout feedback', label: 'Amira writes in working hours', expect: 'no-reply' },
  { at: days(0, '11:40'), kind: 'sent', to: 'amira@sunnyside.example', subject: 'Re: Menu layout feedback', label: 'Elira answers Amira' },
  { at: days(0, '12:00'), kind: 'sent', to: 'dana@quietwater.example', subject: 'Brand guide v2: your review by Friday?', label: 'Elira sends Dana the brand guide' },
  { at: days(0, '10:30'), kind: 'mail', from: 'Noor Aziz <noor@brightline.example>', subject: 'Shop website', body: "No need for a contract, let's just start.", label: 'Noor wants to start without a contract', expect: 'no-reply' },
  { at: days(0, '14:00'), kind: 'mail', from: 'Design Weekly <news@designweekly.example>', subject: 'This week in design', headers: { 'List-Unsubscribe': '<mailto:leave@designweekly.example>', Precedence: 'bulk' }, label: 'A newsletter', expect: 'no-reply' },
  { at: days(1, '11:00'), kind: 'mail', from: 'Noor Aziz <noor@brightline.example>', subject: 'Re: Shop website', body: 'Can you add 5 more pages, same price?', label: 'Noor asks for 5 more pages, same price', expect: 'no-reply' },
  ...micromanager(1, 'Victor Braun <victor@tightrope.example>', 'Banner sizes for Thursday'),
  { at: days(2, '09:30'), kind: 'sent', to: 'victor@tightrope.example', subject: 'Re: Banner sizes for Thursday', label: 'Elira answers Victor in the morning' },
  { at: days(2, '23:10'), kind: 'mail', from: 'design-list <design-list@lists.example>', subject: '[design-list] Kerning debate', headers: { 'List-Id': '<design-list.lists.example>' }, label: 'Mailing-list traffic at night', expect: 'no-reply' },
  { at: days(3, '15:00'), kind: 'mail', from: 'Mail Delivery Subsystem <mailer-daemon@mx.example>', subject: 'Undelivered Mail Returned to Sender', headers: { 'Return-Path': '<>', 'Auto-Submitted': 'auto-replied' }, label: 'A bounce', expect: 'no-reply' },
  { at: days(4, '02:00'), kind: 'mail', from: 'Marco Bellini <marco@nightjar.example>', subject: 'Quick change before the pitch', label: 'Marco writes at 02:00 on Friday', expect: 'reply' },
  { at: days(4, '02:20'), kind: 'mail', from: 'Marco Bellini <marco@nightjar.example>', subject: 'Also the colours', label: 'Marco again, 20 minutes later', expect: 'no-reply' },
  { at: days(4, '10:00'), kind: 'sent', to: 'marco@nightjar.example', subject: 'Re: Quick change before the pitch', label: 'Elira answers Marco on Friday morning' },
  { at: days(4, '16:00'), kind: 'invite', mailbox: 'outlook', organizer: 'helga@fjord-events.example', subject: 'Venue walkthrough', start: days(5, '10:00'), end: days(5, '11:00'), label: 'Helga books a Saturday meeting' },
  { at: days(5, '01:30'), kind: 'mail', from: 'Marco Bellini <marco@nightjar.example>', subject: 'Saturday idea', label: 'Marco writes at 01:30 on Saturday', expect: 'no-reply' },
  { at: days(5, '12:00'), kind: 'mail', mailbox: 'outlook', from: 'Helga Dahl <helga@fjord-events.example>', subject: 'Sunday call?', label: 'Helga writes on Saturday', expect: 'reply' },
  { at: days(6, '09:00'), kind: 'invite', mailbox: 'outlook', organizer: 'helga@fjord-events.example', subject: 'Sunday sync', start: days(6, '15:00'), end: days(6, '15:30'), label: 'Helga books a Sunday call' },
  { at: days(7, '09:45'), kind: 'mail', from: 'Jonas Berg <jonas@partner.example>', subject: 'Automatic reply: Project update', headers: { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' }, label: "Someone else's out-of-office reply", expect: 'no-reply' },
  { at: days(8, '11:00'), kind: 'mail', from: 'Amira Haddad <amira@sunnyside.example>', subject: 'Photos for the menu', label: 'Amira, in hours again', expect: 'no-reply' },
  { at: days(8, '13:00'), kind: 'sent', to: 'amira@sunnyside.example', subject: 'Re: Photos for the menu', label: 'Elira answers Amira' },
  { at: days(8, '23:40'), kind: 'hold', to: 'amira@sunnyside.example', subject: 'Menu photos, cropped', body: 'Here are the cropped photos for the menu.', label: 'Elira marks her 23:40 reply to Amira to wait for the morning' },
  { at: days(9, '09:00'), kind: 'held-due', subject: 'Menu photos, cropped', label: 'Her working day starts: the held reply to Amira' },
  ...micromanager(9, 'Victor Braun <victor@tightrope.example>', 'Newsletter header'),
  { at: days(10, '08:30'), kind: 'sent', to: 'victor@tightrope.example', subject: 'Re: Newsletter header', label: 'Elira answers Victor' },
  { at: days(10, '22:45'), kind: 'sent', to: 'marco@nightjar.example', subject: 'Re: Saturday idea', label: 'Elira answers Marco late at night (her own boundary slips)' },
  { at: days(12, '07:10'), kind: 'mail', from: 'Dana Fox <dana@quietwater.example>', subject: 'URGENT: need the brand guide today', label: 'Dana returns after 12 days: urgent, today', expect: 'reply' },
  { at: days(13, '10:00'), kind: 'mail', from: 'Noor Aziz <noor@brightline.example>', subject: 'Landing page', body: 'Could you start on our new landing page next week?', label: 'Noor asks for new work on Sunday, invoice unpaid', expect: 'reply' },
  { at: days(13, '20:00'), kind: 'mail', from: 'Marco Bellini <marco@nightjar.example>', subject: 'Pitch went well!', label: 'Marco on Sunday evening', expect: 'reply' },
];
