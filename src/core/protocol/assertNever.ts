// The default of every `switch` over a message union: the type check fails when a member is added
// and not handled, and a message of an unknown type that arrives anyway (an old page after an update,
// a hand-written test message) is reported instead of ignored in silence.
export function assertNever(value: never, where: string): never {
  const type = (value as { type?: unknown } | null)?.type;
  throw new Error(`${where}: unexpected message ${typeof type === 'string' ? `of type '${type}'` : JSON.stringify(value)}`);
}
