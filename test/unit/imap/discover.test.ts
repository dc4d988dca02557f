import { describe, expect, it } from 'vitest';
import { discoverServers, type Resolver } from '../../../src/providers/imap/discover.js';

/** A DNS with only the given names and SRV records. */
function dns(hosts: string[], srv: Record<string, Array<{ name: string; port: number }>> = {}): Resolver {
  return {
    lookup: async (h) => {
      if (!hosts.includes(h)) throw Object.assign(new Error(`ENOTFOUND ${h}`), { code: 'ENOTFOUND' });
      return { address: '192.0.2.1' };
    },
    resolveSrv: async (n) => {
      const r = srv[n];
      if (!r) throw Object.assign(new Error(`ENODATA ${n}`), { code: 'ENODATA' });
      return r.map((x) => ({ ...x, priority: 0, weight: 0 }));
    },
  };
}

describe('IMAP server discovery', () => {
  it('knows the big providers, and says where their app passwords are', async () => {
    const d = await discoverServers('Me@iCloud.com', dns([]));
    expect(d.source).toBe('table');
    expect(d.imap).toEqual({ host: 'imap.mail.me.com', port: 993, secure: true });
    expect(d.smtp).toEqual({ host: 'smtp.mail.me.com', port: 587, secure: false });
    expect(d.caldav).toBe('https://caldav.icloud.com/');
    expect(d.appPasswordHint).toMatch(/App-Specific Passwords/);
  });

  it('then tries imap./smtp. of the domain', async () => {
    const d = await discoverServers('me@studio.example', dns(['imap.studio.example', 'smtp.studio.example']));
    expect(d.source).toBe('domain');
    expect(d.imap.host).toBe('imap.studio.example');
    expect(d.smtp).toEqual({ host: 'smtp.studio.example', port: 465, secure: true });
  });

  it('falls back to mail. for both when that is all there is', async () => {
    const d = await discoverServers('me@host.example', dns(['mail.host.example']));
    expect(d.imap.host).toBe('mail.host.example');
    expect(d.smtp.host).toBe('mail.host.example');
  });

  it('then reads RFC 6186 SRV records, STARTTLS submission included, and RFC 6764 for CalDAV', async () => {
    const d = await discoverServers('me@srv.example', dns([], {
      '_imaps._tcp.srv.example': [{ name: 'mx1.provider.example.', port: 993 }],
      '_submission._tcp.srv.example': [{ name: 'out.provider.example', port: 587 }],
      '_caldavs._tcp.srv.example': [{ name: 'dav.provider.example', port: 8443 }],
    }));
    expect(d.source).toBe('srv');
    expect(d.imap).toEqual({ host: 'mx1.provider.example', port: 993, secure: true });
    expect(d.smtp).toEqual({ host: 'out.provider.example', port: 587, secure: false });
    expect(d.caldav).toBe('https://dav.provider.example:8443/.well-known/caldav');
  });

  it('an SRV target of "." means not offered (RFC 6186 §3.4)', async () => {
    const d = await discoverServers('me@none.example', dns([], { '_imaps._tcp.none.example': [{ name: '.', port: 0 }], '_submissions._tcp.none.example': [{ name: '.', port: 0 }] }));
    expect(d.source).toBe('none');
  });
});
