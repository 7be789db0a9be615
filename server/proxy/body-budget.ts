// Request bodies for the Kubernetes API are read into memory before the upstream call (so that an
// oversized chunked body is refused before the API server sees anything). Each body is at most
// BODY_LIMIT_BYTES, but many slow uploads at once would each hold theirs: a global budget and one
// per owner (token mode: the user) bound what all bodies being read may hold together. A body is
// charged as it arrives (its whole announced Content-Length up front), and released once read.
import type { Readable } from 'node:stream'

export interface BodyBudgetLimits {
  /** Bytes all bodies being read may hold together. */
  totalBytes: number
  /** Bytes the bodies of one owner may hold together. */
  perOwnerBytes: number
}

export const DEFAULT_BODY_BUDGET: BodyBudgetLimits = {
  totalBytes: 32 * 1024 * 1024,
  perOwnerBytes: 8 * 1024 * 1024,
}

export class BodyBudgetError extends Error {
  readonly statusCode: number
  readonly code: string
  constructor(statusCode: 413 | 503, code: string, message: string) {
    super(message)
    this.statusCode = statusCode
    this.code = code
  }
}

export class BodyBudget {
  readonly limits: BodyBudgetLimits
  #used = 0
  readonly #perOwner = new Map<string, number>()

  constructor(limits: BodyBudgetLimits = DEFAULT_BODY_BUDGET) {
    this.limits = limits
  }

  get used(): number {
    return this.#used
  }

  /** Takes `bytes` for `owner`; false (nothing taken) when that would exceed a budget. */
  take(owner: string, bytes: number): boolean {
    const owned = this.#perOwner.get(owner) ?? 0
    if (this.#used + bytes > this.limits.totalBytes) return false
    if (owned + bytes > this.limits.perOwnerBytes) return false
    this.#used += bytes
    this.#perOwner.set(owner, owned + bytes)
    return true
  }

  release(owner: string, bytes: number): void {
    this.#used -= bytes
    const left = (this.#perOwner.get(owner) ?? 0) - bytes
    if (left <= 0) this.#perOwner.delete(owner)
    else this.#perOwner.set(owner, left)
  }
}

const tooLarge = (limit: number) =>
  new BodyBudgetError(
    413,
    'FST_ERR_CTP_BODY_TOO_LARGE',
    `request body larger than the limit of ${limit} bytes`,
  )
const overBudget = () =>
  new BodyBudgetError(
    503,
    'KYMA_BODY_BUDGET',
    'Too many request bodies are being uploaded at once: try again in a moment',
  )

/**
 * Reads `payload` whole, at most `limit` bytes, charging `budget` for `owner` while it arrives.
 * Rejects with a 413 (too large) or 503 (budget exhausted) BodyBudgetError and stops reading.
 */
export function readBody(
  payload: Readable,
  announced: number | null,
  limit: number,
  budget: BodyBudget,
  owner: string,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (announced !== null && announced > limit) return reject(tooLarge(limit))
    let charged = 0
    const charge = (bytes: number) => {
      if (!budget.take(owner, bytes)) return false
      charged += bytes
      return true
    }
    // An announced length is charged whole at once, so a trickled upload is refused at its start.
    if (announced !== null && !charge(announced)) return reject(overBudget())
    const chunks: Buffer[] = []
    let received = 0
    let settled = false
    const finish = (error: Error | null) => {
      if (settled) return
      settled = true
      budget.release(owner, charged)
      charged = 0
      payload.off('data', onData)
      if (error) {
        payload.pause()
        reject(error)
      } else resolve(Buffer.concat(chunks, received))
    }
    const onData = (chunk: Buffer) => {
      received += chunk.length
      if (received > limit) return finish(tooLarge(limit))
      if (received > charged && !charge(received - charged)) return finish(overBudget())
      chunks.push(chunk)
    }
    payload.on('data', onData)
    payload.once('end', () => finish(null))
    payload.once('error', (error) => finish(error))
    payload.once('close', () => finish(new Error('the request body was cut off')))
  })
}
