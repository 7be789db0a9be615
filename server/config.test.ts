import { describe, expect, it } from 'vitest'
import { ConfigError, helpText, markdownTable, OPTIONS, parseConfig } from './config.ts'

describe('parseConfig', () => {
  it('has safe defaults', () => {
    const config = parseConfig([], {})
    expect(config.host).toBe('127.0.0.1')
    expect(config.port).toBe(8080)
    expect(config.authMode).toBe('kubeconfig')
    expect(config.allowedHosts).toBeNull()
    expect(config.secureCookies).toBe(false)
    expect(config.embedAllowedOrigins).toEqual([])
    expect(config.upstreamTimeoutMs).toBe(30_000)
    expect(config.staticDir.endsWith('/dist/web')).toBe(true)
  })

  it('reads the environment, and flags override it', () => {
    const env = {
      PORT: '9000',
      AUTH_MODE: 'token',
      ALLOWED_HOSTS: 'a.local:9000, b.local:9000',
      LOG_LEVEL: 'debug',
    }
    const fromEnv = parseConfig([], env)
    expect(fromEnv.port).toBe(9000)
    expect(fromEnv.authMode).toBe('token')
    expect(fromEnv.allowedHosts).toEqual(['a.local:9000', 'b.local:9000'])
    const both = parseConfig(['--port', '9100', '--auth-mode=in-cluster', '--secure-cookies'], env)
    expect(both.port).toBe(9100)
    expect(both.authMode).toBe('in-cluster')
    expect(both.secureCookies).toBe(true)
  })

  it('resolves paths against the working directory', () => {
    const config = parseConfig(
      ['--static-dir', 'build', '--ca-file', '/etc/ca.pem'],
      {},
      '/srv/app',
    )
    expect(config.staticDir).toBe('/srv/app/build')
    expect(config.caFile).toBe('/etc/ca.pem')
  })

  it('splits embed origins on spaces and commas', () => {
    const config = parseConfig([], {
      EMBED_ALLOWED_ORIGINS: 'https://a.example https://b.example:8443',
    })
    expect(config.embedAllowedOrigins).toEqual(['https://a.example', 'https://b.example:8443'])
  })

  it.each([
    [['--port', '70000'], {}, /port number/],
    [['--auth-mode', 'magic'], {}, /one of kubeconfig, in-cluster, token/],
    [['--nope'], {}, /Unknown flag --nope/],
    [['--port'], {}, /needs a value/],
    [['stray'], {}, /Unexpected argument/],
    [[], { SECURE_COOKIES: 'maybe' }, /true or false/],
    [[], { ALLOWED_HOSTS: 'http://evil/' }, /not a host/],
    [[], { EMBED_ALLOWED_ORIGINS: 'javascript:alert(1)' }, /not an origin/],
    [['--server', 'ftp://x'], {}, /http\(s\) URL/],
    [['--upstream-timeout', '0'], {}, /seconds/],
    [[], { EMBED_ALLOWED_ORIGINS: 'https://*' }, /no wildcards/],
    [[], { EMBED_ALLOWED_ORIGINS: 'https://*.example.com' }, /no wildcards/],
    [[], { AUTH_MODE: 'in-cluster', HOST: '0.0.0.0' }, /--behind-auth-proxy/],
    [[], { HOST: '::' }, /--behind-auth-proxy/],
    [[], { SESSION_MAX_AGE: '0' }, /seconds/],
    [[], { MAX_CONNECTIONS: '-1' }, /whole number/],
    [[], { TRUSTED_PROXY_HOPS: '-1' }, /whole number 0-/],
    // Cookie tossing over plain http (security round 3, finding 6).
    [[], { AUTH_MODE: 'token', HOST: '0.0.0.0' }, /--secure-cookies.*cookie tossing/],
    [
      [],
      { AUTH_MODE: 'oidc', HOST: '10.1.2.3', OIDC_ISSUER: 'https://i', OIDC_CLIENT_ID: 'c' },
      /--secure-cookies/,
    ],
  ])('rejects %j %j with a clear error', (argv, env, message) => {
    expect(() => parseConfig(argv, env)).toThrow(ConfigError)
    expect(() => parseConfig(argv, env)).toThrow(message)
  })

  it('lets a server-side identity listen beyond loopback only behind an authenticating proxy', () => {
    expect(
      parseConfig([], { AUTH_MODE: 'token', HOST: '0.0.0.0', SECURE_COOKIES: 'true' }).host,
    ).toBe('0.0.0.0')
    expect(parseConfig([], { AUTH_MODE: 'token' }).secureCookies).toBe(false)
    expect(parseConfig([], { TRUSTED_PROXY_HOPS: '0' }).trustedProxyHops).toBe(0)
    expect(parseConfig([], { AUTH_MODE: 'in-cluster', HOST: '[::1]' }).host).toBe('[::1]')
    const behind = parseConfig(['--behind-auth-proxy'], {
      AUTH_MODE: 'in-cluster',
      HOST: '0.0.0.0',
    })
    expect(behind.behindAuthProxy).toBe(true)
  })

  it('documents every option in --help and the README table', () => {
    const help = helpText()
    const table = markdownTable()
    for (const option of OPTIONS) {
      expect(help).toContain(option.env)
      expect(table).toContain(option.env)
      if (option.flag) expect(help).toContain(`--${option.flag}`)
    }
  })
})
