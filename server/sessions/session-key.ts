// The key that seals session cookies. Every replica must use the same key for a session to be valid
// on all of them, so in a cluster it comes from a Secret (--session-key-file). Without one, a random
// key is made at start: fine for one local process, but sessions then end with a restart and are
// valid only on the replica that created them.
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { KEY_BYTES } from './seal.ts'

export class SessionKeyError extends Error {}

export interface SessionKey {
  key: Buffer
  /** True when no key file was configured and a random key was made. */
  generated: boolean
}

/**
 * The file holds the key as base64 (or base64url) of 32 bytes, e.g. from `openssl rand -base64 32`;
 * surrounding whitespace is ignored.
 */
export function loadSessionKey(file: string | null): SessionKey {
  if (file === null) return { key: randomBytes(KEY_BYTES), generated: true }
  let text: string
  try {
    text = readFileSync(file, 'utf8').trim()
  } catch (error) {
    throw new SessionKeyError(
      `cannot read the session key file ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); create it with: openssl rand -base64 32`,
    )
  }
  const key = Buffer.from(text, /[-_]/.test(text) ? 'base64url' : 'base64')
  if (key.length !== KEY_BYTES || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) {
    throw new SessionKeyError(
      `the session key file ${file} must hold ${KEY_BYTES} random bytes as base64 (openssl rand -base64 32)`,
    )
  }
  return { key, generated: false }
}
