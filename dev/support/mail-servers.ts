import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { selfSignedCertificate } from '../emulators/microsoft/tls.js';
import { freePort } from './google-service.js';
import { waitForPort } from './processes.js';
import { dovecotConf, postfixMain, postfixMaster } from './mail-server-config.js';

const run = promisify(execFile);

/**
 * Debian's Dovecot (IMAP + LMTP), Postfix and Radicale, each with its own configuration in a
 * temporary directory on free loopback ports. No system service is touched. Mail for any address
 * in MAIL_DOMAINS is accepted by Postfix on `smtpPort` and delivered into Dovecot over LMTP, as a
 * real host does it. What could not be started is said plainly in `missing`.
 */

export const MAIL_DOMAINS = ['boundary.test', 'client.example'];

export interface MailServers {
  dir: string;
  imapPort: number; // implicit TLS
  smtpPort: number; // port-25 style relay into the local domains (no auth)
  submissionPort: number; // implicit TLS, SASL via Dovecot
  caldavUrl: string; // http://127.0.0.1:port/
  ca: string;
  /** Resolves once Dovecot accepts the password. */
  addUser(address: string, password: string): Promise<void>;
  setPassword(address: string, password: string): Promise<void>;
  doveadm(...args: string[]): Promise<string>;
  /** Postfix's queue listing ("Mail queue is empty" when all was delivered). */
  postqueue(): Promise<string>;
  restartDovecot(): Promise<void>;
  stop(): Promise<void>;
}

/** Why the servers could not all be started, or null when they can be. */
export function mailServersMissing(): string | null {
  const need: [string, string][] = [
    ['/usr/sbin/dovecot', 'dovecot-imapd'],
    ['/usr/lib/dovecot/lmtp', 'dovecot-lmtpd'],
    ['/usr/lib/dovecot/imap', 'dovecot-imapd'],
    ['/usr/sbin/postfix', 'postfix'],
    ['/usr/bin/radicale', 'radicale'],
  ];
  const absent = [...new Set(need.filter(([file]) => !existsSync(file)).map(([, pkg]) => pkg))];
  if (absent.length) return `not installed: ${absent.join(', ')} (apt-get install ${absent.join(' ')})`;
  if (process.getuid?.() !== 0) return 'Postfix needs root to start its master process; run the tests as root (CI does)';
  return null;
}

const ids = async (name: string): Promise<{ uid: number; gid: number }> => {
  const { stdout } = await run('id', [name]);
  return { uid: Number(/uid=(\d+)/.exec(stdout)![1]), gid: Number(/gid=(\d+)/.exec(stdout)![1]) };
};

