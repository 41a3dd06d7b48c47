import { describe, expect, it } from 'vitest';
import { highlight, indexWords, queryGroups, toTsQuery } from './search.text.js';

describe('search text', () => {
  it('keeps job words whole and adds canonical synonyms', () => {
    const words = indexWords('招聘二保焊工人，包吃住，霞山区');
    expect(words).toContain('二保焊');
    expect(words).toContain('电焊工');
    expect(words).toContain('包吃住');
    expect(words).not.toContain('招聘');
  });

  it('turns 焊工 into (焊工 | 电焊工) and welders into (welder | 电焊工)', () => {
    expect(queryGroups('焊工')).toEqual([['焊工', '电焊工']]);
    expect(queryGroups('Welders')).toEqual([['welder', '电焊工']]);
    expect(toTsQuery(queryGroups('焊工 霞山'))).toBe("('焊工' | '电焊工') & '霞山'");
  });

  it('escapes quotes and drops punctuation-only queries', () => {
    expect(toTsQuery([["o'neil", 'a\\b']])).toBe("('o''neil' | 'a\\\\b')");
    expect(toTsQuery(queryGroups('，。！'))).toBeNull();
  });

  it('highlights without letting HTML through', () => {
    expect(highlight('<b>电焊工</b>', ['电焊工'])).toBe('&lt;b&gt;<mark>电焊工</mark>&lt;/b&gt;');
  });
});
