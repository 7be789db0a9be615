// Route page for creating, cloning, exposing and editing APIRules:
//   /namespaces/:ns/apirules/-create-[?clone=<name>|?service=<name>&port=<n>|?function=<name>]
//   /namespaces/:ns/apirules/:name/edit[?version=v1beta1][&migrate=1]
// plus ?view=form|yaml|split. Unsaved text survives a reload (sessionStorage draft).
import { useContext, useEffect, useState } from 'react'
import {
  UNSAFE_DataRouterContext,
  useBlocker,
  useNavigate,
  useParams,
  useSearchParams,
} from 'react-router'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { BusyIndicator, Button, Dialog, Bar, MessageStrip, Title } from '@ui5/webcomponents-react'
import { ApiRuleEditor } from './ApiRuleEditor.tsx'
import { RouterLink } from '../../../components/RouterLink.tsx'
import '../../../components/page.css' // the page frame (kd-page) of the list and details pages
import { getApiRule } from './persist.ts'
import {
  cloneForCreate,
  newApiRule,
  toYaml,
  withUniqueNameAndHost,
  type KnownApiRule,
} from './templates.ts'
import { useOtherApiRules } from '../../../api/lookups.ts'
import { draftKey, readDraft, writeDraft, type EditorView } from '../../../editor/draft.ts'
import { isTooBig, reportedBytes, tooBigMessage } from '../../../editor/limits.ts'
import { ALL_NAMESPACES, namespacedPath } from '../../../app/namespace.ts'
import { rememberSavedApiRule } from '../saved.ts'
import {
  NamespacePicker,
  rememberedCreateNamespace,
  useCreatableNamespaces,
} from './NamespacePicker.tsx'

function parseView(v: string | null): EditorView | undefined {
  return v === 'form' || v === 'yaml' || v === 'split' ? v : undefined
}

/** Asks before leaving with unsaved changes; only inside a data router (useBlocker needs one). */
function LeaveGuard({ when }: { when: boolean }) {
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      when && currentLocation.pathname !== nextLocation.pathname,
  )
  return (
    <Dialog
      open={blocker.state === 'blocked'}
      headerText="Leave without saving?"
      onClose={() => blocker.reset?.()}
      footer={
        <Bar
          design="Footer"
          endContent={
            <>
              <Button design="Negative" onClick={() => blocker.proceed?.()}>
                Leave
              </Button>
              <Button design="Emphasized" onClick={() => blocker.reset?.()}>
                Stay
              </Button>
            </>
          }
        />
      }
    >
      You have unsaved changes to this APIRule. They are kept as a draft in this browser tab.
    </Dialog>
  )
}

