// JWT authentications (issuer, JWKS URI, where the token comes from) and authorizations (scopes,
// audiences) of a rule, or of an extAuth rule's restrictions.
import { memo } from 'react'
import { Title } from '@ui5/webcomponents-react'
import { fieldId, useFieldIssues, type Path } from '../../../../editor/form/context.ts'
import { IssueText, ListField, TextField } from '../../../../editor/form/fields.tsx'
import { ItemList } from '../../../../editor/form/collections.tsx'

export const JwtEditor = memo(function JwtEditor({ path, title }: { path: Path; title: string }) {
  const issues = useFieldIssues([...path, 'authentications'])
  const authzIssues = useFieldIssues([...path, 'authorizations'])
  return (
    <div className="are-sub" role="group" aria-label={title}>
      <Title level="H4" size="H6">
        {title}
      </Title>
      <IssueText id={`${fieldId(path)}-authn-issues`} issues={issues} />
      <ItemList
        path={[...path, 'authentications']}
        noun="authentication"
        newItem={() => ({ issuer: '', jwksUri: '' })}
      >
        {(at) => (
          <>
            <TextField
              path={[...at, 'issuer']}
              label="Issuer"
              required
              placeholder="https://issuer.example.com"
              keepEmpty
            />
            <TextField
              path={[...at, 'jwksUri']}
              label="JWKS URI"
              required
              placeholder="https://issuer.example.com/.well-known/jwks.json"
              keepEmpty
            />
            <TextField
              path={[...at, 'fromHeaders', 0, 'name']}
              label="Token from header"
              placeholder="Authorization"
            />
            <TextField
              path={[...at, 'fromHeaders', 0, 'prefix']}
              label="Header prefix"
              placeholder="Bearer "
            />
            <ListField path={[...at, 'fromParams']} label="Token from query parameter" />
          </>
        )}
      </ItemList>
      <IssueText id={`${fieldId(path)}-authz-issues`} issues={authzIssues} />
      <ItemList
        path={[...path, 'authorizations']}
        noun="authorization"
        newItem={() => ({ requiredScopes: [] })}
      >
        {(at) => (
          <>
            <ListField path={[...at, 'requiredScopes']} label="Required scopes" />
            <ListField path={[...at, 'audiences']} label="Audiences" />
          </>
        )}
      </ItemList>
    </div>
  )
})
