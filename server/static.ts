// Serves the built SPA. Hashed files under /assets/ never change, so they are cached for a year;
// index.html must be revalidated every time so a new deployment is picked up. Any other GET that
// asks for HTML gets index.html (history-API routing); API paths and non-HTML requests get a 404 Status.
// The build writes Brotli (.br) and gzip (.gz) siblings of text files (vite.config.ts); they are sent
// to clients that accept them (br before gzip, as @fastify/static negotiates), with Content-Encoding
// and Vary: Accept-Encoding. Files without siblings (dev builds, fonts, images) go out as they are.
import path from 'node:path'
import { existsSync } from 'node:fs'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'
import { sendStatus } from './kube-status.ts'

const IMMUTABLE = 'public, max-age=31536000, immutable'

export async function registerStatic(app: FastifyInstance, staticDir: string) {
  const hasSpa = existsSync(path.join(staticDir, 'index.html'))
  if (!hasSpa)
    app.log.warn({ staticDir }, 'no built SPA found (run `npm run build`); only the API is served')
  const assetsDir = path.join(staticDir, 'assets') + path.sep
  await app.register(fastifyStatic, {
    root: staticDir,
    prefix: '/',
    index: false,
    dotfiles: 'ignore',
    cacheControl: false,
    // Directory listing and redirects are not wanted; missing files fall through to the handler below.
    redirect: false,
    preCompressed: true,
    setHeaders(reply, filePath) {
      reply.header('cache-control', filePath.startsWith(assetsDir) ? IMMUTABLE : 'no-cache')
    },
  })

  // The root is a directory to @fastify/static (which refuses directories); it is just an app route.
  app.get('/', (_request, reply) => {
    if (!hasSpa)
      return sendStatus(reply, 404, 'The dashboard UI is not built (run `npm run build`)')
    return reply.header('cache-control', 'no-cache').sendFile('index.html')
  })

  app.setNotFoundHandler((request, reply) => {
    const pathname = (request.raw.url ?? '/').split('?')[0] ?? '/'
    const isApi = pathname === '/api' || pathname.startsWith('/api/')
    const wantsHtml = (request.headers.accept ?? '').includes('text/html')
    const isPage =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !isApi &&
      !pathname.startsWith('/assets/')
    if (isPage && wantsHtml && hasSpa)
      return reply.header('cache-control', 'no-cache').sendFile('index.html')
    return sendStatus(reply, 404, `${request.method} ${pathname} not found`)
  })
}
