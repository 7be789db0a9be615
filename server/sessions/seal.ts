// Sealing: AES-256-GCM over a JSON payload, so a cookie value is opaque to the browser and to anyone
// who copies it, and any change to it is detected (the GCM tag). Format: "v1." + base64url of
// iv (12 bytes) | ciphertext | tag (16 bytes). The purpose string is authenticated too (AAD), so a
// value sealed for one use cannot be replayed as another.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

const VERSION = 'v1.'
const IV_BYTES = 12
const TAG_BYTES = 16
export const KEY_BYTES = 32

export function seal(key: Buffer, purpose: string, payload: unknown): string {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(purpose))
  const body = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()])
  return VERSION + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')
}

/** The payload, or null for anything not sealed by `key` for `purpose` (forged, altered, truncated). */
export function unseal(key: Buffer, purpose: string, sealed: string): unknown {
  if (!sealed.startsWith(VERSION) || sealed.length > 16 * 1024) return null
  const raw = Buffer.from(sealed.slice(VERSION.length), 'base64url')
  if (raw.length < IV_BYTES + TAG_BYTES + 2) return null
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES))
    decipher.setAAD(Buffer.from(purpose))
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES))
    const plain = Buffer.concat([
      decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)),
      decipher.final(),
    ])
    return JSON.parse(plain.toString('utf8')) as unknown
  } catch {
    return null
  }
}
