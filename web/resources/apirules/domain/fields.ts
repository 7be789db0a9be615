// Reading single fields of APIRule JSON whose shape is not guaranteed (any version, possibly
// malformed): each returns undefined (or an empty value) instead of throwing.
import { isObj } from '../../../api/json.ts'

/** The value if it is a non-empty string. */
export const nonEmptyString = (v: unknown): string | undefined =>
  typeof v === 'string' && v !== '' ? v : undefined

/** The value if it is a finite number. */
export const finiteNumber = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined

/** The string entries of an object (labels, annotations). */
export function stringMap(v: unknown): Record<string, string> {
  if (!isObj(v)) return {}
  const out: Record<string, string> = {}
  for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val
  return out
}

/** The strings of an array, in order. */
export const stringsOf = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
