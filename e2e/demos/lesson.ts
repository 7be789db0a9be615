// The Kyma API Gateway lesson as a walkthrough: the API Rules list, exposing hello-kyma-svc from
// its Service page with the form, the same APIRule as YAML, create, details with the status the
// API Gateway controller writes and the VirtualService it generates; then the same for the
// Function greeter.
import { ApiRuleDetailsPage } from '../pages/ApiRuleDetailsPage.ts'
import { ApiRuleEditorPage } from '../pages/ApiRuleEditorPage.ts'
import { ApiRuleListPage } from '../pages/ApiRuleListPage.ts'
import { FunctionsPage } from '../pages/FunctionsPage.ts'
import { ServicesPage } from '../pages/ServicesPage.ts'
import type { Demo, DemoContext } from './kit.ts'

async function exposeAndCreate(d: DemoContext, editor: ApiRuleEditorPage, name: string) {
  await editor.ready()
  await d.caption(`The form is prefilled: name, Service ${name} and its port, host ${name}`)
  await d.shot(`${name}-form`)
  const rule = editor.rule(1)
  await rule.group.scrollIntoViewIfNeeded()
  await d.caption('One rule: every path (/*), GET — choose how it is protected')
  await rule.access('No auth').click()
  await d.caption('"No auth": the lesson exposes the service publicly. The form warns about it.')
  await d.shot(`${name}-no-auth`)
  await editor.showView('YAML')
  await d.caption('The YAML view shows the same document — edit either, they stay in sync')
  await d.pause(2500)
  await d.shot(`${name}-yaml`)
  await editor.showView('Form')
  await d.caption('Create: a dry run on the API server first, then the real create')
  await editor.create(name)
  const details = new ApiRuleDetailsPage(d.page, name)
  await details.heading.waitFor()
  await d.caption(
    `APIRule ${name}: host, service and rules; the API Gateway controller picks it up`,
  )
  await details.status(/^(Ready|Not reconciled)$/).waitFor({ timeout: 30_000 })
  await d.pause(1500)
  await d.shot(`${name}-details`)
  const generated = details.panel('Generated resources')
  const virtualService = generated.getByText(/^VirtualService /).first()
  if (await details.status('Ready').isVisible()) {
    await virtualService.waitFor({ timeout: 30_000 })
    await virtualService.scrollIntoViewIfNeeded()
    await d.caption('Ready: the controller generated the Istio VirtualService for the host')
    await virtualService.click()
    await d.pause(2500)
    await d.shot(`${name}-virtualservice`)
  } else {
    await d.caption('"Not reconciled": no API Gateway controller runs in this cluster')
    await d.pause(2500)
  }
}

export const demo: Demo = {
  title: 'The Kyma API Gateway lesson',
  description:
    'List → expose hello-kyma-svc from its Service page (form, YAML, create, details) → the same for the Function greeter.',
  async run(d) {
    const list = new ApiRuleListPage(d.page)
    await list.open('demo')
    await list.waitUntilLive()
    await d.caption('API Rules in namespace demo, live from the cluster')
    await d.shot('list')
    await d.pause()

    const services = new ServicesPage(d.page)
    await services.openDetails('demo', 'hello-kyma-svc')
    await d.caption(
      'The Service hello-kyma-svc from the lesson, with the API Rules that route to it',
    )
    await d.shot('service')
    await d.caption('Expose it: "Expose with APIRule"')
    await services.panel.exposeButton.click()
    await exposeAndCreate(d, new ApiRuleEditorPage(d.page), 'hello-kyma-svc')

    await list.open('demo')
    await list.row('demo', 'hello-kyma-svc').waitFor()
    await d.caption('Back in the list: the new APIRule is there')
    await d.shot('list-after')
    await d.pause()

    const functions = new FunctionsPage(d.page)
    await functions.openDetails('demo', 'greeter')
    await d.caption('Functions work the same way: the Function greeter is not exposed yet')
    await d.shot('function')
    await functions.panel.exposeButton.click()
    await exposeAndCreate(d, new ApiRuleEditorPage(d.page), 'greeter')

    await d.caption('Done: two workloads exposed through APIRules')
    await d.pause(3000)
  },
}
