/**
 * How long a toast stays: long enough to read. "已复制" needs a moment; a refusal such as "这篇文章的笔记
 * 文件无法读取…" (over 60 characters) was gone after the same 1.4 s, before a reader had read half of it
 * (the VS Code notification beside it stays, so nothing was lost — only the page's own words).
 */
export function toastDuration(text: string): number {
  const characters = [...text].length;
  return Math.min(12_000, Math.max(1400, 800 + characters * 90));
}
