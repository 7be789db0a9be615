// /api/cluster: which cluster the dashboard is connected to, as whom, and how.
import type { FastifyInstance } from 'fastify'
import type { AuthMode } from './config.ts'
import type { Upstream, UpstreamAuth } from './credentials/upstream.ts'
import type { KubeVersionInfo, SelfSubjectReview } from './kube-types.ts'
import { sessionOf } from './sessions/request-session.ts'
import { bearerOf } from './sessions/session-store.ts'
import { upstreamJson } from './upstream-request.ts'

const INFO_TIMEOUT_MS = 5_000

export interface ClusterInfo {
  /** Null in token mode before sign-in, like server and kubernetesVersion. */
  context: string | null
  server: string | null
  kubernetesVersion: string | null
  user: string | null
  authMode: AuthMode
  /** Token mode: whether a session cookie is present. */
  signedIn: boolean
}

/** The user name the API server sees for these credentials (SelfSubjectReview), or null. */
export async function reviewSelf(
  upstream: Upstream,
  auth: UpstreamAuth,
): Promise<{ statusCode: number; username: string | null }> {
  const review: SelfSubjectReview = {
    apiVersion: 'authentication.k8s.io/v1',
    kind: 'SelfSubjectReview',
  }
  const res = await upstreamJson(
    upstream,
    auth,
    'POST',
    '/apis/authentication.k8s.io/v1/selfsubjectreviews',
    review,
    INFO_TIMEOUT_MS,
  )
  const username =
    res.statusCode < 300
      ? ((res.body as SelfSubjectReview).status?.userInfo?.username ?? null)
      : null
  return { statusCode: res.statusCode, username }
}

export async function clusterInfoRoutes(app: FastifyInstance, options: { upstream: Upstream }) {
  const { upstream } = options
  app.get('/api/cluster', async (request, reply) => {
    const session = sessionOf(request)
    // Before sign-in, a caller learns only what the sign-in page needs: that it must sign in.
    const perUser = upstream.authMode === 'token' || upstream.authMode === 'oidc'
    if (perUser && session === null) {
      const anonymous: ClusterInfo = {
        context: null,
        server: null,
        kubernetesVersion: null,
        user: null,
        authMode: upstream.authMode,
        signedIn: false,
      }
      return reply.send(anonymous)
    }
    const auth =
      (await upstream.authFor(session ? bearerOf(session.credentials) : null)) ??
      (await upstream.probeAuth())
    const [version, user] = await Promise.all([
      upstreamJson(upstream, auth, 'GET', '/version', undefined, INFO_TIMEOUT_MS)
        .then((res) =>
          res.statusCode === 200 ? ((res.body as KubeVersionInfo).gitVersion ?? null) : null,
        )
        .catch(() => null),
      // The kubeconfig names its user; other modes ask the API server who the credentials belong to.
      upstream.configuredUser !== null
        ? Promise.resolve(upstream.configuredUser)
        : session !== null
          ? Promise.resolve(session.user)
          : reviewSelf(upstream, auth)
              .then((r) => r.username)
              .catch(() => null),
    ])
    const info: ClusterInfo = {
      context: upstream.context,
      server: upstream.server,
      kubernetesVersion: version,
      user,
      authMode: upstream.authMode,
      signedIn: true,
    }
    return reply.send(info)
  })
}
