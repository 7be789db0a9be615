// Runs a Toxiproxy server (built on first use, see build.ts) on a free loopback port and puts one
// proxy in front of an API server: `proxyUrl` is the API server's URL with the proxy's port, for a
// BFF's --server / kubeconfig. The proxy is plain TCP, so TLS passes through unchanged (the
// certificate names 127.0.0.1, which the proxy URL keeps).
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { freePort } from '../lib/ports.ts'
import { startProcess } from '../lib/processes.ts'
import { type Log, consoleLog } from '../lib/progress.ts'
import { ensureToxiproxy } from './build.ts'
import { ToxiproxyClient } from './client.ts'

export interface FaultProxy {
  client: ToxiproxyClient
  /** Name of the proxy in Toxiproxy. */
  name: string
  /** The target URL with host:port replaced by the proxy's listen address. */
  proxyUrl: string
  stop(): Promise<void>
}

/** Starts Toxiproxy and a proxy named `name` in front of `targetUrl` (http(s)://host:port). */
export async function startFaultProxy(
  targetUrl: string,
  opts: { name?: string; log?: Log } = {},
): Promise<FaultProxy> {
  const binary = await ensureToxiproxy(opts.log ?? consoleLog)
  const dir = await mkdtemp(join(tmpdir(), 'toxiproxy-'))
  const port = await freePort()
  const proc = startProcess(
    'toxiproxy',
    binary,
    ['-host', '127.0.0.1', '-port', String(port)],
    join(dir, 'toxiproxy.log'),
    { LOG_LEVEL: 'warn' },
  )
  const client = new ToxiproxyClient(`http://127.0.0.1:${port}`)
  const stop = async () => {
    await proc.stop()
    await rm(dir, { recursive: true, force: true })
  }
  try {
    for (let i = 0; ; i++) {
      const ok = await client.version().then(
        () => true,
        () => false,
      )
      if (ok) break
      if (i > 100 || proc.child.exitCode !== null) throw new Error('toxiproxy did not start')
      await sleep(50)
    }
    const target = new URL(targetUrl)
    const name = opts.name ?? 'kube-apiserver'
    const proxy = await client.createProxy(name, target.host)
    const proxyUrl = new URL(targetUrl)
    proxyUrl.host = proxy.listen
    return { client, name, proxyUrl: proxyUrl.toString().replace(/\/$/, ''), stop }
  } catch (error) {
    await stop()
    throw error
  }
}
