// Asks the API Gateway controller's conversion webhook to convert one v1beta1 APIRule to v2, the
// way the API server will: the controller counts as ready only when this succeeds (its /readyz
// turns 200 before the webhook server has its certificate and handlers).
import { randomUUID } from 'node:crypto'
import { type Dispatcher, fetch } from 'undici'

interface ConversionReviewAnswer {
  response?: { uid?: string; result?: { status?: string }; convertedObjects?: unknown[] }
}

/** A v1beta1 APIRule as the lesson writes it; never stored, only converted. */
const probeRule = {
  apiVersion: 'gateway.kyma-project.io/v1beta1',
  kind: 'APIRule',
  metadata: { name: 'conversion-probe', namespace: 'default' },
  spec: {
    host: 'conversion-probe.local.kyma.dev',
    gateway: 'kyma-system/kyma-gateway',
    service: { name: 'conversion-probe', port: 80 },
    rules: [{ path: '/.*', methods: ['GET'], accessStrategies: [{ handler: 'allow' }] }],
  },
}

/** True when `url` converted the probe rule to v2 (false on any error: the caller retries). */
export async function conversionWorks(url: string, dispatcher: Dispatcher): Promise<boolean> {
  const uid = randomUUID()
  const review = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'ConversionReview',
    request: { uid, desiredAPIVersion: 'gateway.kyma-project.io/v2', objects: [probeRule] },
  }
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(review),
      dispatcher,
      signal: AbortSignal.timeout(5000),
    })
    if (res.status !== 200) return false
    const answer = (await res.json()) as ConversionReviewAnswer
    return (
      answer.response?.uid === uid &&
      answer.response.result?.status === 'Success' &&
      answer.response.convertedObjects?.length === 1
    )
  } catch {
    return false
  }
}
