// Public surface of the APIRule validation package.
export { validateApiRule, isAdmissible } from './validate.ts'
export type { DocPath, Issue, IssueSeverity, IssueSource, ValidationContext } from './types.ts'
export { apiRuleJsonSchema, servedVersions, crdVersion, APIRULE_SCHEMA_URI } from './schema.ts'
export type { JsonSchema } from './schema.ts'
export { statusToIssues } from './server.ts'
export { formatPath, parseFieldPath, isPathPrefix, pathEquals } from './paths.ts'
export { isValidV2Host, isNamespaceName, MIRRORED_CEL_RULES } from './cel.ts'
export { gatewayDomain, pathCovers, V1BETA1_HANDLERS } from './controller.ts'
