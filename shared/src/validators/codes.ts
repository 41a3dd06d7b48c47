/**
 * Reference code existence checks. shared/ cannot reach the database, so the server registers a
 * checker at boot (from the reference tables held in memory) and every schema built with
 * `codeExists` then refuses unknown codes with a field error naming the path. Without a checker
 * (the web app) only the format is checked.
 */
export const CODE_KINDS = ['region', 'occupation', 'industry', 'education_level'] as const;
export type CodeKind = (typeof CODE_KINDS)[number];

type Checker = (kind: CodeKind, code: string) => boolean;
let checker: Checker | null = null;

export function registerCodeChecker(fn: Checker | null): void {
  checker = fn;
}

export function codeExists(kind: CodeKind, code: string): boolean {
  return checker ? checker(kind, code) : true;
}

export const REGION_CODE_RE = /^\d{6}$/;
/** GB/T 6565: major `6`, medium `6-18`, minor `6-18-02`, occupation `6-18-02-04`. */
export const OCCUPATION_CODE_RE = /^\d(-\d{2}){0,3}$/;
