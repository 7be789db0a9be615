// Command-line flags and environment variables → a typed, validated Config.
// One table (OPTIONS) drives parsing, validation and the `--help` text, so the three never drift apart.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseStoreName } from './sessions/revocations.ts'

export type AuthMode = 'kubeconfig' | 'in-cluster' | 'token' | 'oidc'
export const AUTH_MODES: readonly AuthMode[] = ['kubeconfig', 'in-cluster', 'token', 'oidc']
/** Which of the provider's tokens the API server gets as the user's bearer. */
export type OidcTokenUse = 'id' | 'access'
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
const LOG_LEVELS: readonly LogLevel[] = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
]

export interface Config {
  host: string
  port: number
  authMode: AuthMode
  /** A kubeconfig path (or a path list joined by the platform delimiter); null: KUBECONFIG or ~/.kube/config. */
  kubeconfig: string | null
  /** Kubeconfig context; null: the current context. */
  context: string | null
  /** API server URL for token mode; null: taken from the kubeconfig or the in-cluster environment. */
  server: string | null
  /** CA bundle for `server` in token mode. */
  caFile: string | null
  kubernetesServiceHost: string | null
  kubernetesServicePort: string | null
  inClusterTokenFile: string
  inClusterCaFile: string
  /** Host header values accepted; null: 127.0.0.1, localhost and [::1] with the listening port. */
  allowedHosts: string[] | null
  secureCookies: boolean
  /** Origins allowed to frame pages under /embed/*; empty: none. */
  embedAllowedOrigins: string[]
  staticDir: string
  logLevel: LogLevel
  /** Time to wait for the API server's response headers; also the upstream watch window. */
  upstreamTimeoutMs: number
  /** How long graceful shutdown may take before the process exits anyway. */
  shutdownTimeoutMs: number
  /** In-cluster mode: an authenticating proxy is in front, so listening on a non-loopback address is allowed. */
  behindAuthProxy: boolean
  /** Token mode: file with the base64 key that seals session cookies; null: a random key per process. */
  sessionKeyFile: string | null
  /** Token/oidc modes: `<namespace>/<configmap>` keeping signed-out sessions for every replica; null: this process only. */
  revocationStore: string | null
  sessionMaxAgeMs: number
  sessionIdleTimeoutMs: number
  /** Whole request (headers and body) must have arrived within this time. */
  requestTimeoutMs: number
  /** Longest pause while a request body is arriving. */
  bodyStallTimeoutMs: number
  /** Open client connections at most (further ones are refused by the operating system's backlog). */
  maxConnections: number
  /** Token mode: sign-in attempts per client address, as a burst; refilled at one per second. */
  signInBurst: number
  /** Reverse proxies in front whose X-Forwarded-For entries name the client (0: none). */
  trustedProxyHops: number
  /** Open connections from one address at most. */
  maxConnectionsPerClient: number
  /** oidc mode: the OpenID provider and the dashboard's client there. */
  oidcIssuer: string | null
  oidcClientId: string | null
  oidcClientSecretFile: string | null
  oidcScopes: string
  oidcTokenUse: OidcTokenUse
  oidcCaFile: string | null
  oidcRedirectUrl: string | null
}

export class ConfigError extends Error {}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

type Kind = 'string' | 'port' | 'enum' | 'boolean' | 'list' | 'seconds' | 'path' | 'count'

interface OptionSpec {
  key: keyof Config
  /** Long flag without the leading dashes; null: environment only. */
  flag: string | null
  env: string
  kind: Kind
  /** Default as shown in --help; `value` is the typed default. */
  shownDefault: string
  value: Config[keyof Config]
  choices?: readonly string[]
  /** Largest value of a 'seconds' option (default 3600). */
  maxSeconds?: number
  /** Smallest value of a 'count' option (default 1). */
  minCount?: number
  description: string
}

