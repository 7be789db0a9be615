// The upstream credentials of one browser request: the session's token in token mode, the server's
// own credentials otherwise. When there are none, the refusal is sent here, once, for every route
// that talks to the API server.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { sendStatus } from '../kube-status.ts'
import { sessionOf } from '../sessions/request-session.ts'
import { bearerOf, type Session } from '../sessions/session-store.ts'
import type { Upstream, UpstreamAuth } from './upstream.ts'

export interface RequestAuth {
  auth: UpstreamAuth
  /** The signed-in session the credentials came from (token mode), else null. */
  session: Session | null
}

/** The request's credentials, or null after a 500 (cannot obtain) or 401 (not signed in). */
export async function requestAuth(
  upstream: Upstream,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<RequestAuth | null> {
  const session = sessionOf(request)
  let auth: UpstreamAuth | null
  try {
    auth = await upstream.authFor(session ? bearerOf(session.credentials) : null)
  } catch (error) {
    request.log.error({ err: error }, 'cannot obtain upstream credentials')
    await sendStatus(
      reply,
      500,
      `Cannot obtain credentials for ${upstream.server}: ${(error as Error).message}`,
    )
    return null
  }
  if (auth === null) {
    await sendStatus(reply, 401, 'Not signed in: sign in with a Kubernetes bearer token')
    return null
  }
  return { auth, session }
}
