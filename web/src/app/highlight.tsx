import { Fragment, type ReactNode } from 'react';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the character references an HTML-escaping server writes (&amp; &lt; &#39; &#x27;…). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code =
        ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/**
 * The search API marks matched words as `<mark>…</mark>` in otherwise HTML-escaped text. Rather
 * than trusting that string with innerHTML, it is split on exactly those two tags and every piece
 * becomes a React text node: any other markup, escaped or not, can only ever show as text.
 */
export function MarkedText({ html }: { html: string }) {
  const parts: ReactNode[] = [];
  let marked = false;
  let key = 0;
  for (const piece of html.split(/(<mark>|<\/mark>)/i)) {
    if (/^<mark>$/i.test(piece)) marked = true;
    else if (/^<\/mark>$/i.test(piece)) marked = false;
    else if (piece !== '') {
      const text = decodeEntities(piece);
      parts.push(marked ? <mark key={key++}>{text}</mark> : <Fragment key={key++}>{text}</Fragment>);
    }
  }
  return <>{parts}</>;
}

/**
 * Marks every occurrence of the given phrases in plain text (a reviewer sees the words the
 * discrimination checker flagged inside the ad). Longer phrases win where two overlap.
 */
export function HighlightPhrases({
  text,
  phrases,
  title,
}: {
  text: string;
  phrases: readonly string[];
  title?: (phrase: string) => string;
}) {
  const wanted = [...new Set(phrases.filter((p) => p.length > 0))].sort((a, b) => b.length - a.length);
  if (wanted.length === 0) return <>{text}</>;
  const escaped = wanted.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const re = new RegExp(`(${escaped.join('|')})`, 'g');
  return (
    <>
      {text.split(re).map((piece, i) =>
        wanted.includes(piece) ? (
          <mark key={i} className="flag-mark" title={title?.(piece)}>
            {piece}
          </mark>
        ) : (
          <Fragment key={i}>{piece}</Fragment>
        ),
      )}
    </>
  );
}
