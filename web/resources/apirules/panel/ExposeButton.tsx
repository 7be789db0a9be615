// "Expose with APIRule": goes straight to the prefilled editor when the target port is clear, and
// first asks which port when the Service has several. Disabled, with the reason, when the user may
// not create APIRules in the namespace.
import { Bar, Button, Dialog, Text } from '@ui5/webcomponents-react'
import '@ui5/webcomponents-icons/dist/v5/internet-browser.js'
import { useState } from 'react'
import { useNavigate } from 'react-router'
import type { AccessResult } from '../../../api/access.ts'
import type { ServicePort } from '../../services/types.ts'
import { portLabel } from '../../services/model.ts'
import { apiRuleCreatePath } from '../links.ts'

/** What to expose: a Service (and port), or a Function (its Service has its name, port 80). */
export interface ExposeTarget {
  namespace: string
  service: string
  port?: number | undefined
  function?: string | undefined
}

/** The editor route for a target: `?function=` for Functions, `?service=&port=` otherwise. */
export function exposePath(t: ExposeTarget): string {
  return t.function
    ? apiRuleCreatePath(t.namespace, { function: t.function })
    : apiRuleCreatePath(t.namespace, { service: t.service, port: t.port })
}

export interface ExposeButtonProps {
  namespace: string
  serviceName: string
  /** The Service's ports; undefined when unknown (e.g. a Function whose Service is missing). */
  ports?: readonly ServicePort[] | undefined
  functionName?: string | undefined
  access: AccessResult
  /** Instead of navigating to the editor page (embedded views open a dialog). */
  onExpose?: ((target: ExposeTarget) => void) | undefined
  /** Smaller, icon-only look for table rows. */
  compact?: boolean
}

export function ExposeButton({
  namespace,
  serviceName,
  ports,
  functionName,
  access,
  onExpose,
  compact,
}: ExposeButtonProps) {
  const navigate = useNavigate()
  const [choosing, setChoosing] = useState(false)
  const go = (port?: number) => {
    setChoosing(false)
    const target: ExposeTarget = {
      namespace,
      service: serviceName,
      port,
      function: functionName,
    }
    if (onExpose) onExpose(target)
    else navigate(exposePath(target))
  }
  const choices = ports ?? []
  const onClick = () => {
    // A Function's Service always listens on 80 — the editor knows, no question needed.
    if (functionName || choices.length <= 1) go(choices[0]?.port)
    else setChoosing(true)
  }
  const label = 'Expose with APIRule'
  const tooltip = access.allowed
    ? `Create an APIRule that exposes ${functionName ? `Function ${functionName}` : `Service ${serviceName}`}`
    : access.reason
  return (
    <>
      <Button
        design={compact ? 'Transparent' : 'Emphasized'}
        icon="internet-browser"
        disabled={!access.allowed}
        tooltip={tooltip}
        accessibleName={compact ? `Expose ${serviceName} with APIRule` : undefined}
        onClick={onClick}
      >
        {compact ? 'Expose' : label}
      </Button>
      {choosing && (
        <PortChoiceDialog
          serviceName={serviceName}
          ports={choices}
          onChoose={go}
          onCancel={() => setChoosing(false)}
        />
      )}
    </>
  )
}

export function PortChoiceDialog({
  serviceName,
  ports,
  onChoose,
  onCancel,
}: {
  serviceName: string
  ports: readonly ServicePort[]
  onChoose: (port: number) => void
  onCancel: () => void
}) {
  const title = 'Which port should the APIRule expose?'
  return (
    <Dialog
      open
      headerText={title}
      accessibleName={title}
      onClose={onCancel}
      footer={
        <Bar
          design="Footer"
          endContent={
            <Button design="Transparent" onClick={onCancel}>
              Cancel
            </Button>
          }
        />
      }
    >
      <div className="kd-port-choice">
        <Text>{`Service ${serviceName} has ${ports.length} ports. Choose the one to route HTTP traffic to:`}</Text>
        <ul aria-label="Ports">
          {ports.map((p) => (
            <li key={`${p.name ?? ''}:${p.port}`}>
              <Button onClick={() => onChoose(p.port)} tooltip={`Expose port ${p.port}`}>
                {portLabel(p)}
              </Button>
            </li>
          ))}
        </ul>
      </div>
    </Dialog>
  )
}
