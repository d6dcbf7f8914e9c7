import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Whether an address is on the public internet. Everything else — loopback, private, link-local
 * (cloud metadata at 169.254.169.254), unique-local, carrier NAT, multicast, reserved, and IPv4 mapped
 * into IPv6 — is where a webhook must not reach unless the operator allows private networks.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === 'unicast';
}

export class DestinationRefused extends Error {}

/** The addresses a host name resolves to (all of them: any one may be the one connected to). */
export function resolveAll(host: string): Promise<LookupAddress[]> {
  const bare = host.replace(/^\[|\]$/g, '');
  if (isIP(bare)) return Promise.resolve([{ address: bare, family: isIP(bare) }]);
  return new Promise((resolve, reject) => dnsLookup(bare, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));
}

/** Refuses a URL that is not http(s) or whose host resolves to a non-public address (when those are not allowed). */
export async function checkDestination(url: string, allowPrivateNetworks: boolean): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DestinationRefused('url must be an absolute http:// or https:// URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new DestinationRefused('url must use http or https');
  if (parsed.username || parsed.password) throw new DestinationRefused('url must not carry credentials');
  if (allowPrivateNetworks) return;
  let addresses: LookupAddress[];
  try {
    addresses = await resolveAll(parsed.hostname);
  } catch (error) {
    throw new DestinationRefused(`url host ${parsed.hostname} does not resolve (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const blocked = addresses.find((a) => !isPublicAddress(a.address));
  if (blocked) throw new DestinationRefused(`url host ${parsed.hostname} resolves to ${blocked.address}, a private, loopback or link-local address`);
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for `http.request` that checks the address actually connected to, after DNS: a name that
 * resolved to a public address when the subscription was made and to an internal one now (DNS
 * rebinding) is refused at connect time.
 */
export function guardedLookup(allowPrivateNetworks: boolean) {
  return (hostname: string, options: object, callback: LookupCallback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, []);
      const blocked = allowPrivateNetworks ? undefined : addresses.find((a) => !isPublicAddress(a.address));
      if (blocked) return callback(Object.assign(new DestinationRefused(`${hostname} resolves to ${blocked.address}, a private, loopback or link-local address`), { code: 'EDESTINATION' }), []);
      if ((options as { all?: boolean }).all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}
