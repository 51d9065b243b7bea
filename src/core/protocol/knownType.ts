// A message that crosses a process or page boundary arrives as `any`. Before a handler switches on it,
// its `type` is checked against the union's members (a Record over the union's `type`s, so adding a
// member without listing it here fails the type check) — the handler's parameter is never a bare cast.
export type MessageTypes<M extends { type: string }> = Record<M['type'], true>;

export function hasKnownType<M extends { type: string }>(value: unknown, types: MessageTypes<M>): value is M {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return typeof type === 'string' && Object.prototype.hasOwnProperty.call(types, type);
}
