// The dashboard first: while `npm start` builds the SPA and the local cluster's binaries (minutes on
// a new machine) and starts the cluster, a small server on the dashboard's own address answers at
// once with a progress page (web/app/startup/) and `GET /api/startup` — what is being built, for how
// long, and what is left, read from the build's own progress lines (cluster/lib/progress.ts). It is
// closed right before the BFF binds the same address; the page notices and switches to the
// dashboard by itself.
import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { join } from 'node:path'
import { GO_TARGETS } from '../cluster/versions.ts'
import type { StartupProgress, StartupStep } from '../protocol/startup-progress.ts'
import { repoRoot } from './lib.ts'

const PAGE_DIR = join(repoRoot, 'web', 'app', 'startup')
const FILES: Record<string, [string, string]> = {
  '/startup/progress.js': ['progress.js', 'text/javascript; charset=utf-8'],
  '/startup/progress.css': ['progress.css', 'text/css; charset=utf-8'],
}

/** The steps a first start goes through, in order; the build's lines move them along. */
function initialSteps(): StartupStep[] {
  return [
    { name: 'dashboard (vite build)', state: 'pending' },
    ...Object.keys(GO_TARGETS).map((name) => ({ name, state: 'pending' as const })),
    { name: 'api-gateway controller', state: 'pending' },
    { name: 'local cluster', state: 'pending' },
  ]
}

export class StartupTracker {
  private readonly startedAt = Date.now()
  private readonly steps = initialSteps()
  private readonly lines: string[] = []

  /** Feeds one progress line (as printed to the terminal) into the steps. */
  line(text: string): void {
    this.lines.push(text)
    if (this.lines.length > 30) this.lines.shift()
    const build = /^go build (\S+)/.exec(text)
    const name = build?.[1] === 'api-gateway' ? 'api-gateway controller' : build?.[1]
    if (name) {
      if (/: done in /.test(text)) this.set(name, 'done')
      else this.set(name, 'running')
    } else if (/^Building the dashboard/.test(text)) this.set('dashboard (vite build)', 'running')
    else if (/kube-apiserver ready at/.test(text)) this.set('local cluster', 'running')
  }

  set(name: string, state: StartupStep['state']): void {
    const step = this.steps.find((s) => s.name === name)
    if (!step) return
    // Steps before a running one are done (e.g. found in the cache, never built).
    if (state !== 'pending') {
      for (const s of this.steps.slice(0, this.steps.indexOf(step))) {
        if (s.state !== 'done') {
          s.state = 'done'
          s.finishedAt ??= Date.now()
        }
      }
    }
    if (state === 'running' && step.state === 'pending') step.startedAt = Date.now()
    if (state === 'done') step.finishedAt = Date.now()
    step.state = state
  }

  snapshot(): StartupProgress {
    return { startedAt: this.startedAt, now: Date.now(), steps: this.steps, lines: this.lines }
  }
}

export interface ProgressServer {
  close(): Promise<void>
}

/** Serves the progress page on host:port; resolves undefined if the address is taken. */
export async function serveProgress(
  tracker: StartupTracker,
  host: string,
  port: number,
): Promise<ProgressServer | undefined> {
  const server: Server = createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0] ?? '/'
    const headers = {
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'self'; frame-ancestors 'none'",
    }
    void (async () => {
      if (req.method !== 'GET') {
        res.writeHead(503, headers).end()
      } else if (url === '/api/startup') {
        res.writeHead(200, { ...headers, 'content-type': 'application/json' })
        res.end(JSON.stringify(tracker.snapshot()))
      } else if (url.startsWith('/api/')) {
        res.writeHead(503, headers).end()
      } else {
        const [file, type] = FILES[url] ?? ['progress.html', 'text/html; charset=utf-8']
        res.writeHead(200, { ...headers, 'content-type': type })
        res.end(await readFile(join(PAGE_DIR, file)))
      }
    })().catch(() => res.writeHead(500).end())
  })
  const ok = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false))
    server.listen(port, host, () => resolve(true))
  })
  if (!ok) return undefined
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
