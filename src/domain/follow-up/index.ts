/** Silence, agreed expectations and follow-up reminders: pure rules over stored metadata. */
export type * from './types.js';
export { clientMessages, type ConversationMessage } from './conversation.js';
export { EXPECTATION_KINDS, evaluateExpectation, withStatus, type Expectation, type HistoryEntry, type InvitationFact } from './expectations.js';
export { parseExpectationChange, parseNewExpectation, type ExpectationChange, type NewExpectation } from './expectation-input.js';
export { clientLanguage, followUpText } from './follow-up-text.js';
export { reminderDrafts, REMINDER_KINDS, type ReminderDraft, type ReminderKind } from './reminders.js';
export { followUpReport, type FollowUpInput } from './report.js';
export { suggestExpectations, type SuggestedExpectation } from './suggest.js';
export { URGENT_WORDS, urgentWords } from './urgent-words.js';
export { typicalDayHours, workingDaysBetween, workingHoursBetween } from './working-days.js';
