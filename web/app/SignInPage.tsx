// Shown instead of the dashboard in the per-user modes until the user has signed in: a button to
// the OpenID provider (oidc mode) or a field for a Kubernetes bearer token (token mode). An error
// from a failed OIDC sign-in comes back in `?signInError=` and is shown here.
import { Button, Input, Label, MessageStrip, Title } from '@ui5/webcomponents-react'
import { useQueryClient } from '@tanstack/react-query'
import { Controller, useForm } from 'react-hook-form'
import { useLocation } from 'react-router'
import { lastSignInError, oidcSignInUrl, signInWithToken } from '../api/auth.ts'
import { StatusError } from '../api/client.ts'
import { errorMessage } from '../api/errors.ts'
import './sign-in.css'

interface TokenForm {
  token: string
}

function TokenSignIn() {
  const queryClient = useQueryClient()
  // react-hook-form: a small form of its own, not bound to a YAML document like the editor.
  const { control, handleSubmit, formState, setError } = useForm<TokenForm>({
    defaultValues: { token: '' },
  })
  const submit = handleSubmit(async ({ token }) => {
    try {
      await signInWithToken(token.trim())
      await queryClient.invalidateQueries()
    } catch (err) {
      // The BFF's own words ("rejected this token", "too many attempts"), not a generic 401 text.
      const message = err instanceof StatusError ? err.status.message : undefined
      setError('token', { message: message || errorMessage(err) })
    }
  })
  const problem = formState.errors.token?.message
  return (
    <form onSubmit={(e) => void submit(e)} className="sign-in-form">
      <Label for="sign-in-token" required>
        Kubernetes bearer token
      </Label>
      <Controller
        control={control}
        name="token"
        rules={{ required: 'Paste a token to sign in' }}
        render={({ field }) => (
          <Input
            id="sign-in-token"
            type="Password"
            value={field.value}
            onInput={(e) => field.onChange(e.target.value)}
            valueState={problem ? 'Negative' : 'None'}
            accessibleName="Kubernetes bearer token"
          />
        )}
      />
      {problem && (
        <MessageStrip design="Negative" hideCloseButton>
          {problem}
        </MessageStrip>
      )}
      <Button type="Submit" design="Emphasized" disabled={formState.isSubmitting}>
        Sign in
      </Button>
    </form>
  )
}

export function SignInPage({ mode }: { mode: 'token' | 'oidc' }) {
  const location = useLocation()
  const error = lastSignInError()
  const returnTo = location.pathname + location.search
  return (
    <main className="sign-in" aria-labelledby="sign-in-title">
      <Title level="H2" id="sign-in-title">
        Sign in to Kyma API Rules
      </Title>
      {error && (
        <MessageStrip design="Negative" hideCloseButton data-testid="sign-in-error">
          {error}
        </MessageStrip>
      )}
      {mode === 'oidc' ? (
        <Button
          design="Emphasized"
          icon="visits"
          onClick={() => window.location.assign(oidcSignInUrl(returnTo))}
        >
          Sign in with your identity provider
        </Button>
      ) : (
        <TokenSignIn />
      )}
    </main>
  )
}
