// Which CRDs the local cluster installs with and without the API Gateway controller.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { crdsToInstall, loadCrds } from './crds.ts'
import { crdDir } from './paths.ts'

const controllerDir = mkdtempSync(join(tmpdir(), 'controller-crds-'))
copyFileSync(
  join(crdDir, 'apirules.gateway.kyma-project.io.yaml'),
  join(controllerDir, '00-apirules.yaml'),
)
writeFileSync(
  join(controllerDir, '01-ratelimits.yaml'),
  [
    'apiVersion: apiextensions.k8s.io/v1',
    'kind: CustomResourceDefinition',
    'metadata: { name: ratelimits.gateway.kyma-project.io }',
    'spec:',
    '  group: gateway.kyma-project.io',
    '  scope: Namespaced',
    '  names: { plural: ratelimits, kind: RateLimit }',
    '  versions: [{ name: v1alpha1, served: true, storage: true }]',
    '',
  ].join('\n'),
)
afterAll(() => rmSync(controllerDir, { recursive: true, force: true }))

const apiRule = <T extends { metadata: { name: string } }>(crds: T[]) =>
  crds.find((c) => c.metadata.name === 'apirules.gateway.kyma-project.io')

describe('crdsToInstall', () => {
  it('with the controller: its CRDs unchanged except the APIRule conversion webhook on loopback', async () => {
    const crds = await crdsToInstall({
      crdDir: controllerDir,
      conversionUrl: 'https://127.0.0.1:9443/convert',
      caBundle: 'Q0E=',
    })
    const [source] = await loadCrds(controllerDir)
    const rule = apiRule(crds)
    expect(rule?.spec.conversion).toEqual({
      strategy: 'Webhook',
      webhook: {
        conversionReviewVersions: ['v1'],
        clientConfig: { url: 'https://127.0.0.1:9443/convert', caBundle: 'Q0E=' },
      },
    })
    expect(rule?.spec.versions).toEqual(source?.spec.versions)
    expect(crds.map((c) => c.metadata.name)).toContain('ratelimits.gateway.kyma-project.io')
    // The project's own CRDs the controller does not bring stay (Functions).
    expect(crds.map((c) => c.metadata.name)).toContain('functions.serverless.kyma-project.io')
  })

  it('without the controller: no webhook, and the storage version keeps unknown fields', async () => {
    const rule = apiRule(await crdsToInstall())
    expect(rule?.spec.conversion).toBeUndefined()
    const storage = rule?.spec.versions.find((v) => v.storage)
    expect(storage?.schema?.openAPIV3Schema?.properties?.spec).toMatchObject({
      'x-kubernetes-preserve-unknown-fields': true,
    })
  })
})
