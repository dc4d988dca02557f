import type { Emergency } from '../settings-alerts.js';
import type { Client, ReplyLanguage, Settings } from '../settings.js';

/**
 * What an after-hours reply adds when the message reads as urgent (issue 18): it says the urgency
 * was seen and when the user is back, without promising to break the user's evening. The user's
 * emergency route, when set, follows as its own paragraph.
 */
export const URGENT_NOTE: Record<ReplyLanguage, string> = {
  en: 'I can see this is urgent. It will be the first thing I turn to when I am back at work, on {nextReply}.',
  sq: 'E kuptoj që është urgjente. Do të jetë gjëja e parë me të cilën do të merrem kur të rikthehem në punë: {nextReply}.',
  tl: 'Nauunawaan ko po na apurahan ito. Ito po ang una kong aasikasuhin pagbalik ko sa trabaho sa {nextReply}.',
  kk: 'Мәселенің шұғыл екенін түсінемін, сондықтан жұмысқа оралғанда ең алдымен соны қолға аламын. Жұмысқа оралатын уақытым: {nextReply}.',
  ru: 'Понимаю, что дело срочное, и займусь им в первую очередь. Снова на связи: {nextReply}.',
};

/** The client's own route first, then the user's; the text in the reply's language when written. */
export function emergencyRoute(settings: Settings, client: Client | null, language: ReplyLanguage): string {
  const route: Emergency | undefined = client?.emergency ?? settings.emergency;
  if (!route) return '';
  return (route.byLanguage?.[language] ?? route.text).trim();
}

/**
 * A custom template without {urgentNote}: the note and the route go before its last paragraph
 * (the sign-off), so an urgent message is never answered as if it were routine.
 */
export function withUrgentLines(template: string): string {
  if (template.includes('{urgentNote}')) return template;
  const paragraphs = template.split(/\n{2,}/);
  const at = paragraphs.length > 1 ? paragraphs.length - 1 : paragraphs.length;
  paragraphs.splice(at, 0, '{urgentNote}', '{emergencyRoute}');
  return paragraphs.join('\n\n');
}
