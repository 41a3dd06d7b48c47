import { sql, type RawBuilder } from 'kysely';
import { indexWords, tsvectorLiteral } from './search.text.js';

/** What a posting contributes to search, by weight: A title/occupation, B skills/benefits, C enterprise, D description. */
export type PostingSearchInput = {
  title: string;
  occupationNames: string[];
  occupationKeywords: string[];
  skills: string[];
  enterpriseName: string;
  description: string;
  /** Benefit codes (board, lodging…): indexed as the words ads use (包吃住, 五险). Optional. */
  benefits?: readonly string[];
  /** The district's name (霞山区): lets a saved search or a query word find it. Optional. */
  districtName?: string;
};

/** The words job seekers type for the benefits a posting offers. */
export function benefitWords(benefits: readonly string[]): string[] {
  const has = new Set(benefits);
  const out: string[] = [];
  if (has.has('board')) out.push('包吃');
  if (has.has('lodging')) out.push('包住');
  if (has.has('board') && has.has('lodging')) out.push('包吃住');
  if (has.has('social_insurance')) out.push('五险');
  if (has.has('social_insurance') && has.has('housing_fund')) out.push('五险一金');
  if (has.has('housing_fund')) out.push('公积金');
  if (has.has('shuttle_bus')) out.push('班车');
  return out;
}

/** The words of a posting by weight (shared by the tsvector and benchmarks that build it in bulk). */
export function postingWords(p: PostingSearchInput): { weight: 'A' | 'B' | 'C' | 'D'; words: string[] }[] {
  return [
    {
      weight: 'A',
      words: [
        ...indexWords(p.title),
        ...p.occupationNames.flatMap(indexWords),
        ...p.occupationKeywords.flatMap(indexWords),
      ],
    },
    { weight: 'B', words: [...p.skills.flatMap(indexWords), ...benefitWords(p.benefits ?? [])] },
    { weight: 'C', words: [...indexWords(p.enterpriseName), ...indexWords(p.districtName ?? '')] },
    { weight: 'D', words: indexWords(p.description) },
  ];
}

/**
 * The tsvector for a posting, built from words (not parsed by PostgreSQL, see search.text.ts) as a
 * tsvector literal with positions, so that the weights survive and ts_rank ranks a title match
 * above a description match.
 * Use it in INSERT/UPDATE: `.set({ searchVector: postingSearchVector(input), searchText: postingSearchText(input) })`.
 */
export function postingSearchVector(p: PostingSearchInput): RawBuilder<string> {
  return sql<string>`${tsvectorLiteral(postingWords(p))}::tsvector`;
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
  return sql<string>`${tsvectorLiteral([
    {
      weight: 'A',
      words: [...r.occupationNames.flatMap(indexWords), ...r.experienceTitles.flatMap(indexWords)],
    },
    { weight: 'B', words: [...r.skills.flatMap(indexWords), ...r.certificates.flatMap(indexWords)] },
  ])}::tsvector`;
}
