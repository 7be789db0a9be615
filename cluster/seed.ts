// `npm run cluster:seed`: applies the demo data set to the cluster of the current kubeconfig
// (KUBECONFIG, or ~/.kube/config). Idempotent: server-side apply with its own field manager.
import { type KubeObject, applyAll, applyObject } from './lib/apply.ts'
import { apiRuleObjects, baseObjects, functionObjects, functionService } from './lib/demo-data.ts'
import { type KubeClient, createKubeClient } from './lib/kube-client.ts'
import { targetFromKubeconfig } from './lib/kubeconfig-target.ts'
import { type Log, consoleLog, formatDuration } from './lib/progress.ts'

export const SEED_FIELD_MANAGER = 'kyma-apirules-dashboard-seed'

/** Applies the demo data set (needs the CRDs from cluster/crds installed). Returns what was applied. */
export async function seedDemo(client: KubeClient, log: Log = consoleLog): Promise<KubeObject[]> {
  const started = performance.now()
  const applied = await applyAll(client, baseObjects(), SEED_FIELD_MANAGER)
  for (const fn of functionObjects()) {
    // The Service points at the Function's real uid, so apply the Function first.
    const created = await applyObject(client, fn, SEED_FIELD_MANAGER)
    applied.push(created, await applyObject(client, functionService(created), SEED_FIELD_MANAGER))
  }
  applied.push(...(await applyAll(client, apiRuleObjects(), SEED_FIELD_MANAGER)))
  log(`seeded ${applied.length} demo objects in ${formatDuration(performance.now() - started)}`)
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
