// Signing keys: accounts-service holds one ES256 private key; everybody else sees its public half as a JWK.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';

/** The public JWK fields we publish and accept (EC P-256 for ES256, RSA for RS256). */
export interface Jwk {
  kty: string;
  kid?: string;
  alg?: string;
  use?: string;
  crv?: string;
  x?: string;
  y?: string;
  n?: string;
  e?: string;
}

export interface Jwks {
  keys: Jwk[];
}

export interface SigningKey {
  privateKeyPem: string;
  kid: string;
}

/** A fresh ES256 key pair; the kid is the RFC 7638 thumbprint of the public key, so it is stable per key. */
export function generateSigningKey(): SigningKey {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const privateKeyPem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  return { privateKeyPem, kid: thumbprint(publicJwkOf(privateKeyPem)) };
}

/** The public JWK to publish in the JWKS for a private key in PEM. */
export function publicJwkFromPrivateKey(privateKeyPem: string, kid: string): Jwk {
  return { ...publicJwkOf(privateKeyPem), kid, alg: 'ES256', use: 'sig' };
}

function publicJwkOf(privateKeyPem: string): Jwk {
  const publicKey = createPublicKey(createPrivateKey(privateKeyPem));
  const jwk = publicKey.export({ format: 'jwk' });
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256')
    throw new Error('Access tokens are signed with an EC P-256 key');
  return { kty: 'EC', crv: 'P-256', x: String(jwk.x), y: String(jwk.y) };
}

function thumbprint(jwk: Jwk): string {
  // RFC 7638: the required members in lexicographic order, no whitespace.
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return createHash('sha256').update(canonical).digest('base64url');
}