export function ApiRuleEditorPage() {
  const { ns: routeNs = 'default', name } = useParams()
  const [params, setParams] = useSearchParams()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const inDataRouter = useContext(UNSAFE_DataRouterContext) !== null
  const mode: 'create' | 'edit' = name ? 'edit' : 'create'
  // From "All namespaces" the user picks the namespace; `-all-` never reaches an API path.
  const allNamespaces = routeNs === ALL_NAMESPACES
  const creatable = useCreatableNamespaces(allNamespaces)
  const [picked, setPicked] = useState(() =>
    allNamespaces ? (rememberedCreateNamespace() ?? undefined) : undefined,
  )
  const pickedOk = picked !== undefined && creatable.names.includes(picked)
  const ns = allNamespaces ? (pickedOk ? picked : undefined) : routeNs
  const version = params.get('version') === 'v1beta1' ? 'v1beta1' : 'v2'
  const clone = params.get('clone')
  const fn = params.get('function')
  const service = params.get('service') ?? fn
  const port = fn ? 80 : params.get('port') ? Number(params.get('port')) : undefined
  const key = draftKey(mode, routeNs, name)
  // A draft over the limit (pasted before the limit existed) is not opened: it would freeze the tab.
  const [stored] = useState(() => {
    const d = readDraft(key)
    return d !== null && isTooBig(d)
      ? { draft: null, refused: tooBigMessage(reportedBytes(d), 'draft') }
      : { draft: d, refused: undefined }
  })
  const [draft, setDraft] = useState(stored.draft)
  const refusedDraft = stored.refused
  const [generation, setGeneration] = useState(0)
  const [dirty, setDirty] = useState(false)
  // After a save: navigate once the clean state is committed, so the leave guard (a child, whose
  // effects run first) no longer blocks. A setTimeout could fire before that commit under load.
  const [savedTo, setSavedTo] = useState<string | null>(null)

  const source = useQuery({
    queryKey: ['editor', 'load', ns, name ?? clone, mode === 'edit' ? version : 'v2'],
    queryFn: () => getApiRule(mode === 'edit' ? version : 'v2', ns!, (name ?? clone)!),
    enabled: !!(name ?? clone) && ns !== undefined,
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  })

  // Prefills (Expose, Clone) get a name and host nobody uses yet: wait for the other APIRules.
  const prefilled = mode === 'create' && !!(clone || service)
  const others = useOtherApiRules()
  const known: KnownApiRule[] = (others.data?.items ?? []).map((r) => ({
    namespace: r.metadata.namespace ?? '',
    name: r.metadata.name ?? '',
    hosts: r.spec?.hosts ?? [],
  }))

  useEffect(() => {
    if (!dirty) return
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault()
    }
    window.addEventListener('beforeunload', onBeforeUnload)
    return () => window.removeEventListener('beforeunload', onBeforeUnload)
  }, [dirty])

  useEffect(() => {
    if (savedTo !== null && !dirty && ns) navigate(namespacedPath(ns, 'apirules', savedTo))
  }, [savedTo, dirty, navigate, ns])

  const view = parseView(params.get('view'))
  const onViewChange = (v: EditorView) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p)
        next.set('view', v)
        return next
      },
      { replace: true },
    )

  const title =
    mode === 'edit' ? `Edit APIRule ${name}` : clone ? `Clone APIRule ${clone}` : 'Create APIRule'
  const details = (n: string) => namespacedPath(ns, 'apirules', n)

  const picker = allNamespaces ? (
    <NamespacePicker
      names={creatable.names}
      isLoading={creatable.isLoading}
      error={creatable.error}
      value={ns}
      onChange={setPicked}
    />
  ) : null

  let body
  if (ns === undefined)
    body =
      mode === 'edit' ? (
        <MessageStrip design="Negative" hideCloseButton role="alert">
          Open the APIRule from its own namespace to edit it.
        </MessageStrip>
      ) : null
  else if (((name ?? clone) && source.isLoading) || (prefilled && !draft && others.isLoading))
    body = <BusyIndicator active aria-label="Loading the APIRule" />
  else if ((name ?? clone) && source.isError)
    body = (
      <MessageStrip
        design="Negative"
        hideCloseButton
        role="alert"
      >{`The APIRule could not be loaded: ${source.error.message}`}</MessageStrip>
    )
  else {
    const fresh: string | object =
      mode === 'edit'
        ? source.data!
        : clone && source.data
          ? toYaml(withUniqueNameAndHost(cloneForCreate(source.data, ns), ns, known))
          : toYaml(
              service
                ? withUniqueNameAndHost(
                    newApiRule(ns, 'v2', { service, port, name: service }),
                    ns,
                    known,
                  )
                : newApiRule(ns, 'v2'),
            )
    const initial = draft ?? fresh
    body = (
      <>
        {draft ? (
          <MessageStrip design="Information" onClose={() => setDraft(null)}>
            Restored your unsaved changes from this browser tab.{' '}
            <Button
              design="Transparent"
              onClick={() => {
                writeDraft(key, null)
                setDraft(null)
                setGeneration((g) => g + 1)
              }}
            >
              Discard draft
            </Button>
          </MessageStrip>
        ) : null}
        <ApiRuleEditor
          key={generation}
          namespace={ns}
          mode={mode}
          initial={initial}
          base={mode === 'edit' ? (source.data as object) : undefined}
          view={view}
          onViewChange={onViewChange}
          onDirtyChange={setDirty}
          draftKey={key}
          openMigration={params.get('migrate') === '1'}
          onCancel={() =>
            navigate(mode === 'edit' ? details(name!) : namespacedPath(routeNs, 'apirules'))
          }
          onSaved={(saved) => {
            // The details page shows this response, not an older cached copy.
            rememberSavedApiRule(queryClient, saved)
            setDirty(false)
            const savedName = String(
              (saved.metadata as { name?: string } | undefined)?.name ?? name ?? '',
            )
            setSavedTo(savedName)
          }}
        />
      </>
    )
  }

  return (
    <main className="kd-page are-page" aria-labelledby="are-page-title">
      <div className="kd-page-header">
        <Title level="H1" size="H3" id="are-page-title">
          {title}
        </Title>
        <span className="kd-spacer" />
        <RouterLink to={namespacedPath(routeNs, 'apirules')}>Back to API Rules</RouterLink>
      </div>
      {refusedDraft ? (
        <MessageStrip design="Critical" role="alert">
          {refusedDraft}
        </MessageStrip>
      ) : null}
      {mode === 'create' ? picker : null}
      {body}
      {inDataRouter ? <LeaveGuard when={dirty} /> : null}
    </main>
  )
}
