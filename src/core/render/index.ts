// Public surface of the render engine; everything else in this folder is an implementation detail.
export { PostRenderer, renderPost, renderPostComplete, renderDigest, type PostRendererOptions } from './postRenderer';
export { firstScreen, type LineWindow } from './firstScreen';
export { detectDigestLayout, parseDigest, type DigestEntry, type DigestLayout } from './digest';
export { inlineLocalImages, MAX_INLINED_IMAGE_BYTES, resolveLocalImages, type ImageRead } from './localImages';
export { exportPage, inlineKatexFonts, EXPORT_STYLESHEET, type ExportInputs } from './exportPage';
export type {
  PostLink,
  RenderError,
  RenderMeta,
  RenderOptions,
  RenderResult,
  RenderStats,
  RenderedEqref,
  RenderedEquation,
  RenderedHeading,
  ResolvedPost,
} from './types';
