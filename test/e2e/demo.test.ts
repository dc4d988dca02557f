import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runDemo } from '../../demo/run-demo.js';
import { COLLECTIVE_ME, ME } from '../../demo/scenario.js';

/** `npm run demo` as a newcomer runs it: every event goes as the scenario says, on both providers. */
describe('the demo', () => {
  it('plays the two weeks on Gmail and Outlook with every outcome as expected, and writes the digest', { timeout: 60_000 }, async () => {
    const lines: string[] = [];
    const result = await runDemo({ out: (line) => lines.push(line) });
    expect(result.mismatches, lines.join('\n')).toBe(0);
    expect(result.replies.gmail).toBeGreaterThan(0);
    expect(result.replies.outlook).toBeGreaterThan(0);
    expect(lines.filter((l) => /^  \d\d:\d\d  .*\(Outlook\)/.test(l))).toHaveLength(3); // Helga's two invitations and her Saturday mail
    expect(lines.join('\n')).toMatch(/Helga writes on Saturday \(Outlook\) +→ polite reply sent/);
    // The digest agrees with the story: Elira answered Marco (in one thread, for both of his
    // Friday requests); Helga's Saturday mail is the one still waiting.
    const printed = lines.join('\n');
    expect(printed).toMatch(/Helga at Fjord Events is waiting for your answer on "Sunday call\?"/);
    expect(printed).not.toMatch(/Marco[^\n]*waiting for your answer/);
    // Victor chases hour after hour in the evening; Dana comes back after a long silence, urgently.
    const needsYou = printed.slice(printed.indexOf('NEEDS YOU TODAY'), printed.indexOf('WHILE YOU WERE OFF'));
    expect(needsYou).toMatch(/Dana at Quietwater is back after \d+ working days of silence with urgent words \(urgent, today\)/);
    expect(printed).toMatch(/Victor at Tightrope chased you 5 times this week \(all outside your hours; 5 on Wed 25 Nov, over your limit of 3 a day\)/);
    expect(printed).toMatch(/Victor at Tightrope sent 5 of 6 messages \(83%\) outside your hours this week/);
    expect(printed).not.toMatch(/No client is pushing further into your evenings/);
    expect(printed).toMatch(/Victor at Tightrope looks like a problem client/);
    expect(printed).toMatch(/Dana at Quietwater looks like a client with a problem/);
    expect(printed).not.toMatch(/Waiting on Dana/); // she wrote since: a nudge would cross her mail
    // Noor skips the contract, asks for more pages at the same price, pays late, then asks for new
    // work: each becomes a draft for Elira (never sent) and a line in the digest.
    expect(printed).toMatch(/Drafts in her Gmail +contract-request ×1, .*payment-reminder ×3, scope-cost ×1 \(written for her to send, never sent\)/);
    expect(printed).toContain('Noor at Brightline: work is going on (3 messages in two weeks) with no contract. (they said: “No need for a contract”)');
    expect(printed).toContain('Noor at Brightline asked for new work while an invoice is overdue');
    expect(printed).toMatch(/Invoice BL-1 to Noor at Brightline \(1500\.00 EUR\) is \d+ days overdue/);
    // Issue 21: her own 23:40 reply waits for her working start; the 08:00 digest lists it as waiting.
    expect(printed).toMatch(/23:40  Elira marks her 23:40 reply to Amira to wait for the morning +→ held; Boundary will send it Wed 25 Nov 09:00/);
    expect(printed).toMatch(/09:00  Her working day starts: the held reply to Amira +→ Boundary sends it at 09:00 \(this morning's digest listed it under Waiting to send\)/);
    expect(lines.join('\n')).toMatch(/any mailbox with IMAP and SMTP[\s\S]*Connect another mailbox \(IMAP\)/);
    expect(existsSync(result.digestFile)).toBe(true);
    const html = readFileSync(result.digestFile, 'utf8');
    expect(html).toContain('2 accounts connected and healthy');
    expect(html).toContain(ME);
    expect(html).toContain(COLLECTIVE_ME);
  });
});
