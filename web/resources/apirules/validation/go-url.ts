// Go's url.ParseRequestURI, as far as the controller's JWT checks can tell it apart: whether a
// string parses, and the error text the controller writes after `err=` when it does not. Written
// from the behaviour of Go's net/url (no code taken from it).

/** Go's %q for the strings that reach here (printable text): a JSON string is the same. */
const goQuote = (s: string) => JSON.stringify(s)

const HEX = /^[0-9A-Fa-f]{2}$/

/** The first bad `%` escape of `s`, as Go reports it, or undefined. */
function badEscape(s: string): string | undefined {
  for (let i = s.indexOf('%'); i >= 0; i = s.indexOf('%', i + 1)) {
    const esc = s.slice(i, i + 3)
    if (!HEX.test(esc.slice(1))) return `invalid URL escape ${goQuote(esc)}`
  }
  return undefined
}

/** Characters Go accepts in a host name besides letters, digits and `%` escapes. */
const HOST_CHARS = new Set('!$&\'()*+,;=:[]<>"-_.~')

function hostProblem(authority: string): string | undefined {
  const at = authority.lastIndexOf('@')
  const hostPort = at >= 0 ? authority.slice(at + 1) : authority
  let host = hostPort
  if (!hostPort.startsWith('[')) {
    const colon = hostPort.lastIndexOf(':')
    if (colon >= 0) {
      const port = hostPort.slice(colon + 1)
      if (!/^\d*$/.test(port)) return `invalid port ${goQuote(`:${port}`)} after host`
      host = hostPort.slice(0, colon)
    }
  }
  for (const ch of host) {
    if (/[A-Za-z0-9%]/.test(ch) || HOST_CHARS.has(ch) || ch.charCodeAt(0) >= 0x80) continue
    return `invalid character ${goQuote(ch)} in host name`
  }
  return badEscape(host)
}

/** Scheme of `s` by Go's rules; `null` for "missing protocol scheme". */
function schemeOf(s: string): { scheme: string; rest: string } | null {
  for (let i = 0; i < s.length; i++) {
    const c = s.charAt(i)
    if (/[A-Za-z]/.test(c)) continue
    if (/[0-9+.-]/.test(c)) {
      if (i === 0) return { scheme: '', rest: s }
      continue
    }
    if (c === ':') return i === 0 ? null : { scheme: s.slice(0, i), rest: s.slice(i + 1) }
    return { scheme: '', rest: s }
  }
  return { scheme: '', rest: s }
}

/**
 * Undefined when Go's url.ParseRequestURI accepts `raw`; else its error text
 * (`parse "x": invalid URI for request`).
 */
export function parseRequestUriError(raw: string): string | undefined {
  const fail = (why: string) => `parse ${goQuote(raw)}: ${why}`
  if ([...raw].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f))
    return fail('net/url: invalid control character in URL')
  if (raw === '') return fail('empty url')
  const parsed = schemeOf(raw)
  if (!parsed) return fail('missing protocol scheme')
  let rest = parsed.rest
  const q = rest.indexOf('?')
  if (q >= 0) rest = rest.slice(0, q)
  if (!rest.startsWith('/')) {
    // `mailto:x`: an opaque URL is fine once there is a scheme.
    return parsed.scheme ? undefined : fail('invalid URI for request')
  }
  if (parsed.scheme && rest.startsWith('//')) {
    const authority = rest.slice(2).split('/')[0] ?? ''
    const slash = rest.indexOf('/', 2)
    const problem = hostProblem(authority)
    if (problem) return fail(problem)
    rest = slash >= 0 ? rest.slice(slash) : ''
  }
  const escape = badEscape(rest)
  return escape ? fail(escape) : undefined
}
