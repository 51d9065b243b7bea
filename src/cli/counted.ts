/** "1 error", "2 errors": a count with its noun, for the CLI's text output (English only; JSON carries numbers). */
export function counted(count: number, noun: string, plural = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : plural}`;
}