export const OPTIONS: readonly OptionSpec[] = [
  {
    key: 'host',
    flag: 'host',
    env: 'HOST',
    kind: 'string',
    shownDefault: '127.0.0.1',
    value: '127.0.0.1',
    description:
      'Address to listen on. Keep the loopback default unless a proxy in front adds authentication.',
  },
  {
    key: 'port',
    flag: 'port',
    env: 'PORT',
    kind: 'port',
    shownDefault: '8080',
    value: 8080,
    description: 'Port to listen on (0 picks a free one).',
  },
  {
    key: 'authMode',
    flag: 'auth-mode',
    env: 'AUTH_MODE',
    kind: 'enum',
    choices: AUTH_MODES,
    shownDefault: 'kubeconfig',
    value: 'kubeconfig',
    description:
      'Where API credentials come from: kubeconfig, in-cluster (service account), token (each user signs in with a bearer token) or oidc (each user signs in at the OpenID provider the API server trusts).',
  },
  {
    key: 'kubeconfig',
    flag: 'kubeconfig',
    env: 'KUBECONFIG',
    kind: 'path',
    shownDefault: '~/.kube/config',
    value: null,
    description: 'Kubeconfig file(s) for the kubeconfig mode, and for the cluster of token mode.',
  },
  {
    key: 'context',
    flag: 'context',
    env: 'KUBE_CONTEXT',
    kind: 'string',
    shownDefault: 'current context',
    value: null,
    description: 'Kubeconfig context to use.',
  },
  {
    key: 'server',
    flag: 'server',
    env: 'K8S_SERVER',
    kind: 'string',
    shownDefault: 'from kubeconfig',
    value: null,
    description:
      'Token mode: API server URL (otherwise the kubeconfig cluster, or the in-cluster environment).',
  },
  {
    key: 'caFile',
    flag: 'ca-file',
    env: 'K8S_CA_FILE',
    kind: 'path',
    shownDefault: 'none',
    value: null,
    description: 'Token mode: CA bundle that signed the API server certificate given by --server.',
  },
  {
    key: 'kubernetesServiceHost',
    flag: null,
    env: 'KUBERNETES_SERVICE_HOST',
    kind: 'string',
    shownDefault: 'set by Kubernetes',
    value: null,
    description: 'In-cluster mode: API server host.',
  },
  {
    key: 'kubernetesServicePort',
    flag: null,
    env: 'KUBERNETES_SERVICE_PORT',
    kind: 'string',
    shownDefault: 'set by Kubernetes',
    value: null,
    description: 'In-cluster mode: API server port.',
  },
  {
    key: 'inClusterTokenFile',
    flag: 'in-cluster-token-file',
    env: 'IN_CLUSTER_TOKEN_FILE',
    kind: 'path',
    shownDefault: '/var/run/secrets/kubernetes.io/serviceaccount/token',
    value: '/var/run/secrets/kubernetes.io/serviceaccount/token',
    description:
      'In-cluster mode: service account token file (re-read periodically, it is rotated).',
  },
  {
    key: 'inClusterCaFile',
    flag: 'in-cluster-ca-file',
    env: 'IN_CLUSTER_CA_FILE',
    kind: 'path',
    shownDefault: '/var/run/secrets/kubernetes.io/serviceaccount/ca.crt',
    value: '/var/run/secrets/kubernetes.io/serviceaccount/ca.crt',
    description: 'In-cluster mode: CA bundle of the API server.',
  },
  {
    key: 'allowedHosts',
    flag: 'allowed-hosts',
    env: 'ALLOWED_HOSTS',
    kind: 'list',
    shownDefault: '127.0.0.1:<port>,localhost:<port>,[::1]:<port>',
    value: null,
    description:
      'Comma-separated Host header values to accept (guards against DNS rebinding). Mutating requests must also come from one of these origins.',
  },
  {
    key: 'secureCookies',
    flag: 'secure-cookies',
    env: 'SECURE_COOKIES',
    kind: 'boolean',
    shownDefault: 'false',
    value: false,
    description:
      'Mark the token-mode session cookie Secure (set it when a TLS proxy serves the dashboard).',
  },
  {
    key: 'embedAllowedOrigins',
    flag: 'embed-allowed-origins',
    env: 'EMBED_ALLOWED_ORIGINS',
    kind: 'list',
    shownDefault: 'none',
    value: [],
    description: 'Space- or comma-separated origins allowed to frame pages under /embed/*.',
  },
  {
    key: 'staticDir',
    flag: 'static-dir',
    env: 'STATIC_DIR',
    kind: 'path',
    shownDefault: 'dist/web',
    value: path.join(repoRoot, 'dist', 'web'),
    description:
      'Directory of the built SPA (relative paths resolve from the working directory; the default from the repository root).',
  },
  {
    key: 'logLevel',
    flag: 'log-level',
    env: 'LOG_LEVEL',
    kind: 'enum',
    choices: LOG_LEVELS,
    shownDefault: 'info',
    value: 'info',
    description: 'Log level of the JSON logs on stdout.',
  },
  {
    key: 'upstreamTimeoutMs',
    flag: 'upstream-timeout',
    env: 'UPSTREAM_TIMEOUT',
    kind: 'seconds',
    shownDefault: '30',
    value: 30_000,
    description:
      'Seconds to wait for the API server to answer. Also the watch window: watches are re-opened from their last version after it, and one silent for it + 5 s is a lost connection (the page says so).',
  },
  {
    key: 'shutdownTimeoutMs',
    flag: 'shutdown-timeout',
    env: 'SHUTDOWN_TIMEOUT',
    kind: 'seconds',
    shownDefault: '5',
    value: 5_000,
    description: 'Seconds graceful shutdown may take before the process exits anyway.',
  },
  {
    key: 'behindAuthProxy',
    flag: 'behind-auth-proxy',
    env: 'BEHIND_AUTH_PROXY',
    kind: 'boolean',
    shownDefault: 'false',
    value: false,
    description:
      'In-cluster and kubeconfig modes: an authenticating proxy is in front of the dashboard. Without it, these one-identity modes refuse to listen on a non-loopback address (anyone reaching the port would act as the ServiceAccount or the kubeconfig user).',
  },
  {
    key: 'sessionKeyFile',
    flag: 'session-key-file',
    env: 'SESSION_KEY_FILE',
    kind: 'path',
    shownDefault: 'random per process',
    value: null,
    description:
      'Token mode: file holding the key that seals session cookies (32 random bytes as base64, e.g. `openssl rand -base64 32`). Every replica needs the same key; without one, sessions end with a restart and hold only on the replica that made them.',
  },
  {
    key: 'revocationStore',
    flag: 'revocation-store',
    env: 'REVOCATION_STORE',
    kind: 'string',
    shownDefault: 'none (this process only)',
    value: null,
    description:
      "Token and oidc modes: `<namespace>/<name>` of a ConfigMap listing signed-out sessions, read every second by every replica, so a sign-out holds on all replicas and across restarts. Written with the dashboard's own identity: the in-cluster ServiceAccount (needs get and patch on it), else the kubeconfig context's user (also create). Without it a sign-out is known only to the process that served it, until it restarts.",
  },
  {
    key: 'sessionMaxAgeMs',
    flag: 'session-max-age',
    env: 'SESSION_MAX_AGE',
    kind: 'seconds',
    maxSeconds: 7 * 24 * 3600,
    shownDefault: '28800',
    value: 28_800_000,
    description: 'Token mode: seconds a session lasts after sign-in (the cookie Max-Age).',
  },
  {
    key: 'sessionIdleTimeoutMs',
    flag: 'session-idle-timeout',
    env: 'SESSION_IDLE_TIMEOUT',
    kind: 'seconds',
    maxSeconds: 7 * 24 * 3600,
    shownDefault: '3600',
    value: 3_600_000,
    description: 'Token mode: seconds without a request after which a session is over.',
  },
  {
    key: 'requestTimeoutMs',
    flag: 'request-timeout',
    env: 'REQUEST_TIMEOUT',
    kind: 'seconds',
    shownDefault: '60',
    value: 60_000,
    description:
      'Seconds a client has to send a whole request, headers and body (headers alone: at most 10).',
  },
  {
    key: 'bodyStallTimeoutMs',
    flag: 'body-stall-timeout',
    env: 'BODY_STALL_TIMEOUT',
    kind: 'seconds',
    shownDefault: '10',
    value: 10_000,
    description: 'Seconds a request body may pause before the connection is cut.',
  },
  {
    key: 'maxConnections',
    flag: 'max-connections',
    env: 'MAX_CONNECTIONS',
    kind: 'count',
    shownDefault: '2000',
    value: 2000,
    description: 'Open client connections at most; further ones are closed at once.',
  },
  {
    key: 'signInBurst',
    flag: 'sign-in-burst',
    env: 'SIGN_IN_BURST',
    kind: 'count',
    shownDefault: '10',
    value: 10,
    description:
      'Token mode: sign-in attempts one client address may make at once; one more is allowed each second, beyond that 429.',
  },
  {
    key: 'trustedProxyHops',
    flag: 'trusted-proxy-hops',
    env: 'TRUSTED_PROXY_HOPS',
    kind: 'count',
    minCount: 0,
    shownDefault: '0',
    value: 0,
    description:
      "Reverse proxies in front of the dashboard that append the client to X-Forwarded-For: the client address (sign-in rate limit, logs) is the entry this many hops from the right. 0: the connection's own address (a client-sent X-Forwarded-For is ignored). Never more than the real number of proxies, or clients can choose their address.",
  },
  {
    key: 'maxConnectionsPerClient',
    flag: 'max-connections-per-client',
    env: 'MAX_CONNECTIONS_PER_CLIENT',
    kind: 'count',
    shownDefault: '64',
    value: 64,
    description:
      "Open connections from one address at most (a browser opens about 6 per site); further ones are closed at once, so one client's idle sockets cannot take all of --max-connections (or /healthz). Behind a proxy every connection comes from the proxy: raise it to what the proxy opens.",
  },
  {
    key: 'oidcIssuer',
    flag: 'oidc-issuer',
    env: 'OIDC_ISSUER',
    kind: 'string',
    shownDefault: 'none',
    value: null,
    description:
      'oidc mode: issuer URL of the OpenID provider (the one the API server trusts, e.g. its --oidc-issuer-url or authentication config).',
  },
  {
    key: 'oidcClientId',
    flag: 'oidc-client-id',
    env: 'OIDC_CLIENT_ID',
    kind: 'string',
    shownDefault: 'none',
    value: null,
    description:
      'oidc mode: client ID of the dashboard at the provider; the API server must accept it as audience.',
  },
  {
    key: 'oidcClientSecretFile',
    flag: 'oidc-client-secret-file',
    env: 'OIDC_CLIENT_SECRET_FILE',
    kind: 'path',
    shownDefault: 'none (public client)',
    value: null,
    description:
      'oidc mode: file holding the client secret, for a confidential client (PKCE is used either way).',
  },
  {
    key: 'oidcScopes',
    flag: 'oidc-scopes',
    env: 'OIDC_SCOPES',
    kind: 'string',
    shownDefault: 'openid email profile groups offline_access',
    value: 'openid email profile groups offline_access',
    description:
      'oidc mode: scopes to ask for (space-separated); `offline_access` gives the refresh token that renews sessions.',
  },
  {
    key: 'oidcTokenUse',
    flag: 'oidc-token',
    env: 'OIDC_TOKEN',
    kind: 'enum',
    choices: ['id', 'access'],
    shownDefault: 'id',
    value: 'id',
    description:
      'oidc mode: which token the API server gets as the bearer, the ID token (as kubectl oidc-login sends) or the access token.',
  },
  {
    key: 'oidcCaFile',
    flag: 'oidc-ca-file',
    env: 'OIDC_CA_FILE',
    kind: 'path',
    shownDefault: 'system CAs',
    value: null,
    description: 'oidc mode: extra CA bundle trusted for the provider (a private CA).',
  },
  {
    key: 'oidcRedirectUrl',
    flag: 'oidc-redirect-url',
    env: 'OIDC_REDIRECT_URL',
    kind: 'string',
    shownDefault: '<origin>/api/auth/oidc/callback',
    value: null,
    description:
      'oidc mode: redirect URI registered at the provider (default: the request origin, https with --secure-cookies, + /api/auth/oidc/callback).',
  },
]

