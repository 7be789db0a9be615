// Test helper (Node): the bundled CRD read from disk, without Vite's `?raw`.
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'

let crd: unknown

export function loadCrdFromDisk(): unknown {
  crd ??= parse(
    readFileSync(
      new URL('../../../../cluster/crds/apirules.gateway.kyma-project.io.yaml', import.meta.url),
      'utf8',
    ),
  )
  return crd
}
