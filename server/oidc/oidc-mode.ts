// oidc mode's two parts, made from the config: the relying-party client and the session refresher.
import { readFileSync } from 'node:fs'
import type { Config } from '../config.ts'
import type { SessionGate } from '../sessions/request-session.ts'
import { OidcClient } from './oidc-client.ts'
import { OidcRefresher } from './oidc-refresh.ts'

export function createOidc(
  config: Config,
  sessions: SessionGate,
): { client: OidcClient; refresher: OidcRefresher } {
  if (config.oidcIssuer === null || config.oidcClientId === null) {
    throw new Error('oidc mode needs --oidc-issuer and --oidc-client-id')
  }
  const client = new OidcClient({
    issuer: config.oidcIssuer,
    clientId: config.oidcClientId,
    clientSecret:
      config.oidcClientSecretFile === null
        ? null
        : readFileSync(config.oidcClientSecretFile, 'utf8').trim(),
    scopes: config.oidcScopes,
    tokenUse: config.oidcTokenUse,
    caFile: config.oidcCaFile,
  })
  return { client, refresher: new OidcRefresher(client, sessions) }
}