type Env = Readonly<Record<string, string | undefined>>

/** Reads flags (`--name value` or `--name=value`) and the environment; flags win. Throws ConfigError. */
export function parseConfig(argv: readonly string[], env: Env, cwd = process.cwd()): Config {
  const flags = readFlags(argv)
  const config = Object.fromEntries(OPTIONS.map((o) => [o.key, o.value])) as unknown as Config
  for (const option of OPTIONS) {
    const fromFlag = option.flag === null ? undefined : flags.get(option.flag)
    const raw = fromFlag ?? nonEmpty(env[option.env])
    if (raw === undefined) continue
    const source = fromFlag !== undefined ? `--${option.flag}` : option.env
    Object.assign(config, { [option.key]: convert(option, raw, source, cwd) })
  }
  validate(config)
  return config
}

export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h')
}

function readFlags(argv: readonly string[]): Map<string, string> {
  const known = new Map(OPTIONS.filter((o) => o.flag !== null).map((o) => [o.flag, o]))
  const flags = new Map<string, string>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (!arg.startsWith('--')) throw new ConfigError(`Unexpected argument "${arg}" (see --help)`)
    const eq = arg.indexOf('=')
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq)
    const option = known.get(name)
    if (!option) throw new ConfigError(`Unknown flag --${name} (see --help)`)
    let value: string | undefined
    if (eq !== -1) value = arg.slice(eq + 1)
    else if (option.kind === 'boolean') value = 'true'
    else {
      value = argv[++i]
      if (value === undefined) throw new ConfigError(`Flag --${name} needs a value`)
    }
    flags.set(name, value)
  }
  return flags
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value
}

