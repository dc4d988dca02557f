import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tracedRun } from '../support/traced-run.js';

/**
 * A vendor's SDK loads only when an account of that kind is opened (issue 16): the API and the
 * workers start with Google and Microsoft both configured, one kind of mailbox is connected, and
 * a trace of the process shows which SDKs came in.
 */

const dir = mkdtempSync(path.join(os.tmpdir(), 'boundary-sdk-trace-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const GOOGLE = ['googleapis', 'google-auth-library'];
const MICROSOFT = ['@microsoft/microsoft-graph-client', '@azure/msal-node'];
const IMAP = ['imapflow', 'tsdav'];

function open(kind: string) {
  const run = tracedRun(path.join(dir, `${kind}.txt`), ['test/support/open-one-kind.ts', kind], { DATA_DIR: path.join(dir, kind) }, 240_000);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return run;
}

const loaded = (packages: Set<string>, names: string[]) => names.filter((n) => packages.has(n));

describe('vendor SDKs load with the first account of their kind', () => {
  it('starting the API and workers loads none of them', () => {
    const { stdout, packages } = open('none');
    expect(stdout).toBe('done\n');
    expect(packages.has('fastify')).toBe(true);
    expect(loaded(packages, [...GOOGLE, ...MICROSOFT, ...IMAP])).toEqual([]);
  }, 300_000);

  it('connecting a Gmail mailbox loads Google\'s SDKs and neither the Graph client nor imapflow', () => {
    const { stdout, packages } = open('google');
    expect(stdout).toMatch(/^connected \S+\ndone\n$/);
    expect(loaded(packages, GOOGLE)).toEqual(GOOGLE);
    expect(loaded(packages, [...MICROSOFT, ...IMAP])).toEqual([]);
  }, 300_000);

  it('connecting an Outlook mailbox loads the Graph client and MSAL and neither googleapis nor imapflow', () => {
    const { stdout, packages } = open('microsoft');
    expect(stdout).toMatch(/^connected \S+\ndone\n$/);
    expect(loaded(packages, MICROSOFT)).toEqual(MICROSOFT);
    expect(loaded(packages, [...GOOGLE, ...IMAP])).toEqual([]);
  }, 300_000);
});
