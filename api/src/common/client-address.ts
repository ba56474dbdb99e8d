import { isIPv4, isIPv6 } from 'node:net';
import type { Request } from 'express';
import type { AppConfig } from '../config/app-config';

/**
 * Where a client's address comes from, and what of it a limit counts — in one place, so
 * every limit (requests per minute, connections) keys on the same thing (P7, docs/PRIVACY.md).
 *
 * Behind the deployment's own TLS proxy every request arrives from the proxy: with
 * TRUST_PROXY set, Express takes the client address the trusted proxies report in
 * `X-Forwarded-For`. Either way the address is only ever turned into a keyed hash in memory
 * (AddressHasher), never stored or logged.
 */
export type TrustProxy = false | number | string[];

/** TRUST_PROXY as Express's `trust proxy` setting. */
export function trustProxySetting(config: Pick<AppConfig, 'TRUST_PROXY'>): TrustProxy {
  const value = config.TRUST_PROXY.trim();
  if (value === 'false' || value === '0') return false;
  if (/^\d$/.test(value)) return Number(value);
  return value.split(',').map((item) => item.trim());
}

/**
 * What a limit counts for one address: an IPv4 address as it is (IPv4-mapped IPv6 too),
 * an IPv6 address by its /64 — one household or phone gets a whole /64 and can rotate
 * through it freely.
 */
export function limitSubject(address: string | undefined): string {
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (isIPv4(address)) return address;
  const bare = address.split('%')[0] ?? address;
  if (!isIPv6(bare)) return address;
  return `${expandIpv6(bare).slice(0, 4).join(':')}::/64`;
}

/** The subject of the request's limits: the proxy-reported client when proxies are trusted. */
export function requestLimitSubject(request: Pick<Request, 'ip' | 'socket'>): string {
  return limitSubject(request.ip ?? request.socket?.remoteAddress);
}

function expandIpv6(address: string): string[] {
  let text = address;
  // An embedded IPv4 tail (::1.2.3.4) becomes two groups.
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(missing, 0)).fill('0'), ...right];
  return groups.map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''));
}
