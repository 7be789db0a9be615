import { describe, expect, it } from 'vitest'
import { apiRulesPath } from './api.ts'

describe('apiRulesPath', () => {
  it('never builds a path for the route word -all- or an empty namespace', () => {
    expect(() => apiRulesPath('v2', '-all-')).toThrow('Choose a namespace for the APIRule first.')
    expect(() => apiRulesPath('v2', '', 'x')).toThrow()
  })
  it('encodes names, so a name cannot add path segments', () => {
    expect(apiRulesPath('v2', 'ns', '../../secrets')).toBe(
      '/apis/gateway.kyma-project.io/v2/namespaces/ns/apirules/..%2F..%2Fsecrets',
    )
  })
})
