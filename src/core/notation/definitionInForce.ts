// Which definition of a symbol is in force at a line: the reader's own (pinned) first, else the nearest
// one of this post before the line, else the nearest after, else one carried over from an earlier part.
// Types only, no imports: the preview page (symbol hover) applies the same rule as the host.

export const THIS_POST = 'this post';

export interface DefinitionLike {
  line: number;
  kind: 'pattern' | 'formula' | 'reader';
  source: string;
}

export function definitionInForce<D extends DefinitionLike>(definitions: readonly D[], line: number): D | undefined {
  const reader = definitions.find((d) => d.kind === 'reader');
  if (reader) return reader;
  let before: D | undefined;
  let after: D | undefined;
  for (const definition of definitions) {
    if (definition.source !== THIS_POST) continue;
    if (definition.line <= line && (!before || definition.line >= before.line)) before = definition;
    if (definition.line > line && (!after || definition.line < after.line)) after = definition;
  }
  return before ?? after ?? definitions.find((d) => d.source !== THIS_POST);
}
