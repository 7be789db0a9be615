// The YAML tab's GitOps actions: the APIRule as it belongs in a Git repository (gitOpsObject: no
// status, nothing the server or the controller wrote), copied or downloaded as `<name>.yaml`.
import { Button } from '@ui5/webcomponents-react'
import '@ui5/webcomponents-icons/dist/v5/download.js'
import { useMemo } from 'react'
import { CopyButton } from '../../../components/CopyButton.tsx'
import { toYaml } from '../../../editor/document/objects.ts'
import { gitOpsObject } from '../domain/gitops.ts'

function download(fileName: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.click()
  // The browser has taken the blob once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}

export function GitOpsActions({ object, name }: { object: unknown; name: string }) {
  const text = useMemo(() => toYaml(gitOpsObject(object)), [object])
  return (
    <section aria-label="YAML for GitOps" className="kd-page-header">
      <CopyButton text={text} label="Copy YAML for GitOps" design="Default" />
      <Button icon="download" onClick={() => download(`${name}.yaml`, text)}>
        Download YAML for GitOps
      </Button>
      <span className="kd-muted">
        Without status, managedFields, resourceVersion, uid, timestamps and the controller&apos;s
        annotations.
      </span>
    </section>
  )
}
