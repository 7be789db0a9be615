// Chrome-less API Rules panels for embedding in other pages (an iframe):
//   /embed/namespaces/:ns/services/:name/apirules
//   /embed/namespaces/:ns/functions/:name/apirules
// Query: `parentOrigin` (where events go, verified against the browser's own word) and `theme`
// (read by app/theme.ts). "Expose" and "Edit" open the APIRule editor in a dialog; the parent gets
// `resize` and `apirule-created|updated|deleted` messages. See README.md next to this file.
import { Dialog, MessageStrip, Title } from '@ui5/webcomponents-react'
import {
  lazy,
  Suspense,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
  type RefObject,
} from 'react'
import { useParams } from 'react-router'
import { isNotFound } from '../api/errors.ts'
import { useK8sObject } from '../api/hooks.ts'
import { FUNCTIONS, SERVICES } from '../api/resources.ts'
import { ErrorBanner } from '../components/ErrorBanner.tsx'
import { LoadingSkeleton } from '../components/LoadingSkeleton.tsx'
import { newApiRule } from '../resources/apirules/editor/templates.ts'
import type { ApiRuleView } from '../resources/apirules/domain/view.ts'
import { ApiRulesPanel } from '../resources/apirules/panel/ApiRulesPanel.tsx'
import type { ExposeTarget } from '../resources/apirules/panel/ExposeButton.tsx'
import { FUNCTION_SERVICE_PORT, type KymaFunction } from '../resources/functions/types.ts'
import { exposablePorts } from '../resources/services/model.ts'
import type { Service, ServicePort } from '../resources/services/types.ts'
import { createMessenger, currentFrameEnvironment, type Messenger } from './messaging.ts'
import './embed.css'

const ApiRuleEditor = lazy(async () => ({
  default: (await import('../resources/apirules/editor/ApiRuleEditor.tsx')).ApiRuleEditor,
}))

/** While the editor is open the content asks for at least this height (sent as `resize`). */
export const EDITOR_MIN_HEIGHT = 760

type EditorState =
  | { kind: 'closed' }
  | { kind: 'create'; target: ExposeTarget }
  | { kind: 'edit'; view: ApiRuleView }

function useMessenger(): Messenger {
  const messenger = useMemo(
    () =>
      createMessenger(
        currentFrameEnvironment(),
        window.parent !== window ? window.parent : undefined,
      ),
    [],
  )
  useEffect(() => {
    const hasParam = new URLSearchParams(window.location.search).has('parentOrigin')
    if (!messenger.origin && hasParam && messenger.reason) {
      console.warn(`[kyma-apirules-dashboard] events disabled: ${messenger.reason}`)
    }
  }, [messenger])
  return messenger
}

/** Reports the content height to the parent whenever it changes. */
function useResizeReports(root: RefObject<HTMLElement | null>, messenger: Messenger) {
  useEffect(() => {
    const el = root.current
    if (!el || !messenger.origin || typeof ResizeObserver === 'undefined') return
    let last = -1
    const report = () => {
      const height = Math.ceil(el.getBoundingClientRect().height)
      if (height === last) return
      last = height
      messenger.post({ type: 'resize', height })
    }
    const ro = new ResizeObserver(report)
    ro.observe(el)
    report()
    return () => ro.disconnect()
  }, [root, messenger])
}

interface EmbedViewProps {
  namespace: string
  serviceName: string
  functionName?: string | undefined
  ports?: readonly ServicePort[] | undefined
  serviceMissing: boolean
  /** Shown instead of the panel (the workload itself is missing or unreadable). */
  blocker?: ReactNode
  loading: boolean
}

