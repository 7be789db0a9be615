// The application frame: a header bar (product, connected cluster, theme), side navigation with the
// namespace selector, and the routed page. Embedded views (/embed/*) do not use this frame.
// The header and the navigation are plain elements styled with the theme's variables: UI5's
// ShellBar and SideNavigation brought menus, lists, a split button and their stylesheets into the
// first load (about 40 KB of gzip JavaScript, issue 16) for a title, two controls and three links.
import { Button } from '@ui5/webcomponents-react'
import '@ui5/webcomponents-icons/dist/v5/menu2.js'
import '@ui5/webcomponents-icons/dist/v5/log.js'
import '@ui5/webcomponents-icons/dist/v5/visits.js'
import { useQueryClient } from '@tanstack/react-query'
import { lazy, Suspense, useState } from 'react'
import { Outlet, useLocation, useNavigate } from 'react-router'
import { signOut, signsIn } from '../api/auth.ts'
import { useClusterInfo } from '../api/cluster-info.ts'
import { NamespaceSelect } from './NamespaceSelect.tsx'
import { ClusterBadge } from './ClusterBadge.tsx'
import { SideNav } from './SideNav.tsx'
import { ThemeSwitch } from './ThemeSwitch.tsx'
import { PageLoading } from './PageLoading.tsx'
import { ALL_NAMESPACES, namespacedPath } from './namespace.ts'
import './shell.css'

// Only a signed-out user of a per-user mode sees it: its form library stays out of the first load.
const SignInPage = lazy(() => import('./SignInPage.tsx').then((m) => ({ default: m.SignInPage })))

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

  if (perUser && cluster.data?.signedIn === false)
    return (
      <Suspense fallback={<PageLoading />}>
        <SignInPage mode={mode} />
      </Suspense>
    )

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
      <header className="app-header">
        <Button
          icon="menu2"
          design="Transparent"
          tooltip={collapsed ? 'Expand navigation' : 'Collapse navigation'}
          accessibleName={collapsed ? 'Expand navigation' : 'Collapse navigation'}
          onClick={() => setCollapsed((c) => !c)}
        />
        <span className="app-brand">Kyma API Rules</span>
        <span className="app-header-spacer" />
        <ClusterBadge info={cluster.data} />
        <ThemeSwitch />
        {perUser && (
          <Button icon="log" design="Transparent" onClick={() => void onSignOut()}>
            Sign out
          </Button>
        )}
      </header>
      <div className="app-body">
        <nav className="app-nav" aria-label="Main navigation">
          <NamespaceSelect
            value={namespace}
            onChange={(next) => navigate(namespacedPath(next, section))}
          />
          <SideNav
            current={section}
            collapsed={collapsed}
            pathOf={(key) => namespacedPath(namespace, key)}
          />
        </nav>
        <div className="app-main">
          <Outlet />
        </div>
      </div>
    </div>
  )
}
