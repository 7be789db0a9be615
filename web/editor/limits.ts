// How big an APIRule document may be. The API server refuses a request body over 3 MiB, and etcd
// refuses to store an object over 1.5 MiB (its default request limit), so a YAML text over 1.5 MiB
// cannot become an APIRule. Refusing it at paste keeps the tab responsive: parsing and checking a
// 10 MB text would freeze it for minutes.
export const MAX_DOCUMENT_BYTES = 1.5 * 1024 * 1024

/** True when the UTF-8 text is over the limit; encodes only texts near it. */
export function isTooBig(text: string): boolean {
  if (text.length > MAX_DOCUMENT_BYTES) return true // every UTF-16 unit is at least one byte
  if (text.length * 3 <= MAX_DOCUMENT_BYTES) return false // and at most three
  return new TextEncoder().encode(text).length > MAX_DOCUMENT_BYTES
}

/** The size to report: a 10 MB text is not encoded just to say so. */
export function reportedBytes(text: string): number {
  return text.length > MAX_DOCUMENT_BYTES ? text.length : new TextEncoder().encode(text).length
}

function size(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB`
    : `${Math.ceil(bytes / 1024)} KiB`
}

/** The message for a refused text of `bytes` (what happened, why, and that nothing was lost). */
export function tooBigMessage(bytes: number, what: 'pasted text' | 'draft'): string {
  return `The ${what} is ${size(bytes)}; an APIRule can be at most ${size(MAX_DOCUMENT_BYTES)} (the most the cluster stores for one object). It was not ${what === 'draft' ? 'restored' : 'pasted'}; the editor's text is unchanged.`
}
