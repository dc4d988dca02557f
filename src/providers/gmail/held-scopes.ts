/**
 * Scopes that allow drafts.create/get/send; labels.create also needs gmail.labels unless modify is there.
 * Apart from held-drafts.ts so the kit can ask without loading the Gmail client code.
 */
const DRAFT_SCOPES = ['https://www.googleapis.com/auth/gmail.compose', 'https://www.googleapis.com/auth/gmail.modify', 'https://mail.google.com/'];

/**
 * What turning drafting on asks Google for, through incremental consent (include_granted_scopes):
 * compose to write drafts (issue 20) and send held ones (issue 21), labels for the hold label.
 */
export const DRAFTING_SCOPES = ['https://www.googleapis.com/auth/gmail.compose', 'https://www.googleapis.com/auth/gmail.labels'];

export const canHoldDrafts = (grantedScope: string | null | undefined): boolean =>
  (grantedScope ?? '').split(/\s+/).some((s) => DRAFT_SCOPES.includes(s));

/** Writing a draft needs the same scopes as holding one: one consent turns both on. */
export const canWriteDrafts = canHoldDrafts;
