import { describe, expect, it } from 'vitest'
import {
  apiRuleCountsByService,
  clusterIpLabel,
  exposablePorts,
  formatPorts,
  portLabel,
  serviceType,
} from './model.ts'
import type { Service } from './types.ts'

const svc = (spec: Service['spec']): Service => ({ metadata: { name: 's', namespace: 'n' }, spec })

describe('service model', () => {
  it('formats ports and offers only TCP ports for exposure', () => {
    const s = svc({
      ports: [
        { name: 'http', port: 80, protocol: 'TCP' },
        { port: 53, protocol: 'UDP' },
        { port: 9090 },
      ],
    })
    expect(formatPorts(s)).toBe('http 80/TCP, 53/UDP, 9090/TCP')
    expect(exposablePorts(s).map((p) => p.port)).toEqual([80, 9090])
    expect(portLabel({ name: 'http', port: 80 })).toBe('http (80)')
    expect(portLabel({ port: 9090 })).toBe('9090')
  })

  it('defaults the type and shows headless and ExternalName Services honestly', () => {
    expect(serviceType(svc({}))).toBe('ClusterIP')
    expect(clusterIpLabel(svc({ clusterIP: 'None' }))).toBe('None')
    expect(clusterIpLabel(svc({ type: 'ExternalName', externalName: 'x.example' }))).toBe(
      'x.example',
    )
    expect(clusterIpLabel(svc(undefined))).toBe('—')
  })

  it('counts each APIRule once per Service, by exact namespace and name', () => {
    const counts = apiRuleCountsByService([
      [
        { namespace: 'demo', name: 'hello-kyma-svc', port: 80 },
        { namespace: 'demo', name: 'orders', port: 9090 },
        { namespace: 'demo', name: 'hello-kyma-svc', port: 8080 },
      ],
      [{ namespace: 'demo', name: 'hello', port: 80 }],
      [{ namespace: 'shop', name: 'hello', port: 80 }],
    ])
    expect(counts.get('demo/hello-kyma-svc')).toBe(1)
    expect(counts.get('demo/hello')).toBe(1)
    expect(counts.get('shop/hello')).toBe(1)
    expect(counts.get('demo/orders')).toBe(1)
    expect(counts.get('demo/hello-kyma')).toBeUndefined()
  })
})