export async function startMailServers(): Promise<MailServers> {
  const missing = mailServersMissing();
  if (missing) throw new Error(`mail servers cannot start: ${missing}`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'boundary-mail-'));
  const [imapPort, lmtpPort, caldavPort] = await Promise.all([freePort(), freePort(), freePort()]);
  let [smtpPort, submissionPort] = await Promise.all([freePort(), freePort()]);
  const tls = selfSignedCertificate(new Date());
  writeFileSync(path.join(dir, 'cert.pem'), tls.cert);
  writeFileSync(path.join(dir, 'key.pem'), tls.key, { mode: 0o600 });
  const vmail = await ids('nobody');
  for (const d of ['mail', 'dovecot-run', 'dovecot-state', 'postfix', 'postfix/queue', 'postfix/data', 'radicale']) mkdirSync(path.join(dir, d), { recursive: true });
  // mkdtemp makes 0700: the servers' own users (nobody, postfix, dovenull) must traverse it.
  chmodSync(dir, 0o755);
  chownSync(path.join(dir, 'mail'), vmail.uid, vmail.gid);
  const postfixUser = await ids('postfix');
  chownSync(path.join(dir, 'postfix/data'), postfixUser.uid, postfixUser.gid);
  mkdirSync(path.join(dir, 'passwd'));
  writeFileSync(path.join(dir, 'htpasswd'), '');
  const dovecotConfPath = path.join(dir, 'dovecot.conf');
  writeFileSync(dovecotConfPath, dovecotConf({ dir, imapPort, lmtpPort, vmail }));
  writeFileSync(path.join(dir, 'postfix/main.cf'), postfixMain({ dir, lmtpPort, domains: MAIL_DOMAINS }));
  const postfixDir = path.join(dir, 'postfix');
  const children: ChildProcess[] = [];
  const startProblems: string[] = [];

  const startDovecot = async () => {
    const child = spawn('/usr/sbin/dovecot', ['-F', '-c', dovecotConfPath], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    children.push(child);
    await waitForPort(imapPort, 15_000).catch(() => {
      throw new Error(`Dovecot did not start: ${err || readLog(path.join(dir, 'dovecot.log'))}`);
    });
    await waitForPort(lmtpPort, 5_000);
    return child;
  };
  let dovecot = await startDovecot();

  // A free port can be taken by another test's server between freePort() and Postfix binding it
  // (the master then fails to start): start again on other ports before giving up.
  for (let attempt = 1; ; attempt++) {
    writeFileSync(path.join(postfixDir, 'master.cf'), postfixMaster({ smtpPort, submissionPort }));
    try {
      await run('/usr/sbin/postfix', ['-c', postfixDir, 'start']);
      await waitForPort(smtpPort, 15_000);
      await waitForPort(submissionPort, 5_000);
      break;
    } catch (err) {
      await run('/usr/sbin/postfix', ['-c', postfixDir, 'stop']).catch(() => {});
      if (attempt < 3) {
        [smtpPort, submissionPort] = await Promise.all([freePort(), freePort()]);
        continue;
      }
      startProblems.push(`Postfix did not start: ${(err as Error).message} ${readLog(path.join(postfixDir, 'maillog'))}`);
      break;
    }
  }

  const radicale = spawn('/usr/bin/radicale', [
    '--config', '',
    '--server-hosts', `127.0.0.1:${caldavPort}`,
    '--storage-filesystem-folder', path.join(dir, 'radicale'),
    '--auth-type', 'htpasswd',
    '--auth-htpasswd-filename', path.join(dir, 'htpasswd'),
    '--auth-htpasswd-encryption', 'plain',
    '--rights-type', 'owner_only',
  ], { stdio: 'ignore' });
  children.push(radicale);
  await waitForPort(caldavPort, 15_000).catch(() => startProblems.push('Radicale did not start'));

  const doveadm = async (...args: string[]) => (await run('/usr/bin/doveadm', ['-c', dovecotConfPath, ...args])).stdout;
  // Dovecot looks at a passwd-file's mtime at most once a second, so an edit is seen a moment later.
  // Each doveadm run is a process start, slow on a busy machine: the deadline is generous.
  // `--`: a random password may start with '-', which doveadm would read as an option.
  const accepted = async (address: string, password: string) => {
    const until = Date.now() + 30_000;
    let refusal = '';
    while (!(await doveadm('auth', 'test', '--', address, password).then(() => true, (err: { stderr?: string; stdout?: string; message: string }) => {
      refusal = `${err.stdout ?? ''} ${err.stderr ?? err.message}`.replace(/\s+/g, ' ').trim();
      return false;
    }))) {
      if (Date.now() > until) throw new Error(`Dovecot does not accept the new password of ${address}: ${refusal}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const servers: MailServers = {
    dir,
    imapPort,
    smtpPort,
    submissionPort,
    caldavUrl: `http://127.0.0.1:${caldavPort}/`,
    ca: tls.cert,
    async addUser(address, password) {
      writeFileSync(path.join(dir, 'passwd', address), `${address}:{PLAIN}${password}\n`);
      appendFileSync(path.join(dir, 'htpasswd'), `${address}:${password}\n`);
      await accepted(address, password);
    },
    async setPassword(address, password) {
      const file = path.join(dir, 'passwd', address);
      writeFileSync(file, `${address}:{PLAIN}${password}\n`);
      // Same size, maybe the same second: Dovecot would think the file unchanged. Move its mtime on.
      const later = Math.floor(Date.now() / 1000) + 2;
      utimesSync(file, later, later);
      const p = path.join(dir, 'htpasswd');
      const lines = readFileSync(p, 'utf8').split('\n').filter((l) => l && !l.startsWith(`${address}:`));
      writeFileSync(p, [...lines, `${address}:${password}`, ''].join('\n'));
      await accepted(address, password);
    },
    doveadm,
    postqueue: async () => (await run('/usr/sbin/postqueue', ['-c', postfixDir, '-p'])).stdout,
    async restartDovecot() {
      const exited = new Promise((r) => dovecot.once('exit', r));
      dovecot.kill('SIGTERM');
      await exited;
      dovecot = await startDovecot();
    },
    async stop() {
      await run('/usr/sbin/postfix', ['-c', postfixDir, 'stop']).catch(() => {});
      for (const c of children) c.kill('SIGTERM');
      await Promise.all(children.map((c) => (c.exitCode !== null ? null : new Promise((r) => c.once('exit', r)))));
      rmSync(dir, { recursive: true, force: true });
    },
  };
  if (startProblems.length) {
    await servers.stop();
    throw new Error(startProblems.join('; '));
  }
  return servers;
}

function readLog(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '';
  }
}
