/**
 * The service's token signing keys (spec §4): ES256 private JWKs from the `SIGNING_KEY`
 * secret, imported once per isolate, with their public halves for the JWKS document.
 * `SIGNING_KEY` holds one JWK, or a list whose first entry signs and whose others are still
 * accepted and published, so a key can be rotated without failing tokens already issued.
 */
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  type CryptoKey,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTVerifyGetKey,
} from "jose";
import { z } from "zod";

import { ConfigurationError } from "../config/runtime.ts";

/** RFC 7518 §3.4: ECDSA with P-256 and SHA-256, the only algorithm our tokens use. */
export const SIGNING_ALGORITHM = "ES256";

const privateJwkSchema = z.object({
  kty: z.literal("EC"),
  crv: z.literal("P-256"),
  x: z.string().min(1),
  y: z.string().min(1),
  d: z.string().min(1),
});

const signingKeySecretSchema = z.union([privateJwkSchema, z.array(privateJwkSchema).min(1)]);

type PrivateJwk = z.infer<typeof privateJwkSchema>;

export interface ActiveSigningKey {
  /** RFC 7638 JWK thumbprint (SHA-256) of the public key; goes into each token's header. */
  kid: string;
  privateKey: CryptoKey;
}

export interface SigningKeys {
  /** Signs new tokens: the first key in `SIGNING_KEY`. */
  active: ActiveSigningKey;
  /** Public halves of every configured key, as published at the JWKS URL (RFC 7517 §5). */
  publicJwks: JWK[];
  /** Verifies our own tokens against any configured key, chosen by the header's `kid`. */
  verifyKeys: JWTVerifyGetKey;
}

let cached: { text: string; keys: Promise<SigningKeys> } | undefined;

/** The signing keys for this secret text; imported once per isolate and per secret value. */
export function signingKeysOf(secretText: string): Promise<SigningKeys> {
  if (cached?.text === secretText) return cached.keys;

  const keys = importSigningKeys(secretText);
  cached = { text: secretText, keys };
  return keys;
}

async function importSigningKeys(secretText: string): Promise<SigningKeys> {
  const jwks = parseSecret(secretText);
  const [first, ...rest] = jwks;
  if (!first) throw invalidSecret();

  const active: ActiveSigningKey = {
    kid: await thumbprintOf(first),
    privateKey: await importPrivateKey(first),
  };

  const publicJwks: JWK[] = [];
  for (const jwk of [first, ...rest]) {
    const kid = await thumbprintOf(jwk);
    if (publicJwks.some((k) => k.kid === kid)) continue;
    await importPrivateKey(jwk);
    publicJwks.push({ ...publicPartOf(jwk), kid, alg: SIGNING_ALGORITHM, use: "sig" });
  }

  return { active, publicJwks, verifyKeys: createLocalJWKSet({ keys: publicJwks }) };
}

function parseSecret(secretText: string): PrivateJwk[] {
  let json: unknown;
  try {
    json = JSON.parse(secretText);
  } catch {
    throw invalidSecret();
  }

  const parsed = signingKeySecretSchema.safeParse(json);
  if (!parsed.success) throw invalidSecret();
  return Array.isArray(parsed.data) ? parsed.data : [parsed.data];
}

/** Never echoes the secret: the message only says what shape was expected. */
function invalidSecret(): ConfigurationError {
  return new ConfigurationError(
    "SIGNING_KEY is not an EC P-256 private JWK (or a non-empty list of them)",
  );
}

async function importPrivateKey(jwk: PrivateJwk): Promise<CryptoKey> {
  let key: CryptoKey | Uint8Array;
  try {
    key = await importJWK(jwk, SIGNING_ALGORITHM);
  } catch {
    throw invalidSecret();
  }
  if (key instanceof Uint8Array) throw invalidSecret();
  return key;
}

function publicPartOf(jwk: PrivateJwk): JWK {
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
}

/** RFC 7638: a stable key id that anyone holding the public key can recompute. */
function thumbprintOf(jwk: PrivateJwk): Promise<string> {
  return calculateJwkThumbprint(publicPartOf(jwk), "sha256");
}

/**
 * A fresh ES256 private JWK as JSON text, ready to be stored as the `SIGNING_KEY` secret.
 * Used by the local development setup; it does no I/O besides drawing random numbers.
 */
export async function generateSigningKeyJwk(): Promise<string> {
  const { privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
  const jwk = await exportJWK(privateKey);
  return JSON.stringify({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, d: jwk.d });
}