function convert(
  option: OptionSpec,
  raw: string,
  source: string,
  cwd: string,
): Config[keyof Config] {
  const value = raw.trim()
  switch (option.kind) {
    case 'string':
      return value
    case 'path':
      // A KUBECONFIG list keeps its delimiters; each entry is resolved where it is used.
      return option.key === 'kubeconfig' ? value : path.resolve(cwd, value)
    case 'port': {
      const port = Number(value)
      if (!/^\d+$/.test(value) || port > 65535) {
        throw new ConfigError(`${source} must be a port number 0-65535, got "${raw}"`)
      }
      return port
    }
    case 'seconds': {
      const seconds = Number(value)
      const max = option.maxSeconds ?? 3600
      if (!Number.isFinite(seconds) || seconds <= 0 || seconds > max) {
        throw new ConfigError(`${source} must be a number of seconds (0-${max}], got "${raw}"`)
      }
      return Math.round(seconds * 1000)
    }
    case 'count': {
      const count = Number(value)
      const min = option.minCount ?? 1
      if (!/^\d+$/.test(value) || count < min || count > 1_000_000) {
        throw new ConfigError(`${source} must be a whole number ${min}-1000000, got "${raw}"`)
      }
      return count
    }
    case 'enum':
      if (!option.choices?.includes(value)) {
        throw new ConfigError(
          `${source} must be one of ${option.choices?.join(', ')}, got "${raw}"`,
        )
      }
      return value
    case 'boolean':
      if (/^(1|true|yes|on)$/i.test(value)) return true
      if (/^(0|false|no|off)$/i.test(value)) return false
      throw new ConfigError(`${source} must be true or false, got "${raw}"`)
    case 'list':
      return value.split(/[\s,]+/).filter((entry) => entry !== '')
  }
}

