import type { Settings } from './settings.js';
export interface SettingsIssue { path: string; message: string }
export class SettingsError extends Error {
  readonly issues: SettingsIssue[];
  constructor(issues: SettingsIssue[]) {
    super(`Invalid settings: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'SettingsError';
    this.issues = issues;
  }
}
export function parseSettings(_input: unknown): Settings { throw new Error('not implemented yet'); }
