// The route table. Pages are lazy so the first load carries only the shell and the page shown;
// the editor (and Monaco behind it) loads only when it is opened.
import { lazy, Suspense, type ComponentType } from 'react'
import type { QueryClient } from '@tanstack/react-query'
import { createBrowserRouter, Navigate, type LoaderFunctionArgs } from 'react-router'
import { prefetchK8sList } from '../api/hooks.ts'
import { APIRULES } from '../api/resources.ts'
import { Shell } from './Shell.tsx'
import { PageLoading } from './PageLoading.tsx'
import { ALL_NAMESPACES } from './namespace.ts'

function page<M>(load: () => Promise<M>, pick: (m: M) => ComponentType) {
  const Lazy = lazy(async () => ({ default: pick(await load()) }))
  return (
    <Suspense fallback={<PageLoading />}>
      <Lazy />
    </Suspense>
  )
}

/** The app's query client, for routes that start their page's reads early (see prefetchK8sList). */
let queryClient: QueryClient | undefined

/** The API Rules list starts loading with the page's code, not after it (bench/remote.ts). */
function prefetchApiRules({ params }: LoaderFunctionArgs): null {
  const ns = params.ns && params.ns !== ALL_NAMESPACES ? params.ns : undefined
  if (queryClient) prefetchK8sList(queryClient, APIRULES, ns)
  return null
}

export const routes = [
  {
    path: '/',
    element: <Shell />,
    children: [
      { index: true, element: <Navigate to={`/namespaces/${ALL_NAMESPACES}/apirules`} replace /> },
      {
        path: 'namespaces/:ns',
        children: [
          { index: true, element: <Navigate to="apirules" replace /> },
          {
            path: 'apirules',
            loader: prefetchApiRules,
            element: page(
              () => import('../resources/apirules/ApiRuleListPage.tsx'),
              (m) => m.ApiRuleListPage,
            ),
          },
          {
            path: 'apirules/-create-',
            element: page(
              () => import('../resources/apirules/editor/ApiRuleEditorPage.tsx'),
              (m) => m.ApiRuleEditorPage,
            ),
          },
          {
            path: 'apirules/:name',
            element: page(
              () => import('../resources/apirules/ApiRuleDetailsPage.tsx'),
              (m) => m.ApiRuleDetailsPage,
            ),
          },
          {
            path: 'apirules/:name/edit',
            element: page(
              () => import('../resources/apirules/editor/ApiRuleEditorPage.tsx'),
              (m) => m.ApiRuleEditorPage,
            ),
          },
          {
            path: 'services',
            element: page(
              () => import('../resources/services/ServiceListPage.tsx'),
              (m) => m.ServiceListPage,
            ),
          },
          {
            path: 'services/:name',
            element: page(
              () => import('../resources/services/ServiceDetailsPage.tsx'),
              (m) => m.ServiceDetailsPage,
            ),
          },
          {
            path: 'functions',
            element: page(
              () => import('../resources/functions/FunctionListPage.tsx'),
              (m) => m.FunctionListPage,
            ),
          },
          {
            path: 'functions/:name',
            element: page(
              () => import('../resources/functions/FunctionDetailsPage.tsx'),
              (m) => m.FunctionDetailsPage,
            ),
          },
        ],
      },
      {
        path: '*',
        element: page(
          () => import('./NotFoundPage.tsx'),
          (m) => m.NotFoundPage,
        ),
      },
    ],
  },
  // Chrome-less views for embedding in other pages (iframes): no ShellBar, no navigation. The BFF
  // lets only EMBED_ALLOWED_ORIGINS frame /embed/*; see web/embed/README.md.
  {
    path: '/embed',
    children: [
      {
        path: 'namespaces/:ns/services/:name/apirules',
        element: page(
          () => import('../embed/EmbedApiRulesPage.tsx'),
          (m) => m.EmbedServiceApiRulesPage,
        ),
      },
      {
        path: 'namespaces/:ns/functions/:name/apirules',
        element: page(
          () => import('../embed/EmbedApiRulesPage.tsx'),
          (m) => m.EmbedFunctionApiRulesPage,
        ),
      },
      {
        path: '*',
        element: page(
          () => import('../embed/EmbedApiRulesPage.tsx'),
          (m) => m.EmbedNotFoundPage,
        ),
      },
    ],
  },
]

export function createAppRouter(client?: QueryClient) {
  queryClient = client
  return createBrowserRouter(routes)
}
