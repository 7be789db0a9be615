// URLs of the pages every resource links to: the Service and Function lists and details. Every
// segment is encoded by namespacedPath, so a name can never add path segments. (The APIRule
// pages' own URLs, with their edit/create options, are in resources/apirules/links.ts.)
import { namespacedPath } from './namespace.ts'

export function serviceListPath(ns: string | undefined): string {
  return namespacedPath(ns, 'services')
}

export function servicePath(ns: string, name: string): string {
  return namespacedPath(ns, 'services', name)
}

export function functionListPath(ns: string | undefined): string {
  return namespacedPath(ns, 'functions')
}

export function functionPath(ns: string, name: string): string {
  return namespacedPath(ns, 'functions', name)
}
