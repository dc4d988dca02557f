/**
 * Scopes that allow drafts.get/send; labels.create also needs gmail.labels unless modify is there.
 * Apart from held-drafts.ts so the kit can ask without loading the Gmail client code.
 */
const DRAFT_SCOPES = ['https://www.googleapis.com/auth/gmail.compose', 'https://www.googleapis.com/auth/gmail.modify', 'https://mail.google.com/'];

export const canHoldDrafts = (grantedScope: string | null | undefined): boolean =>
  (grantedScope ?? '').split(/\s+/).some((s) => DRAFT_SCOPES.includes(s));
