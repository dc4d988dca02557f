import type { DateTime } from 'luxon';
import { matchClient } from '../clients.js';
import type { Client, Settings } from '../settings.js';
import { clientMessages, groupBy, type ClientMessage, type ConversationMessage } from './conversation.js';
import { evaluateExpectation, type Evaluation, type Expectation, type InvitationFact } from './expectations.js';
import { clientLanguage, followUpText, type Agreement } from './follow-up-text.js';
import { awaitingThreads, clientSilence, openThreads, reappearances, thresholdHours, unansweredThreads } from './silence.js';
import type { ClientRef, ExpectationItem, FollowUpReport } from './types.js';
import { round1, workingDaysBetween } from './working-days.js';

export interface FollowUpInput {
  settings: Settings;
  messages: ConversationMessage[];
  expectations: Expectation[];
  invitations: InvitationFact[];
  suggestionsPending: number;
  now: DateTime;
}

export interface FollowUpResult {
  report: FollowUpReport;
  /** Each expectation's status at `now`, for the scan to record (the report itself writes nothing). */
  evaluations: Map<string, Evaluation>;
}

const REPORTED: ReadonlySet<string> = new Set(['due', 'overdue', 'broken']);
const OPEN: ReadonlySet<string> = new Set(['open', 'due', 'overdue']);

