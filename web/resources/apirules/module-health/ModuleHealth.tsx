// The API Gateway module's health on the API Rules pages: one strip per line of moduleHealth(). It
// reads the same watched APIRule list as the page (same query key, no extra request) and the
// cluster's APIGateway resources; a cluster without that CRD, or a user who may not read it, just
// gets the reconciliation check.
import { lazy, Suspense, useEffect, useMemo, useState } from 'react'
import { useAccessReview } from '../../../api/access.ts'
import { useK8sList } from '../../../api/hooks.ts'
import { APIGATEWAYS, APIRULES } from '../../../api/resources.ts'
import { type ApiGatewayObject, type RuleForHealth, moduleHealth } from './model.ts'

const MessageStrip = lazy(() =>
  import('@ui5/webcomponents-react/MessageStrip').then((m) => ({ default: m.MessageStrip })),
)

const GATEWAYS_READ = {
  verb: 'list',
  group: APIGATEWAYS.group,
  resource: APIGATEWAYS.plural,
  title: 'APIGateways',
}

/** Re-evaluated every 15 s: "not reconciled for a minute" changes with time alone. */
function useNow(everyMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs)
    return () => clearInterval(t)
  }, [everyMs])
  return now
}

export function ModuleHealth({ namespace }: { namespace: string | undefined }) {
  // APIGateways are cluster-wide and most users may not read them: ask first, so a user without the
  // right gets the reconciliation check alone and no refused request (a 403 on every page).
  const mayRead = useAccessReview(GATEWAYS_READ)
  const gateways = useK8sList<ApiGatewayObject>(APIGATEWAYS, undefined, {
    enabled: !mayRead.isLoading && mayRead.allowed && !mayRead.unknown,
  })
  const rules = useK8sList<RuleForHealth>(APIRULES, namespace)
  const now = useNow()
  const lines = useMemo(
    () => moduleHealth(gateways.error ? [] : gateways.items, rules.items, now),
    [gateways.error, gateways.items, rules.items, now],
  )
  if (!lines.length) return null
  return (
    <Suspense fallback={null}>
      <div className="kd-module-health" data-testid="module-health">
        {lines.map((l) => (
          <MessageStrip key={l.text} design={l.tone} hideCloseButton>
            {l.text}
          </MessageStrip>
        ))}
      </div>
    </Suspense>
  )
}
