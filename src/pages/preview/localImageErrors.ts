import type { PreviewStrings } from '../../core/protocol/preview';

/**
 * An image beside the post that does not load (a misspelt name, a file not there) shows its alt text,
 * marked, and says why on hover — rather than a bare broken-image icon.
 */
export function installLocalImageErrors(strings: () => PreviewStrings): void {
  // Error events do not bubble: caught on their way down.
  document.addEventListener(
    'error',
    (event) => {
      const image = event.target;
      if (!(image instanceof HTMLImageElement) || !image.classList.contains('local-image')) return;
      image.classList.add('missing');
      image.title = strings().imageMissing.replace('{0}', image.dataset.kxSrc ?? '');
    },
    true,
  );
}
