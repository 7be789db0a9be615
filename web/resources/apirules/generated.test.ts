import { describe, expect, it } from 'vitest'
import { generatedSelectors, mergeByKey } from './generated.ts'

describe('generatedSelectors', () => {
  it('selects by the name and namespace labels and by the legacy v1beta1 label', () => {
    expect(generatedSelectors('orders', 'demo')).toEqual({
      current:
        'apirule.gateway.kyma-project.io/name=orders,apirule.gateway.kyma-project.io/namespace=demo',
      legacy: 'apirule.gateway.kyma-project.io/v1beta1=orders.demo',
    })
  })

  it('leaves out the legacy selector when <name>.<namespace> is no valid label value', () => {
    const long = 'a'.repeat(40)
    expect(generatedSelectors(long, 'b'.repeat(30)).legacy).toBeUndefined()
  })
})

describe('mergeByKey', () => {
  it('keeps an object found by both selectors once', () => {
    const vs = { metadata: { namespace: 'demo', name: 'orders-x1' } }
    const other = { metadata: { namespace: 'demo', name: 'orders-x2' } }
    expect(mergeByKey([vs], [vs, other])).toEqual([vs, other])
  })
})
