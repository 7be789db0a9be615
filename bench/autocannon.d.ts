// The part of autocannon's API the benchmarks use (the package ships no type declarations).
declare module 'autocannon' {
  export interface Histogram {
    average: number
    mean: number
    min: number
    max: number
    p50: number
    p90: number
    p99: number
    total: number
  }
  export interface Result {
    requests: Histogram & { sent: number }
    /** Milliseconds, recorded at 1 ms resolution. */
    latency: Histogram
    /** Bytes per second. */
    throughput: Histogram
    errors: number
    timeouts: number
    non2xx: number
    duration: number
  }
  export interface Options {
    url: string
    connections?: number
    duration?: number
    amount?: number
    headers?: Record<string, string>
    tlsOptions?: Record<string, unknown>
  }
  function autocannon(options: Options): Promise<Result>
  export default autocannon
}