/** Whether `host` only accepts connections from this machine. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1')
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)
}

function validate(config: Config): void {
  // With a server-side identity (in-cluster, kubeconfig) the Host allowlist would be the only gate
  // for whoever reaches the port, and a Host header is the client's to choose.
  const perUser = config.authMode === 'token' || config.authMode === 'oidc'
  if (!perUser && !isLoopbackHost(config.host) && !config.behindAuthProxy) {
    throw new ConfigError(
      `${config.authMode} mode acts as one identity for every client, so it listens only on a loopback address unless an authenticating proxy is in front: set --behind-auth-proxy (BEHIND_AUTH_PROXY=true) to listen on ${config.host}`,
    )
  }
  // Cookies are not bound to a port, and over plain http not to a scheme either: another server
  // on the same host (or on the network path) could plant ("toss") a session cookie, signing a
  // victim in as the attacker. Over TLS with --secure-cookies the __Host- names prevent that.
  if (perUser && !isLoopbackHost(config.host) && !config.secureCookies) {
    throw new ConfigError(
      `${config.authMode} mode on ${config.host} needs --secure-cookies (SECURE_COOKIES=true) behind a TLS proxy: over plain http another site could plant a session cookie (cookie tossing) and sign visitors in as someone else. Listen on a loopback address for local use.`,
    )
  }
  for (const host of config.allowedHosts ?? []) {
    if (!/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i.test(host)) {
      throw new ConfigError(`ALLOWED_HOSTS entry "${host}" is not a host[:port]`)
    }
  }
  for (const origin of config.embedAllowedOrigins) {
    // No wildcards: `https://*` would let every site frame the embed pages.
    if (!/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i.test(origin) && origin !== "'self'") {
      throw new ConfigError(
        `EMBED_ALLOWED_ORIGINS entry "${origin}" is not an origin like https://host (no wildcards)`,
      )
    }
  }
  if (config.revocationStore !== null) {
    try {
      parseStoreName(config.revocationStore)
    } catch (error) {
      throw new ConfigError((error as Error).message)
    }
  }
  if (config.authMode === 'oidc') {
    if (config.oidcIssuer === null || config.oidcClientId === null) {
      throw new ConfigError('oidc mode needs --oidc-issuer and --oidc-client-id')
    }
    if (!/^https:\/\//.test(config.oidcIssuer)) {
      throw new ConfigError(`--oidc-issuer must be an https URL, got "${config.oidcIssuer}"`)
    }
  }
  if (config.server !== null) {
    let url: URL
    try {
      url = new URL(config.server)
    } catch {
      throw new ConfigError(`--server must be a URL, got "${config.server}"`)
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new ConfigError(`--server must be an http(s) URL, got "${config.server}"`)
    }
  }
}

/** The `--help` text, generated from OPTIONS. */
export function helpText(): string {
  const lines = [
    'Usage: node server/main.ts [flags]',
    '',
    'Serves the Kyma APIRules dashboard and proxies its Kubernetes API calls. Flags override environment variables.',
    '',
  ]
  for (const option of OPTIONS) {
    const names = [option.flag === null ? null : `--${option.flag}`, option.env].filter(Boolean)
    lines.push(`  ${names.join(', ')}`)
    lines.push(`      ${option.description} Default: ${option.shownDefault}.`)
  }
  lines.push('  --help, -h', '      Show this help.')
  return lines.join('\n')
}

/** The same table as Markdown, for the README. */
export function markdownTable(): string {
  const rows = OPTIONS.map((o) => {
    const flag = o.flag === null ? '–' : `\`--${o.flag}\``
    return `| ${flag} | \`${o.env}\` | \`${o.shownDefault}\` | ${o.description} |`
  })
  return ['| Flag | Environment | Default | Meaning |', '| --- | --- | --- | --- |', ...rows].join(
    '\n',
  )
}
