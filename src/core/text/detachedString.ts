// A copy of a string that does not hold on to the string it was cut from. V8 keeps a long slice as a
// view into its parent, so a short paragraph or formula kept in a table (an index, a memo) would keep
// its whole file alive; tables that outlive the file keep a copy instead.

/** `text` as a string of its own (short strings are copied by V8 anyway). */
export function detachedString(text: string): string {
  return text.length < 13 ? text : (JSON.parse(JSON.stringify(text)) as string);
}
