// The SPA server: history fallback, cache headers, and security headers on static files.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
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
