// `npm run cluster:seed`: applies the demo data set to the cluster of the current kubeconfig
// (KUBECONFIG, or ~/.kube/config). Idempotent: server-side apply with its own field manager.
import { type KubeObject, applyObject, resourcePath } from './lib/apply.ts'
import { apiRuleObjects, baseObjects, functionObjects, functionService } from './lib/demo-data.ts'
import { type KubeClient, KubeError, createKubeClient } from './lib/kube-client.ts'
import { targetFromKubeconfig } from './lib/kubeconfig-target.ts'
import { type Log, consoleLog, formatDuration } from './lib/progress.ts'

export const SEED_FIELD_MANAGER = 'kyma-apirules-dashboard-seed'

/**
 * Applies the demo data set (needs the CRDs from cluster/crds installed). Returns what was applied.
 * `onlyMissing` (a restarted state dir): objects that exist are left as they are, so what the user
 * changed or deleted in the demo data stays changed; only what is missing is created.
 */
export async function seedDemo(
  client: KubeClient,
  log: Log = consoleLog,
  opts: { onlyMissing?: boolean } = {},
): Promise<KubeObject[]> {
  const started = performance.now()
  let kept = 0
  const apply = async <T extends KubeObject>(obj: KubeObject): Promise<T> => {
    if (opts.onlyMissing) {
      const path = await resourcePath(client, obj)
      const res = await client.request<T>('GET', path)
      if (res.status === 200) {
        kept++
        return res.body
      }
      // Only a missing object is created; an unreadable one is an error, not "missing".
      if (res.status !== 404) throw new KubeError('GET', path, res.status, res.body)
    }
    return applyObject<T>(client, obj, SEED_FIELD_MANAGER)
  }
  const applied: KubeObject[] = []
  for (const obj of baseObjects()) applied.push(await apply(obj))
  for (const fn of functionObjects()) {
    // The Service points at the Function's real uid, so apply the Function first.
    const created = await apply(fn)
    applied.push(created, await apply(functionService(created)))
  }
  for (const obj of apiRuleObjects()) applied.push(await apply(obj))
  const took = formatDuration(performance.now() - started)
  log(
    kept
      ? `seeded ${applied.length - kept} missing demo objects (${kept} already there) in ${took}`
      : `seeded ${applied.length} demo objects in ${took}`,
  )
  return applied
}

if (import.meta.main) {
  try {
    const target = await targetFromKubeconfig()
    consoleLog(`seeding ${target.server}`)
    const client = createKubeClient(target)
    try {
      await seedDemo(client)
    } finally {
      await client.close()
    }
  } catch (err) {
    consoleLog((err as Error).message)
    process.exitCode = 1
  }
}
