// The one DOM helper the pages share. Its own module so that code which only builds elements (the
// compute cards' frame) does not pull in presentationView, and with it KaTeX and uPlot.

export function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}
