// "web/api/client.ts is the only code that calls the BFF", checked on the sources: no other file of
// the SPA sends a request itself (fetch, EventSource, XMLHttpRequest, sendBeacon, WebSocket).
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const web = fileURLToPath(new URL('..', import.meta.url))
const SENDS =
  /\b(?:fetch|EventSource|XMLHttpRequest|sendBeacon|WebSocket)\s*\(|new\s+(?:EventSource|XMLHttpRequest|WebSocket)\b/

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'test' ? [] : sources(path)
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : []
  })
}

/** The source without comments, so that prose about fetch() does not count. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1')
}

describe('the API boundary', () => {
  it('only web/api/client.ts sends requests', () => {
    const senders = sources(web)
      .filter((file) => SENDS.test(code(readFileSync(file, 'utf8'))))
      .map((file) => relative(web, file))
    expect(senders).toEqual(['api/client.ts'])
  })
})
