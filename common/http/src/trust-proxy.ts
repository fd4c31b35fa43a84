// TRUST_PROXY: which hops in front of the service may tell it the client's address (X-Forwarded-For).
// Unset trusts nobody: req.ip is the socket's peer, and a client's own X-Forwarded-For changes nothing.
// A number trusts that many hops (the ALB: 1); a comma list trusts those addresses or CIDRs (the local
// proxy: 127.0.0.1). Never "trust everything": that would let any client choose its rate-limit key.
import { isIP } from 'node:net';

/** What Express's `trust proxy` setting gets: false, a hop count, or addresses/CIDRs. */
export type TrustProxy = false | number | string[];

const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrCidr(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

/** Parses the variable; returns the problem as a string when it is not a hop count or address list. */
export function parseTrustProxy(value: string | undefined): TrustProxy | string {
  const text = value?.trim() ?? '';
  if (text === '') return false;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops === 0 ? false : hops;
  }
  const entries = text
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const bad = entries.filter((e) => !isAddressOrCidr(e));
  return bad.length === 0
    ? entries
    : `must be a hop count or a comma list of IP addresses/CIDRs (not: ${bad.join(', ')})`;
}