function EmbedView(props: EmbedViewProps) {
  const { namespace, serviceName, functionName } = props
  const messenger = useMessenger()
  const root = useRef<HTMLDivElement>(null)
  useResizeReports(root, messenger)
  const [editor, setEditor] = useState<EditorState>({ kind: 'closed' })
  const close = () => setEditor({ kind: 'closed' })

  const initial = useMemo(() => {
    if (editor.kind === 'create') {
      const t = editor.target
      return newApiRule(namespace, 'v2', {
        service: t.function ?? t.service,
        port: t.function ? FUNCTION_SERVICE_PORT : t.port,
      })
    }
    if (editor.kind === 'edit') return editor.view.object
    return undefined
  }, [editor, namespace])

  const title =
    editor.kind === 'create'
      ? `Expose ${functionName ? `Function ${functionName}` : `Service ${serviceName}`}`
      : editor.kind === 'edit'
        ? `Edit API Rule ${editor.view.name}`
        : ''

  return (
    <div
      ref={root}
      className="kd-embed"
      style={editor.kind === 'closed' ? undefined : { minHeight: EDITOR_MIN_HEIGHT }}
    >
      {props.loading ? (
        <LoadingSkeleton label="Loading" rows={3} />
      ) : (
        (props.blocker ?? (
          <ApiRulesPanel
            embedded
            namespace={namespace}
            serviceName={serviceName}
            functionName={functionName}
            ports={props.ports}
            serviceMissing={props.serviceMissing}
            onExpose={(target) => setEditor({ kind: 'create', target })}
            onEdit={(view) => setEditor({ kind: 'edit', view })}
            onDeleted={(view) =>
              messenger.post({
                type: 'apirule-deleted',
                namespace: view.namespace,
                name: view.name,
              })
            }
          />
        ))
      )}
      <Dialog
        open={editor.kind !== 'closed'}
        stretch
        headerText={title}
        accessibleName={title}
        // One way to close: the editor's own Cancel (and Escape); a footer Close beside it was a
        // second button doing the same.
        onClose={close}
      >
        {editor.kind !== 'closed' && initial && (
          <Suspense fallback={<LoadingSkeleton label="Loading the editor" rows={6} />}>
            <ApiRuleEditor
              key={editor.kind === 'edit' ? `edit:${editor.view.key}` : 'create'}
              namespace={namespace}
              initial={initial}
              mode={editor.kind}
              onCancel={close}
              onSaved={(saved) => {
                const meta = (saved.metadata ?? {}) as { name?: string; namespace?: string }
                messenger.post({
                  type: editor.kind === 'create' ? 'apirule-created' : 'apirule-updated',
                  namespace: meta.namespace ?? namespace,
                  name: meta.name ?? '',
                })
                close()
              }}
            />
          </Suspense>
        )}
      </Dialog>
    </div>
  )
}

export function EmbedServiceApiRulesPage() {
  const { ns = '', name = '' } = useParams()
  const svc = useK8sObject<Service>(SERVICES, ns, name, { enabled: !!ns })
  const missing = svc.deleted || isNotFound(svc.error)
  const blocker =
    svc.error && !missing ? (
      <ErrorBanner
        error={svc.error}
        context={{ verb: 'get', resource: 'Service', name, namespace: ns }}
        onRetry={svc.refetch}
        alwaysRetry
      />
    ) : undefined
  return (
    <EmbedView
      namespace={ns}
      serviceName={name}
      ports={svc.object ? exposablePorts(svc.object) : undefined}
      serviceMissing={missing}
      loading={svc.isLoading}
      blocker={blocker}
    />
  )
}

export function EmbedFunctionApiRulesPage() {
  const { ns = '', name = '' } = useParams()
  const fn = useK8sObject<KymaFunction>(FUNCTIONS, ns, name, { enabled: !!ns })
  const svc = useK8sObject<Service>(SERVICES, ns, name, { enabled: !!ns })
  const fnMissing = fn.deleted || isNotFound(fn.error)
  const svcMissing = svc.deleted || isNotFound(svc.error)
  let blocker: ReactNode
  if (fnMissing) {
    blocker = (
      <MessageStrip design="Information" hideCloseButton>
        {`Function ${name} does not exist in namespace ${ns}.`}
      </MessageStrip>
    )
  } else if (fn.error) {
    blocker = (
      <ErrorBanner
        error={fn.error}
        context={{ verb: 'get', resource: 'Function', name, namespace: ns }}
        onRetry={fn.refetch}
        alwaysRetry
      />
    )
  }
  return (
    <EmbedView
      namespace={ns}
      serviceName={name}
      functionName={name}
      ports={svc.object ? exposablePorts(svc.object) : undefined}
      serviceMissing={svcMissing}
      loading={fn.isLoading || svc.isLoading}
      blocker={blocker}
    />
  )
}

export function EmbedNotFoundPage() {
  return (
    <div className="kd-embed">
      <Title level="H1" size="H5">
        Nothing to embed here
      </Title>
      <MessageStrip design="Information" hideCloseButton>
        Embeddable views: /embed/namespaces/NAMESPACE/services/NAME/apirules and
        /embed/namespaces/NAMESPACE/functions/NAME/apirules.
      </MessageStrip>
    </div>
  )
}
