import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { decodeEntities, HighlightPhrases, MarkedText } from './highlight';

describe('MarkedText', () => {
  it('keeps the server’s <mark> and nothing else', () => {
    expect(renderToStaticMarkup(<MarkedText html="招聘<mark>电焊工</mark>（包吃住）" />)).toBe(
      '招聘<mark>电焊工</mark>（包吃住）',
    );
  });

  it('shows escaped markup as text and never as elements', () => {
    const html = '&lt;img src=x onerror=alert(1)&gt; <mark>焊工</mark> &amp; 司机';
    expect(renderToStaticMarkup(<MarkedText html={html} />)).toBe(
      '&lt;img src=x onerror=alert(1)&gt; <mark>焊工</mark> &amp; 司机',
    );
  });

  it('turns unescaped tags other than <mark> into text as well', () => {
    const out = renderToStaticMarkup(<MarkedText html={'<script>alert(1)</script><b onclick="x">b</b>'} />);
    expect(out).not.toContain('<script');
    expect(out).not.toContain('<b');
    expect(out).toContain('&lt;script&gt;');
  });

  it('decodes numeric and named references', () => {
    expect(decodeEntities('&#39;&#x27;&quot;&amp;&lt;&gt;&nbsp;&unknown;')).toBe("''\"&<>\u00a0&unknown;");
  });
});

describe('HighlightPhrases', () => {
  it('marks every occurrence, the longer phrase first', () => {
    expect(
      renderToStaticMarkup(<HighlightPhrases text="限男性，男性优先" phrases={['男性', '限男性']} />),
    ).toBe('<mark class="flag-mark">限男性</mark>，<mark class="flag-mark">男性</mark>优先');
  });

  it('treats phrases as text, not as patterns', () => {
    expect(renderToStaticMarkup(<HighlightPhrases text="a.b (c)" phrases={['(c)', '.']} />)).toBe(
      'a<mark class="flag-mark">.</mark>b <mark class="flag-mark">(c)</mark>',
    );
  });
});
