// Validates big documents off the main thread, so typing stays responsive (see validation-runner).
import { validateApiRule } from '../validation/validate.ts'
import type { ValidationRequest, ValidationResponse } from './validation-runner.ts'

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<ValidationRequest>) => void) | null
  postMessage: (message: ValidationResponse) => void
}

scope.onmessage = (e) => {
  const { id, value, version, ctx } = e.data
  scope.postMessage({ id, issues: validateApiRule(value, version, ctx) })
}
