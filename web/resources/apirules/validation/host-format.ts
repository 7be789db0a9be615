// The v2 host format the CRD's CEL rule on `spec.hosts[*]` enforces, for the form's host preview
// (synchronous, before the validator runs). The validator itself evaluates the CRD's rule (cel.ts);
// cel.test.ts holds this regex to the same verdicts as that rule.
const HOST =
  /^(?:\*\.(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]{2,63}|(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?:\.[a-z0-9]{2,63}))?)$/

/** A lowercase RFC 1123 label, a fully qualified domain name or a wildcard domain. */
export function isValidV2Host(host: string): boolean {
  return HOST.test(host)
}
