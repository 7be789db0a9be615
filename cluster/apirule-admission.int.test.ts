// What the API server itself enforces for APIRules (CRD schema + CEL), with no Kyma controller.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import {
  closeClients,
  createTestNamespace,
  kubeRequest,
  apiRulesPath,
  testApiRule as apiRule,
} from './test/helpers.ts'

const info = inject('cluster')
let ns = ''
const collection = () => apiRulesPath(ns)

beforeAll(async () => {
  ns = await createTestNamespace(info, 'admission')
})
afterAll(closeClients)

describe('APIRule admission', () => {
  it('rejects a rule with both noAuth and jwt (CEL rule of the CRD)', async () => {
    const body = apiRule('both', {
      noAuth: true,
      jwt: {
        authentications: [{ issuer: 'https://a.example', jwksUri: 'https://a.example/jwks' }],
      },
    })
    const res = await kubeRequest<{ message: string; reason: string }>(
      info,
      'admin',
      'POST',
      collection(),
      body,
    )
    expect(res.status).toBe(422)
    expect(res.body.reason).toBe('Invalid')
    expect(res.body.message).toContain(
      'One of the following fields must be set: noAuth, jwt, extAuth',
    )
  })

  it('accepts a rule with exactly one access strategy', async () => {
    const res = await kubeRequest(
      info,
      'admin',
      'POST',
      collection(),
      apiRule('ok', { noAuth: true }),
    )
    expect(res.status).toBe(201)
  })

  it('creates nothing with dryRun=All', async () => {
    const res = await kubeRequest<{ metadata: { name: string } }>(
      info,
      'admin',
      'POST',
      `${collection()}?dryRun=All`,
      apiRule('dry', { noAuth: true }),
    )
    expect(res.status).toBe(201)
    expect(res.body.metadata.name).toBe('dry')
    expect((await kubeRequest(info, 'admin', 'GET', `${collection()}/dry`)).status).toBe(404)
  })

  it('still validates with dryRun=All', async () => {
    const res = await kubeRequest(
      info,
      'admin',
      'POST',
      `${collection()}?dryRun=All`,
      apiRule('dry-invalid', { noAuth: false }),
    )
    expect(res.status).toBe(422)
  })
})
