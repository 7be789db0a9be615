// Browser-only: the APIRule CRD bundled with the app (Vite `?raw`), the fallback when the cluster's
// CRD cannot be read. Keep this out of the pure validator so Node can import validate.ts.
import { parse } from 'yaml'
import crdText from '../../../../cluster/crds/apirules.gateway.kyma-project.io.yaml?raw'

let parsed: unknown

export function bundledApiRuleCrd(): unknown {
  parsed ??= parse(crdText)
  return parsed
}