/** The report the API, the reminders and the digest share. Pure: data and `now` in, report out. */
export function followUpReport(input: FollowUpInput): FollowUpResult {
  const { settings, now } = input;
  const messages = clientMessages(input.messages, settings);
  const clientsById = new Map(settings.clients.filter((c) => c.id).map((c) => [c.id!, c]));
  const evaluations = new Map<string, Evaluation>();
  const current = input.expectations.map((e) => {
    const facts = {
      messages: messages.filter((m) => m.client.id === e.clientId),
      invitations: input.invitations.filter((i) => i.organizer !== null && matchClient(i.organizer, settings)?.id === e.clientId),
    };
    const evaluation = evaluateExpectation(e, facts, settings, now);
    evaluations.set(e.id, evaluation);
    return { ...e, status: evaluation.status };
  });
  const openByClient = new Map<string, Expectation[]>();
  for (const e of current.filter((x) => OPEN.has(x.status)).sort(byDue)) openByClient.set(e.clientId, [...(openByClient.get(e.clientId) ?? []), e]);
  const agreementFor = (client: Client): Agreement | null => {
    const e = client.id ? openByClient.get(client.id)?.[0] : undefined;
    return e ? { title: e.title, dueAt: e.dueAt } : null;
  };
  const text = (purpose: Parameters<typeof followUpText>[0], client: Client, facts: Parameters<typeof followUpText>[3]) =>
    followUpText(purpose, clientLanguage(client, settings), settings, { ...facts, agreement: agreementFor(client) }, now);

  const open = openThreads(messages, settings, now);
  // The follow-up text is written on first read: a digest shows a handful, the API all of them.
  const awaitingClients = awaitingThreads(open, settings, messages).filter((t) => nudgeable(t.last.client)).map(({ last, waitingWorkingHours }) => {
    let suggestion: string | undefined;
    return {
      client: last.ref,
      threadId: last.threadId,
      subject: last.subject,
      lastSentAt: last.at,
      waitingWorkingHours: round1(waitingWorkingHours),
      thresholdWorkingHours: round1(thresholdHours(last, settings)),
      get suggestedFollowUp(): string {
        return (suggestion ??= text('awaiting', last.client, { subject: last.subject, sentAt: last.at }));
      },
    };
  });
  const unansweredByUser = unansweredThreads(open, messages, settings).filter((t) => !ended(t.last.client)).map(({ last, waitingWorkingHours }) => ({
    client: last.ref,
    threadId: last.threadId,
    subject: last.subject,
    receivedAt: last.at,
    waitingWorkingHours: round1(waitingWorkingHours),
    promisedWorkingHours: settings.promisedResponseHours,
  }));

  const silence = clientSilence(messages, settings, now);
  const quietClients = [];
  const waitingByClient = groupBy(open.filter((t) => t.last.direction === 'out'), (t) => t.last.key);
  for (const s of silence.values()) {
    // Checked first: spelling out every waiting thread of a client who is not quiet is wasted.
    if (s.quietWorkingDays < settings.silence.quietClientDays || !nudgeable(s.first.client)) continue;
    const items = [
      ...(waitingByClient.get(s.key) ?? []).map((t) => `Waiting for an answer to "${t.last.subject}" since ${t.last.at.slice(0, 10)}`),
      ...(s.first.client.id ? (openByClient.get(s.first.client.id) ?? []) : []).filter((e) => e.dueAt).map((e) => itemText(e)),
    ];
    if (items.length === 0) continue;
    quietClients.push({ client: s.first.ref, lastHeardAt: s.lastHeardAt ?? s.since, quietWorkingDays: s.quietWorkingDays, openItems: items, suggestedFollowUp: text('quiet', s.first.client, {}) });
  }

  // A client with an agreement but no mail in the window: quiet since the agreement was recorded.
  for (const [clientId, list] of openByClient) {
    const client = clientsById.get(clientId);
    const dated = list.filter((e) => e.dueAt);
    if (!client || !nudgeable(client) || dated.length === 0 || silence.has(`client:${clientId}`)) continue;
    const since = dated.map((e) => e.createdAt).sort()[0]!;
    const quietWorkingDays = round1(workingDaysBetween(settings, since, now));
    if (quietWorkingDays < settings.silence.quietClientDays) continue;
    const ref: ClientRef = { id: clientId, name: client.name, address: client.addresses[0] ?? client.domains[0] ?? '' };
    quietClients.push({ client: ref, lastHeardAt: since, quietWorkingDays, openItems: dated.map(itemText), suggestedFollowUp: text('quiet', client, {}) });
  }

  const reports = reappearances(messages, settings, now).filter((r) => !ended(r.message.client)).map(({ message, silentWorkingDays, urgentWords }) => ({
    client: message.ref,
    messageAt: message.at,
    subject: message.subject,
    silentWorkingDays,
    urgentWords,
    suggestedResponse: text('reappearance', message.client, { subject: message.subject }),
  }));

  const expectations: ExpectationItem[] = current.filter((e) => REPORTED.has(e.status)).sort(byDue).map((e) => {
    const client = clientsById.get(e.clientId);
    const ref: ClientRef = { id: e.clientId, name: client?.name ?? '', address: client?.addresses[0] ?? client?.domains[0] ?? '' };
    const purpose = e.party === 'user' ? 'expectationUser' : 'expectationClient';
    const suggestedFollowUp = followUpText(purpose, clientLanguage(client, settings), settings, { agreement: { title: e.title, dueAt: e.dueAt, kind: e.kind, params: e.params } }, now);
    return { id: e.id, client: ref, kind: e.kind, title: e.title, status: e.status, dueAt: e.dueAt, suggestedFollowUp };
  });

  const report: FollowUpReport = {
    generatedAt: now.toUTC().toISO()!,
    awaitingClients: awaitingClients.sort((a, b) => b.waitingWorkingHours - a.waitingWorkingHours),
    quietClients: quietClients.sort((a, b) => b.quietWorkingDays - a.quietWorkingDays),
    reappearances: reports,
    unansweredByUser: unansweredByUser.sort((a, b) => b.waitingWorkingHours - a.waitingWorkingHours),
    expectations,
    suggestionsPending: input.suggestionsPending,
  };
  return { report, evaluations };
}

/** Ended clients are never nudged; paused ones are quiet by agreement, so their silence is no news. */
const ended = (c: Client) => c.status === 'ended';
const nudgeable = (c: Client) => c.status !== 'ended' && c.status !== 'paused';

function byDue(a: Expectation, b: Expectation): number {
  return (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999');
}

function itemText(e: Expectation): string {
  return `${e.title} (${e.kind}${e.dueAt ? `, due ${e.dueAt.slice(0, 10)}` : ''})`;
}

export type { ClientMessage };
