import { sql, type RawBuilder } from 'kysely';
import { indexWords } from './search.text.js';

/** What a posting contributes to search, by weight: A title/occupation, B skills/benefits, C enterprise, D description. */
export type PostingSearchInput = {
  title: string;
  occupationNames: string[];
  occupationKeywords: string[];
  skills: string[];
  enterpriseName: string;
  description: string;
};

/**
 * The tsvector for a posting, built from words (not parsed by PostgreSQL, see search.text.ts).
 * Use it in INSERT/UPDATE: `.set({ searchVector: postingSearchVector(input), searchText: postingSearchText(input) })`.
 */
export function postingSearchVector(p: PostingSearchInput): RawBuilder<string> {
  const a = [
    ...indexWords(p.title),
    ...p.occupationNames.flatMap(indexWords),
    ...p.occupationKeywords.flatMap(indexWords),
  ];
  const b = p.skills.flatMap(indexWords);
  const c = indexWords(p.enterpriseName);
  const d = indexWords(p.description);
  return sql<string>`setweight(array_to_tsvector(${a}::text[]), 'A') || setweight(array_to_tsvector(${b}::text[]), 'B') || setweight(array_to_tsvector(${c}::text[]), 'C') || setweight(array_to_tsvector(${d}::text[]), 'D')`;
}

/** Plain text for the typo-tolerant (pg_trgm) fallback: the short, distinctive fields only. */
export function postingSearchText(p: PostingSearchInput): string {
  return [p.title, ...p.occupationNames, p.enterpriseName, ...p.skills]
    .join(' ')
    .toLowerCase()
    .slice(0, 1000);
}

/** The tsvector for a résumé (for staff search and candidate pre-filtering). */
export function resumeSearchVector(r: {
  skills: string[];
  experienceTitles: string[];
  occupationNames: string[];
  certificates: string[];
}): RawBuilder<string> {
  const a = [...r.occupationNames.flatMap(indexWords), ...r.experienceTitles.flatMap(indexWords)];
  const b = [...r.skills.flatMap(indexWords), ...r.certificates.flatMap(indexWords)];
  return sql<string>`setweight(array_to_tsvector(${a}::text[]), 'A') || setweight(array_to_tsvector(${b}::text[]), 'B')`;
}
