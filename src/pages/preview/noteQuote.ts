// A note's quote as the page shows it: its words, and its formulas drawn — copies of the page's own
// KaTeX (or MathJax) output — instead of their TeX: "给出σ₁" where the stored words read "给出\sigma_1".
import { FORMULA_SELECTOR } from './annotationText';
import { renderedCopy } from './renderedCopy';

/** The quote of a drawn highlight, from its marked elements in page order (AnnotationLayer.drawn). */
export function quoteOfMarks(marked: readonly HTMLElement[]): DocumentFragment {
  const quote = document.createDocumentFragment();
  for (const part of marked) {
    const drawn = part.matches(FORMULA_SELECTOR) ? (part.matches('.katex') ? part : part.querySelector('.katex, svg')) : null;
    if (!drawn) {
      quote.append(part.textContent ?? '');
      continue;
    }
    const copy = renderedCopy(drawn);
    // A display's number is the page's, not the quote's; the MathML twin only doubles the copy.
    for (const extra of Array.from(copy.querySelectorAll('.tag, .katex-mathml'))) extra.remove();
    // The highlight's own marks stay on the page's formula: the page finds its highlights by them.
    for (const name of Array.from(copy.classList)) if (name.startsWith('kx-')) copy.classList.remove(name);
    copy.removeAttribute('data-kx-ids');
    quote.append(copy);
  }
  return quote;
}

/** The smallest a quote's text is drawn to fit its card, against the card's own size. */
const MIN_QUOTE_SCALE = 0.7;

/**
 * An equation's quote (a formula alone: one unbreakable box) wider than its card is drawn smaller to
 * fit; one that still does not fit ends in "…”" — text-overflow's ellipsis never shows after a
 * formula, whose boxes are atomic, so the card cut it off mid-glyph. Quotes with words keep the
 * ellipsis after their words. Measured once the card is laid out.
 */
export function fitQuote(quote: HTMLElement): void {
  quote.style.fontSize = '';
  quote.classList.remove('kx-clipped');
  const words = Array.from(quote.childNodes)
    .filter((node) => node.nodeType === Node.TEXT_NODE)
    .map((node) => node.textContent ?? '')
    .join('');
  if (words.replace(/[“”\s]/g, '') !== '') return;
  const overflow = quote.scrollWidth / Math.max(1, quote.clientWidth);
  if (overflow <= 1.01) return;
  const scale = Math.max(MIN_QUOTE_SCALE, 1 / overflow);
  quote.style.fontSize = `${(scale * 0.92).toFixed(3)}em`;
  if (quote.scrollWidth > quote.clientWidth + 1) quote.classList.add('kx-clipped');
}
