import { Button, IllustratedMessage } from '@ui5/webcomponents-react'
import '@ui5/webcomponents-fiori/dist/illustrations/PageNotFound.js'
import { useLocation, useNavigate } from 'react-router'

export function NotFoundPage() {
  const location = useLocation()
  const navigate = useNavigate()
  return (
    <IllustratedMessage
      name="PageNotFound"
      titleText="Page not found"
      subtitleText={`Nothing lives at ${location.pathname}.`}
    >
      <Button design="Emphasized" onClick={() => navigate('/')}>
        Go to API Rules
      </Button>
    </IllustratedMessage>
  )
}
