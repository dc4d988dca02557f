import { describe, expect, it } from 'vitest';
import { checkServerAddresses, refusedAddress } from '../../src/providers/imap/targets.js';

const at = (host: string) => ({ imap: { host, port: 993, secure: true }, smtp: { host: 'smtp.example.com', port: 465, secure: true }, caldav: null });

describe('which mail server addresses a user may name', () => {
  it('never link-local, metadata, reserved or multicast, whatever the setting', () => {
    for (const ip of ['169.254.169.254', '0.0.0.0', '224.0.0.1', '255.255.255.255', 'fe80::1', '::', '::ffff:169.254.169.254', '64:ff9b::169.254.169.254']) {
      expect(refusedAddress(ip, true), ip).toMatch(/link-local, metadata or reserved/);
    }
  });
  it('private and loopback only when the operator allows them', () => {
    for (const ip of ['10.1.2.3', '172.20.0.1', '192.168.1.10', '127.0.0.1', '100.64.0.1', '::1', 'fd00::5', '::ffff:10.0.0.1']) {
      expect(refusedAddress(ip, false), ip).toMatch(/private or loopback.*IMAP_ALLOW_PRIVATE_HOSTS/);
      expect(refusedAddress(ip, true), ip).toBeNull();
    }
  });
  it('public addresses always', () => {
    for (const ip of ['66.111.4.148', '2a01:4f8::1', '172.32.0.1']) expect(refusedAddress(ip, false), ip).toBeNull();
  });
  it('resolves names and checks every address they have', async () => {
    const lookup = async (host: string) => (host === 'imap.sneaky.example' ? ['66.111.4.148', '169.254.169.254'] : ['66.111.4.148']);
    await expect(checkServerAddresses(at('imap.sneaky.example'), true, lookup)).rejects.toThrow('The server imap.sneaky.example is at 169.254.169.254, a link-local');
    await expect(checkServerAddresses(at('imap.fine.example'), false, lookup)).resolves.toBeUndefined();
    await expect(checkServerAddresses({ ...at('imap.fine.example'), caldav: 'http://[fe80::1]/dav/' }, true, lookup)).rejects.toThrow(/fe80::1/);
    await expect(checkServerAddresses(at('nowhere.example'), false, async () => { throw new Error('ENOTFOUND'); })).rejects.toThrow('The server name nowhere.example could not be found');
  });
});
