import { describe, expect, it } from 'vitest'
import { gatewayContextOf, podContextOf, readyEndpointsOf } from './cluster-context.ts'

describe('cluster objects as the controller checks read them', () => {
  it('ready endpoints per Service, from its EndpointSlices', () => {
    const slice = (svc: string, ready: (boolean | null)[]) => ({
      metadata: {
        namespace: 'ns',
        name: `${svc}-x`,
        labels: { 'kubernetes.io/service-name': svc },
      },
      endpoints: ready.map((r) => ({ conditions: { ready: r } })),
    })
    expect(
      readyEndpointsOf([slice('a', [false, true]), slice('a', [null]), slice('b', [false])]),
    ).toEqual([
      { namespace: 'ns', service: 'a', ready: 2 },
      { namespace: 'ns', service: 'b', ready: 0 },
    ])
  })
  it('a sidecar is a container or init container named istio-proxy', () => {
    const pod = (containers: string[], init: string[] = []) => ({
      metadata: { namespace: 'ns', name: 'p', labels: { app: 'x' } },
      spec: {
        containers: containers.map((name) => ({ name })),
        initContainers: init.map((name) => ({ name })),
      },
    })
    expect(
      podContextOf([pod(['app']), pod(['app', 'istio-proxy']), pod(['app'], ['istio-proxy'])])?.map(
        (p) => p.sidecar,
      ),
    ).toEqual([false, true, true])
  })
  it('Gateway servers without the namespace/ prefix, with protocol and redirect', () => {
    expect(
      gatewayContextOf([
        {
          metadata: { namespace: 'kyma-system', name: 'g' },
          spec: {
            servers: [
              { hosts: ['*/*.a.dev'], port: { protocol: 'https' } },
              { hosts: ['*.a.dev'], port: { protocol: 'HTTP' }, tls: { httpsRedirect: true } },
            ],
          },
        },
      ]),
    ).toEqual([
      {
        namespace: 'kyma-system',
        name: 'g',
        hosts: ['*.a.dev', '*.a.dev'],
        servers: [
          { hosts: ['*.a.dev'], protocol: 'HTTPS', httpsRedirect: false },
          { hosts: ['*.a.dev'], protocol: 'HTTP', httpsRedirect: true },
        ],
      },
    ])
  })
})
