// The application frame: ShellBar (product, connected cluster, theme), side navigation with the
// namespace selector, and the routed page. Embedded views (/embed/*) do not use this frame.
import {
  Button,
  ShellBar,
  ShellBarBranding,
  SideNavigation,
  SideNavigationItem,
} from '@ui5/webcomponents-react'
import '@ui5/webcomponents-icons/dist/chain-link.js'
import '@ui5/webcomponents-icons/dist/connected.js'
import '@ui5/webcomponents-icons/dist/action.js'
import '@ui5/webcomponents-icons/dist/menu2.js'
import '@ui5/webcomponents-icons/dist/log.js'
import '@ui5/webcomponents-icons/dist/visits.js'
import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { Outlet, useLocation, useNavigate } from 'react-router'
import { signOut, signsIn } from '../api/auth.ts'
import { useClusterInfo } from '../api/hooks.ts'
import { SignInPage } from './SignInPage.tsx'
import { NamespaceSelect } from './NamespaceSelect.tsx'
import { ClusterBadge } from './ClusterBadge.tsx'
import { ThemeSwitch } from './ThemeSwitch.tsx'
import { ALL_NAMESPACES, namespacedPath } from './namespace.ts'
import './shell.css'

const SECTIONS = [
  { key: 'apirules', text: 'API Rules', icon: 'chain-link' },
  { key: 'services', text: 'Services', icon: 'connected' },
  { key: 'functions', text: 'Functions', icon: 'action' },
] as const

/** `/namespaces/<ns>/<section>/…` → { ns, section } */
function parseLocation(pathname: string) {
  const [, first, ns, section] = pathname.split('/')
  if (first !== 'namespaces' || !ns) return { ns: ALL_NAMESPACES, section: 'apirules' }
  return { ns: decodeURIComponent(ns), section: section ?? 'apirules' }
}

export function Shell() {
  const location = useLocation()
  const navigate = useNavigate()
  const cluster = useClusterInfo()
  const [collapsed, setCollapsed] = useState(false)
  const { ns, section } = parseLocation(location.pathname)
  const namespace = ns === ALL_NAMESPACES ? undefined : ns
  const queryClient = useQueryClient()
  const mode = cluster.data?.authMode
  const perUser = signsIn(mode)

  if (perUser && cluster.data?.signedIn === false) return <SignInPage mode={mode} />

  const onSignOut = async () => {
    const { endSessionUrl } = await signOut().catch(() => ({ endSessionUrl: null }))
    // The provider's own session ends on its sign-out page; without one, show our sign-in page.
    if (endSessionUrl) window.location.assign(endSessionUrl)
    else {
      // Nothing of the signed-out user stays in memory for whoever signs in next in this tab.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'cluster-info' })
      await queryClient.resetQueries({ queryKey: ['cluster-info'] })
    }
  }

  return (
    <div className="app-shell">
      <ShellBar
        branding={<ShellBarBranding>Kyma API Rules</ShellBarBranding>}
        startButton={
          <Button
            icon="menu2"
            design="Transparent"
            tooltip={collapsed ? 'Expand navigation' : 'Collapse navigation'}
            accessibleName={collapsed ? 'Expand navigation' : 'Collapse navigation'}
            onClick={() => setCollapsed((c) => !c)}
          />
        }
        content={
          <>
            <ClusterBadge info={cluster.data} />
            <ThemeSwitch data-hide-order="1" />
            {perUser && (
              <Button icon="log" design="Transparent" onClick={() => void onSignOut()}>
                Sign out
              </Button>
            )}
          </>
        }
      />
      <div className="app-body">
        <nav className="app-nav" aria-label="Main navigation">
          <NamespaceSelect
            value={namespace}
            onChange={(next) => navigate(namespacedPath(next, section))}
          />
          <SideNavigation
            collapsed={collapsed}
            onSelectionChange={(e) => {
              const key = e.detail.item.dataset.key
              if (key) navigate(namespacedPath(namespace, key))
            }}
          >
            {SECTIONS.map((s) => (
              <SideNavigationItem
                key={s.key}
                data-key={s.key}
                text={s.text}
                icon={s.icon}
                selected={section === s.key}
              />
            ))}
          </SideNavigation>
        </nav>
        <main className="app-main">
          <Outlet />
        </main>
      </div>
    </div>
  )
}
