import { describe, expect, it } from 'vitest'
import { newApiRule, uniqueName, withUniqueNameAndHost } from './templates.ts'
import { validateApiRule } from '../validation/validate.ts'
import { formatPath } from '../validation/paths.ts'

describe('unique prefills', () => {
  it('uniqueName counts up from -2', () => {
    const taken = new Set(['hello', 'hello-2'])
    expect(uniqueName('hello', (n) => taken.has(n))).toBe('hello-3')
    expect(uniqueName('fresh', (n) => taken.has(n))).toBe('fresh')
  })

  it('Expose of a Service that already has an APIRule prefills hello-2 for name and host', () => {
    const others = [
      { namespace: 'ns', name: 'hello', hosts: ['hello'] },
      { namespace: 'other', name: 'x', hosts: ['hello-2.local.kyma.dev'] },
    ]
    const obj = withUniqueNameAndHost(
      newApiRule('ns', 'v2', { service: 'hello', name: 'hello', port: 80 }),
      'ns',
      others,
    )
    expect((obj.metadata as { name: string }).name).toBe('hello-2')
    // hello-2 is used (as a full host) in another namespace: the host moves on to hello-3
    expect((obj.spec as { hosts: string[] }).hosts).toEqual(['hello-3'])
    expect((obj.spec as { service: unknown }).service).toEqual({ name: 'hello', port: 80 })
  })

  it('keeps free names and hosts', () => {
    const obj = withUniqueNameAndHost(newApiRule('ns', 'v2', { service: 'a' }), 'ns', [
      { namespace: 'other', name: 'a', hosts: ['b'] },
    ])
    expect((obj.metadata as { name: string }).name).toBe('a')
    expect((obj.spec as { hosts: string[] }).hosts).toEqual(['a'])
  })

  it('the validator flags a taken name on create, not on edit, and a host used elsewhere', () => {
    const obj = newApiRule('ns', 'v2', { service: 'hello', name: 'hello' })
    const apiRules = [
      { namespace: 'ns', name: 'hello', hosts: ['other'] },
      { namespace: 'b', name: 'c', hosts: ['hello'] },
    ]
    const onCreate = validateApiRule(obj, 'v2', { namespace: 'ns', creating: true, apiRules })
    const taken = onCreate.filter((i) => i.source === 'cluster').map((i) => formatPath(i.path))
    expect(taken.sort()).toEqual(['metadata.name', 'spec.hosts[0]'])
    // a new rule reusing a taken name and that rule's host: both are flagged
    const same = { ...obj, spec: { ...(obj.spec as object), hosts: ['other'] } }
    const reuse = validateApiRule(same, 'v2', { namespace: 'ns', creating: true, apiRules })
    expect(reuse.filter((i) => i.source === 'cluster').map((i) => formatPath(i.path))).toEqual([
      'spec.hosts[0]',
      'metadata.name',
    ])
    const onEdit = validateApiRule(obj, 'v2', { namespace: 'ns', apiRules })
    expect(onEdit.filter((i) => i.source === 'cluster').map((i) => formatPath(i.path))).toEqual([
      'spec.hosts[0]',
    ])
  })
})
