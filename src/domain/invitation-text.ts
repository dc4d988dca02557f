import type { InvitationAction, InvitationCategory, ProposedSlot } from './invitation.js';

/**
 * The note sent with an invitation response. English only for now; every word the invitation
 * side says lives here so it can be localized in one place.
 */
export interface NoteInput {
  action: InvitationAction;
  category: InvitationCategory;
  subject: string;
  week: string;
  proposals: ProposedSlot[];
  vacationEnd?: string;
  signature: string;
}

const WHY: Record<InvitationCategory, (n: NoteInput) => string> = {
  'weekend': () => 'It falls on a day I do not work',
  'holiday': () => 'It falls on a public holiday',
  'vacation': (n) => (n.vacationEnd ? `I am on vacation until ${n.vacationEnd}` : 'I am on vacation then'),
  'outside-hours': () => 'It is outside my working hours',
  'partly-outside': () => 'It runs outside my working hours',
  'within-hours': () => '',
};

export function invitationNote(n: NoteInput): string {
  const lines = [`Thank you for the invitation to "${n.subject}".`];
  const why = `${WHY[n.category](n)} (${n.week}).`;
  if (n.action === 'decline-with-proposals') lines.push(`${why} I have to decline this time, but I would be glad to meet at one of these times:`);
  else if (n.action === 'tentative-with-note') lines.push(`${why} I have marked it as tentative.${n.proposals.length ? ' Would one of these times work instead?' : ''}`);
  else lines.push(`${why}${n.proposals.length ? ' Would one of these times work instead?' : ' I will confirm as soon as I can.'}`);
  for (const p of n.proposals) lines.push(`- ${p.organizerText ? `${p.organizerText} (${p.userText})` : p.userText}`);
  lines.push('', n.signature ? `Best regards,\n${n.signature}` : 'Best regards');
  return lines.join('\n');
}

export function slotText(range: string, place: string): string {
  return `${range} ${place} time`;
}
