// Every page of the dashboard at 1440 and 1024 px wide, in the light and the dark theme, as
// screenshots in demo-output/screens/: the API Rule list, details, the editor's Form, YAML and
// Split views, the Services and Functions lists, a Service with its API Rules panel, and the
// embedded panel. So anyone can look at the product without running it.
import type { Demo } from './kit.ts'
import { ApiRuleDetailsPage } from '../pages/ApiRuleDetailsPage.ts'
import { ApiRuleEditorPage } from '../pages/ApiRuleEditorPage.ts'
import { ApiRuleListPage } from '../pages/ApiRuleListPage.ts'
import { FunctionsPage } from '../pages/FunctionsPage.ts'
import { ServicesPage } from '../pages/ServicesPage.ts'

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
] as const
const THEMES = ['light', 'dark'] as const

export const demo: Demo = {
  title: 'Screenshots of every page',
  description:
    'List, details, editor (Form, YAML, Split), Services, Functions, a Service with its panel and the embedded panel, at 1440 and 1024 px, light and dark.',
  async run(d) {
    const { page } = d
    for (const theme of THEMES) {
      // The theme switch's "Auto" follows the browser's colour scheme.
      await page.emulateMedia({ colorScheme: theme })
      for (const size of SIZES) {
        await page.setViewportSize(size)
        const tag = `${size.width}-${theme}`

        const list = new ApiRuleListPage(page)
        await list.open()
        await list.waitUntilLive()
        await list.row('demo', 'hello-kyma').waitFor()
        await d.shot(`list-${tag}`)

        const details = new ApiRuleDetailsPage(page, 'hello-kyma')
        await details.open('demo')
        await details.rulesTable.waitFor()
        await details.connection.filter({ hasText: 'Live' }).waitFor()
        await d.shot(`details-${tag}`)

        const editor = new ApiRuleEditorPage(page)
        for (const view of ['form', 'yaml', 'split'] as const) {
          await page.goto(`/namespaces/demo/apirules/hello-kyma/edit?view=${view}`)
          await editor.ready()
          if (view !== 'yaml') await editor.form.waitFor()
          if (view !== 'form') await editor.yamlEditor.locator('.view-lines').waitFor()
          await d.pause(500)
          await d.shot(`editor-${view}-${tag}`)
        }

        const services = new ServicesPage(page)
        await services.openList('demo')
        await services.row('hello-kyma-svc').waitFor()
        await d.shot(`services-${tag}`)
        await services.openDetails('demo', 'hello-kyma-svc')
        await services.panel.ruleLink('hello-kyma').waitFor()
        await d.shot(`service-panel-${tag}`)

        const functions = new FunctionsPage(page)
        await functions.openList('demo')
        await functions.row('hello').waitFor()
        await d.shot(`functions-${tag}`)

        await page.goto('/embed/namespaces/demo/services/hello-kyma-svc/apirules')
        await page.getByRole('link', { name: 'hello-kyma', exact: true }).waitFor()
        await d.shot(`embedded-panel-${tag}`)
      }
    }
  },
}
