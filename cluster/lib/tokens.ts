// The static token file (--token-auth-file). Tokens are random per state dir and kept across
// restarts so a kubeconfig copied elsewhere stays valid.
import { randomBytes } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import type { ClusterUser } from '../test/cluster-info.ts'

/** Users and their groups. Only admin is a superuser; the others get RBAC from rbac.ts. */
export const STATIC_USERS: Record<ClusterUser, string[]> = {
  admin: ['system:masters'],
  viewer: [],
  developer: [],
}

/** Reads tokens.csv (token,user,uid,"groups") or creates it. */
export async function ensureTokens(path: string): Promise<Record<ClusterUser, string>> {
  const users = Object.keys(STATIC_USERS) as ClusterUser[]
  const existing = await readFile(path, 'utf8').catch(() => '')
  const found: Partial<Record<ClusterUser, string>> = {}
  for (const line of existing.split('\n')) {
    const [token, user] = line.split(',')
    if (token && users.includes(user as ClusterUser)) found[user as ClusterUser] = token
  }
  if (users.every((u) => found[u])) return found as Record<ClusterUser, string>
  const tokens = Object.fromEntries(
    users.map((u) => [u, `${u}-${randomBytes(18).toString('base64url')}`]),
  ) as Record<ClusterUser, string>
  const lines = users.map((u, i) => {
    const groups = STATIC_USERS[u].join(',')
    return `${tokens[u]},${u},${1000 + i}${groups ? `,"${groups}"` : ''}`
  })
  await writeFile(path, lines.join('\n') + '\n', { mode: 0o600 })
  return tokens
}
