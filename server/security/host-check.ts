// DNS-rebinding guard: a page on evil.example that re-points its name at 127.0.0.1 still sends
// `Host: evil.example:<port>`, so only the names the dashboard is really served under are accepted.

export function defaultAllowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]
}

export function normaliseHosts(hosts: readonly string[]): ReadonlySet<string> {
  return new Set(hosts.map((h) => h.toLowerCase()))
}

export function isAllowedHost(
  hostHeader: string | undefined,
  allowed: ReadonlySet<string>,
): boolean {
  return hostHeader !== undefined && allowed.has(hostHeader.toLowerCase())
}
