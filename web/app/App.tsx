// Providers around the router: UI5's ThemeProvider, React Query, and the browser router.
import { ThemeProvider } from '@ui5/webcomponents-react'
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { RouterProvider } from 'react-router'
import { createAppRouter } from './routes.tsx'

const queryClient: QueryClient = new QueryClient({
  // A 401 means the session ended (signed out elsewhere, expired): ask the BFF again, so the shell
  // shows the sign-in page. Drafts of the editor survive in sessionStorage.
  queryCache: new QueryCache({
    onError: (error) => {
      if ('code' in error && error.code === 401) {
        void queryClient.invalidateQueries({ queryKey: ['cluster-info'] })
      }
    },
  }),
  defaultOptions: {
    queries: {
      // Lists and objects are kept fresh by watches, not by refetching.
      staleTime: Infinity,
      refetchOnWindowFocus: false,
      retry: (failures, error) => failures < 2 && !('code' in error && error.code === 403),
    },
  },
})

const router = createAppRouter(queryClient)

export function App() {
  return (
    <ThemeProvider>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </ThemeProvider>
  )
}
