import { readFile } from 'node:fs/promises';
import { DateTime } from 'luxon';
import { simpleParser } from 'mailparser';
import { matchClient } from '../domain/clients.js';
import { decideMessage } from '../domain/decide-message.js';
import { etiquetteReasons } from '../domain/etiquette/index.js';
import { detectLanguage } from '../domain/language.js';
import { renderMime } from '../domain/reply/mime.js';
import { templateIssues } from '../domain/reply/templates.js';
import { parseSettings } from '../domain/settings-validate.js';
import { detectSignals, signalMessage } from '../domain/signals/index.js';
import type { Settings } from '../domain/settings.js';
import { EmlError, parseEml } from '../mail/eml.js';
import { HistoryError, parseHistory } from './explain-history.js';

/** `boundary explain MESSAGE.eml --settings SETTINGS.json [--now ISO] [--history HISTORY.json]` */

export interface ExplainIo {
  out: (s: string) => void;
  err: (s: string) => void;
  now: () => DateTime;
}

const USAGE = 'usage: boundary explain MESSAGE.eml --settings SETTINGS.json [--now ISO] [--history HISTORY.json]';

class UsageError extends Error {}

function parseArgs(args: string[]): { message: string; settings: string; now?: string; history?: string } {
  const flags: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--settings' || a === '--now' || a === '--history') {
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      flags[a.slice(2)] = v;
    } else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else positional.push(a);
  }
  if (positional.length !== 1) throw new UsageError('give exactly one MESSAGE.eml');
  if (!flags.settings) throw new UsageError('--settings SETTINGS.json is required');
  return { message: positional[0]!, settings: flags.settings, ...(flags.now ? { now: flags.now } : {}), ...(flags.history ? { history: flags.history } : {}) };
}

async function readJson(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${what} ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${what} ${path} is not valid JSON: ${(err as Error).message}`);
  }
}

function loadSettings(input: unknown, path: string): Settings {
  let settings: Settings;
  try {
    settings = parseSettings(input);
  } catch (err) {
    throw new UsageError(`invalid settings in ${path}: ${(err as Error).message}`);
  }
  const issues = templateIssues(settings);
  if (issues.length > 0) throw new UsageError(`invalid settings in ${path}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  return settings;
}

function readHistory(input: unknown, path: string): ReturnType<typeof parseHistory> {
  try {
    return parseHistory(input);
  } catch (err) {
    if (err instanceof HistoryError) throw new UsageError(`invalid history in ${path}: ${err.message}`);
    throw err;
  }
}

export async function explainCommand(args: string[], io: ExplainIo): Promise<number> {
  try {
    const opts = parseArgs(args);
    const now = opts.now ? DateTime.fromISO(opts.now, { setZone: true }) : io.now();
    if (!now.isValid) throw new UsageError(`--now '${opts.now}' is not an ISO 8601 date-time`);
    const settings = loadSettings(await readJson(opts.settings, 'settings'), opts.settings);
    const history = opts.history ? readHistory(await readJson(opts.history, 'history'), opts.history) : null;
    let raw: Buffer;
    try {
      raw = await readFile(opts.message);
    } catch (err) {
      throw new UsageError(`cannot read message ${opts.message}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    const message = await parseEml(raw);
    // The whole body, with its line breaks (quoted mail is recognised by them); read, never kept.
    const body = (await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true })).text ?? '';
    const sender = message.from ?? message.replyTo[0] ?? null;
    const client = sender ? matchClient(sender, settings) : null;
    const language = client?.language ?? detectLanguage(`${message.subject}\n${body}`);
    // Whatever the decision; the history-based ones only with --history.
    const signals = detectSignals(signalMessage(message, body), { settings, client, language }, history?.signals);
    const decision = decideMessage(message, settings, history?.reply ?? {}, now, signals);
    const reply = decision.reply;
    const output = {
      action: decision.action,
      category: decision.category,
      client: decision.client,
      reasons: decision.reasons,
      // Every etiquette rule the message trips, not only the first that decided.
      etiquette: etiquetteReasons(message, settings),
      signals,
      message: { messageId: message.messageId, from: message.from, subject: message.subject, receivedAt: message.receivedAt },
      reply: reply ? { ...reply, mime: renderMime(reply, { date: now }) } : null,
    };
    io.out(JSON.stringify(output, null, 2));
    return 0;
  } catch (err) {
    if (err instanceof UsageError || err instanceof EmlError) {
      io.err(`boundary explain: ${err.message}${err instanceof UsageError && /give exactly|required|needs a value|unknown option/.test(err.message) ? `\n${USAGE}` : ''}`);
      return 2;
    }
    throw err;
  }
}
