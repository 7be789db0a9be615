// A BFF whose connection to the real test cluster runs through Toxiproxy, plus a `fetch` that
// talks to it like the browser does (same-origin: Origin header, relative paths). Fault tests
// drive the SPA's own data layer (web/api) with that fetch, so the resume and retry logic under
// test is the one the browser runs.
import { readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestClusterInfo } from '../../cluster/test/cluster-info.ts'
import { startFaultProxy, type FaultProxy } from '../../cluster/toxiproxy/server.ts'
import { silentLog } from '../../cluster/lib/progress.ts'
import { startBff, type RunningBff } from './bff.ts'

export interface FaultBff {
  bff: RunningBff
  proxy: FaultProxy
  /** The browser's view of the BFF: relative URLs, the page's Origin. */
  fetch: typeof fetch
  close(): Promise<void>
}

/** A kubeconfig like the cluster's, with its server replaced by `server`. */
export async function kubeconfigVia(cluster: TestClusterInfo, server: string): Promise<string> {
  const text = await readFile(cluster.kubeconfigPath, 'utf8')
  const path = join(tmpdir(), `kubeconfig-fault-${process.pid}-${Date.now()}.yaml`)
  await writeFile(path, text.replaceAll(cluster.server, server), { mode: 0o600 })
  return path
}

export async function startFaultBff(
  cluster: TestClusterInfo,
  upstreamTimeoutMs: number,
): Promise<FaultBff> {
  const proxy = await startFaultProxy(cluster.server, { log: silentLog })
  const kubeconfig = await kubeconfigVia(cluster, proxy.proxyUrl)
  const bff = await startBff({
    authMode: 'kubeconfig',
    kubeconfig,
    context: 'local-admin',
    upstreamTimeoutMs,
  })
  const browserLike: typeof fetch = (input, init) => {
    const headers = new Headers(init?.headers)
    headers.set('origin', bff.origin)
    return fetch(new URL(String(input), bff.origin), { ...init, headers })
  }
  return {
    bff,
    proxy,
    fetch: browserLike,
    close: async () => {
      await bff.close()
      await proxy.stop()
      await rm(kubeconfig, { force: true })
    },
  }
}
