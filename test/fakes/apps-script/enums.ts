// Apps Script enums are objects whose members are distinct objects with name(), ordinal() and
// toString(); a member is never equal to a string, so `alert('OK')` (a prompt) and
// `alert(prompt, ButtonSet.OK)` can be told apart as in Apps Script.

export interface FakeEnumMember {
  name(): string;
  ordinal(): number;
  toString(): string;
}

/** An enum with the given members, typed as the real enum (`typeof GoogleAppsScript.X.Y`). */
export function fakeEnum<T>(names: readonly string[]): T {
  const members: Record<string, FakeEnumMember> = {};
  names.forEach((name, index) => {
    members[name] = Object.freeze({ name: () => name, ordinal: () => index, toString: () => name });
  });
  return Object.freeze(members) as unknown as T;
}

export function isEnumMember(value: unknown): value is FakeEnumMember {
  return typeof value === 'object' && value !== null && typeof (value as FakeEnumMember).ordinal === 'function';
}
