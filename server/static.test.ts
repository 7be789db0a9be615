// The SPA server: history fallback, cache headers, and security headers on static files.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib'
import { request } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startBff, type RunningBff } from './test/bff.ts'
import { fakeUpstream } from './test/fake-upstream.ts'
import { rawHttp } from './test/raw-http.ts'

let dir: string
let bff: RunningBff

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'spa-'))
  await mkdir(path.join(dir, 'assets'))
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>dashboard</title>')
  await writeFile(path.join(dir, 'assets', 'index-abc123.js'), 'console.log(1)')
  await writeFile(path.join(dir, '.env'), 'SECRET=1')
  // Pre-compressed siblings as the build writes them. Each holds a different text, so a test can
  // tell which file was sent.
  const html = '<!doctype html><title>dashboard</title>'
  await writeFile(path.join(dir, 'index.html.br'), brotliCompressSync(html))
  await writeFile(path.join(dir, 'index.html.gz'), gzipSync(html))
  await writeFile(path.join(dir, 'assets', 'x-abc123.js'), '/*identity*/')
  await writeFile(path.join(dir, 'assets', 'x-abc123.js.gz'), gzipSync('/*gzip*/'))
  await writeFile(path.join(dir, 'assets', 'x-abc123.js.br'), brotliCompressSync('/*br*/'))
  await writeFile(path.join(dir, 'assets', 'only-gz-abc123.css'), '/*identity css*/')
  await writeFile(path.join(dir, 'assets', 'only-gz-abc123.css.gz'), gzipSync('/*gzip css*/'))
  bff = await startBff(
    { staticDir: dir, embedAllowedOrigins: ['https://portal.example'] },
    // Nothing listens there: static files must not need the API server.
    { upstream: fakeUpstream('http://127.0.0.1:9') },
  )
})

afterAll(async () => {
  await bff.close()
  await rm(dir, { recursive: true, force: true })
})

const get = (target: string, accept = 'text/html') =>
  rawHttp(bff.port, { method: 'GET', target, headers: { Accept: accept } })

describe('static SPA', () => {
  it('serves index.html for app routes, never cached', async () => {
    for (const target of ['/', '/apirules', '/namespaces/demo/apirules/hello?tab=yaml']) {
      const res = await get(target)
      expect(res.status, target).toBe(200)
      expect(res.body).toContain('<title>dashboard</title>')
      expect(res.headers['cache-control']).toBe('no-cache')
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'")
      expect(res.headers['x-frame-options']).toBe('DENY')
    }
  })

  it('caches hashed assets for a year', async () => {
    const res = await get('/assets/index-abc123.js', '*/*')
    expect(res.status).toBe(200)
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
  })

  it('answers 404 for missing assets, API paths and non-HTML requests', async () => {
    expect((await get('/assets/missing.js')).status).toBe(404)
    expect((await get('/api/unknown')).status).toBe(404)
    expect((await get('/apirules', 'application/json')).status).toBe(404)
  })

  it('does not serve dotfiles', async () => {
    const res = await get('/.env', '*/*')
    expect(res.body).not.toContain('SECRET')
  })

  it('lets the configured origins frame /embed/* pages', async () => {
    const res = await get('/embed/apirules')
    expect(res.status).toBe(200)
    expect(res.headers['content-security-policy']).toContain(
      'frame-ancestors https://portal.example',
    )
    expect(res.headers['x-frame-options']).toBeUndefined()
  })
})

describe('pre-compressed siblings', () => {
  const fetchRaw = async (target: string, acceptEncoding?: string, accept = '*/*') => {
    const res = await request(`${bff.origin}${target}`, {
      headers: {
        accept,
        ...(acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }),
      },
    })
    const body = Buffer.from(await res.body.arrayBuffer())
    return { status: res.statusCode, headers: res.headers, body }
  }
  const decode = (encoding: unknown, body: Buffer) =>
    (encoding === 'br'
      ? brotliDecompressSync(body)
      : encoding === 'gzip'
        ? gunzipSync(body)
        : body
    ).toString()

  it.each([
    ['br, gzip, deflate', 'br', '/*br*/'],
    ['gzip, deflate, br, zstd', 'br', '/*br*/'],
    ['gzip', 'gzip', '/*gzip*/'],
    ['br;q=0, gzip', 'gzip', '/*gzip*/'],
    ['identity', undefined, '/*identity*/'],
    [undefined, undefined, '/*identity*/'],
  ])('Accept-Encoding %s → %s', async (acceptEncoding, encoding, marker) => {
    const res = await fetchRaw('/assets/x-abc123.js', acceptEncoding)
    expect(res.status).toBe(200)
    expect(res.headers['content-encoding']).toBe(encoding)
    expect(decode(encoding, res.body)).toBe(marker)
    expect(res.headers['content-length']).toBe(String(res.body.length))
    expect(res.headers['content-type']).toMatch(/^(text|application)\/javascript/)
    expect(res.headers.vary).toMatch(/accept-encoding/i)
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'")
  })

  it('falls back to gzip when there is no .br, and to the file itself when there is neither', async () => {
    const gz = await fetchRaw('/assets/only-gz-abc123.css', 'br, gzip')
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gz.headers['content-type']).toMatch(/^text\/css/)
    expect(decode('gzip', gz.body)).toBe('/*gzip css*/')
    expect(gz.headers.vary).toMatch(/accept-encoding/i)

    // A dev build (or a font): no siblings at all.
    const plain = await fetchRaw('/assets/index-abc123.js', 'br, gzip')
    expect(plain.status).toBe(200)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.toString()).toBe('console.log(1)')
    expect(plain.headers.vary).toMatch(/accept-encoding/i)
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable')
  })

  it('compresses index.html for / and for history-fallback routes, still never cached', async () => {
    for (const target of ['/', '/apirules', '/namespaces/demo/apirules/hello']) {
      const res = await fetchRaw(target, 'gzip, br', 'text/html')
      expect(res.status, target).toBe(200)
      expect(res.headers['content-encoding'], target).toBe('br')
      expect(res.headers['content-type'], target).toMatch(/^text\/html/)
      expect(decode('br', res.body), target).toContain('<title>dashboard</title>')
      expect(res.headers['cache-control'], target).toBe('no-cache')
      expect(res.headers.vary, target).toMatch(/accept-encoding/i)
      expect(res.headers['x-frame-options'], target).toBe('DENY')
    }
    const gz = await fetchRaw('/apirules', 'gzip', 'text/html')
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(decode('gzip', gz.body)).toContain('<title>dashboard</title>')
  })

  it('still answers 404 for missing assets when a compressed encoding is accepted', async () => {
    const res = await fetchRaw('/assets/missing-abc123.js', 'br, gzip')
    expect(res.status).toBe(404)
    expect(res.headers['content-encoding']).toBeUndefined()
  })
})
