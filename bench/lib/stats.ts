// Order statistics for benchmark samples. Percentiles interpolate linearly between the two
// nearest ranks (the usual "type 7" definition), so p50 of an even-sized sample is the mean of
// the two middle values, the same as the median.

export interface Summary {
  n: number
  min: number
  max: number
  mean: number
  median: number
  p95: number
  p99: number
}

function sorted(xs: readonly number[]): number[] {
  return xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b)
}

/** The p-th percentile (0 ≤ p ≤ 100) of `xs`; NaN for an empty sample. */
export function percentile(xs: readonly number[], p: number): number {
  if (p < 0 || p > 100) throw new RangeError(`percentile must be within 0..100, got ${p}`)
  const s = sorted(xs)
  if (s.length === 0) return Number.NaN
  const rank = (p / 100) * (s.length - 1)
  const lo = Math.floor(rank)
  const hi = Math.ceil(rank)
  const a = s[lo] as number
  const b = s[hi] as number
  return a + (b - a) * (rank - lo)
}

export function median(xs: readonly number[]): number {
  return percentile(xs, 50)
}

export function mean(xs: readonly number[]): number {
  const s = sorted(xs)
  return s.length === 0 ? Number.NaN : s.reduce((a, b) => a + b, 0) / s.length
}

export function summarize(xs: readonly number[]): Summary {
  const s = sorted(xs)
  return {
    n: s.length,
    min: s.length ? (s[0] as number) : Number.NaN,
    max: s.length ? (s[s.length - 1] as number) : Number.NaN,
    mean: mean(s),
    median: median(s),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
  }
}

/** Rounds to `digits` decimals, keeping NaN (JSON turns it into null). */
export function round(x: number, digits = 2): number {
  const f = 10 ** digits
  return Math.round(x * f) / f
}

/** A Summary with every figure rounded, for the results file. */
export function roundSummary(s: Summary, digits = 2): Summary {
  return {
    n: s.n,
    min: round(s.min, digits),
    max: round(s.max, digits),
    mean: round(s.mean, digits),
    median: round(s.median, digits),
    p95: round(s.p95, digits),
    p99: round(s.p99, digits),
  }
}
