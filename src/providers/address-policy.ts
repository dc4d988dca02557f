import { BlockList, isIP } from 'node:net';

/**
 * Which network addresses Boundary may open connections to when a user typed the host: one policy
 * for IMAP servers, alert webhooks and push endpoints (issue 18). Link-local and cloud metadata
 * (169.254/16, fe80::/10) always refused; private and loopback networks unless the operator allows
 * them (IMAP_ALLOW_PRIVATE_HOSTS, ALERT_WEBHOOK_ALLOW_PRIVATE_HOSTS).
 */
const never = new BlockList();
never.addSubnet('0.0.0.0', 8, 'ipv4');
never.addSubnet('169.254.0.0', 16, 'ipv4');
never.addSubnet('224.0.0.0', 3, 'ipv4'); // multicast, reserved, broadcast
never.addAddress('::', 'ipv6');
never.addSubnet('fe80::', 10, 'ipv6');
never.addSubnet('ff00::', 8, 'ipv6');

const internal = new BlockList();
internal.addSubnet('10.0.0.0', 8, 'ipv4');
internal.addSubnet('100.64.0.0', 10, 'ipv4'); // carrier-grade NAT
internal.addSubnet('127.0.0.0', 8, 'ipv4');
internal.addSubnet('172.16.0.0', 12, 'ipv4');
internal.addSubnet('192.0.0.0', 24, 'ipv4');
internal.addSubnet('192.168.0.0', 16, 'ipv4');
internal.addSubnet('198.18.0.0', 15, 'ipv4');
internal.addAddress('::1', 'ipv6');
internal.addSubnet('fc00::', 7, 'ipv6');

/** The IPv4 address inside an IPv4-mapped or NAT64 IPv6 one, which reaches the same host. */
function embeddedV4(ip: string): string | null {
  const m = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return m ? m[1]! : null;
}

/** Why this address may not be used, or null when it may. */
export function refusedAddress(ip: string, allowPrivate: boolean): string | null {
  const v4 = embeddedV4(ip);
  if (v4) return refusedAddress(v4, allowPrivate);
  const family = isIP(ip) === 6 ? 'ipv6' : 'ipv4';
  if (never.check(ip, family)) return 'a link-local, metadata or reserved address, which Boundary never connects to';
  if (!allowPrivate && internal.check(ip, family)) return 'a private or loopback address; the operator can allow these for a self-hosted server (IMAP_ALLOW_PRIVATE_HOSTS)';
  return null;
}

