// UI5's assets, registered from the bundle so that nothing is fetched from a CDN: the themes the
// dashboard offers, and English only. The dashboard's own texts are English; UI5's texts are too,
// whatever the browser's language (index.html sets `"language": "en"`), so one page never mixes
// languages. UI5 has its English texts built in; only its English CLDR data (number and date
// formats) is registered here. Registering every locale (`@ui5/webcomponents-react/dist/Assets.js`)
// put five tables of 50-75 locales each into the first load (issue 16).
import { registerLocaleDataLoader } from '@ui5/webcomponents-base/dist/asset-registries/LocaleData.js'
import '@ui5/webcomponents-theming/dist/Assets.js'
import '@ui5/webcomponents/dist/generated/json-imports/Themes.js'
import '@ui5/webcomponents-fiori/dist/generated/json-imports/Themes.js'

type CldrLoader = Parameters<typeof registerLocaleDataLoader>[1]
type CldrData = Awaited<ReturnType<CldrLoader>>

// The JSON's inferred type is narrower than UI5's declared one (a number where it expects strings).
const loadEnglishCldr: CldrLoader = async () =>
  (await import('@ui5/webcomponents-localization/dist/generated/assets/cldr/en.json'))
    .default as unknown as CldrData

registerLocaleDataLoader('en', loadEnglishCldr)
