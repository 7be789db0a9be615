// Kept only for web/editor/save/persist.ts, which imports it from here until that file moves to
// web/api (its owner's rewrite); the APIRule templates live in web/resources/apirules/editor/.
export { versionOfApiVersion } from '../resources/apirules/editor/templates.ts'
