// Group membership changes expressed as set operations on scim_group_members, so a PATCH on a
// 10,000-member group never has to load the member list. Apply `remove` first, then `add`.

import { invalidValue } from './errors.ts';
import { isUuid } from '../../lib/uuid.ts';
import { findKey, isPlainObject } from './lenient.ts';

export interface MemberRef {
  value: string;
  display?: string;
  type?: 'User' | 'Group';
}

export interface MemberChanges {
  /** Insert (upsert) these memberships. */
  add: MemberRef[];
  /** Delete these member ids, or every membership of the group. */
  remove: string[] | 'all';
}

/** `{value, display?, type?}` from what a client sent; a bare string is the member id. */
export function toMemberRef(raw: unknown): MemberRef {
  if (typeof raw === 'string') return { value: raw };
  if (!isPlainObject(raw)) throw invalidValue('A member must be an object with a "value".');
  const get = (name: string) => {
    const k = findKey(raw, name);
    return k === undefined ? undefined : raw[k];
  };
  const value = get('value');
  if (typeof value !== 'string' || value === '') throw invalidValue('A member must have a string "value".');
  const ref: MemberRef = { value };
  const display = get('display');
  if (typeof display === 'string') ref.display = display;
  const type = get('type');
  if (type !== undefined && type !== null) {
    const lower = typeof type === 'string' ? type.toLowerCase() : '';
    if (lower !== 'user' && lower !== 'group') throw invalidValue('A member "type" must be "User" or "Group".');
    ref.type = lower === 'user' ? 'User' : 'Group';
  }
  return ref;
}

export class MemberTracker {
  private removeAll = false;
  private readonly removed = new Set<string>();
  private readonly added = new Map<string, MemberRef>();
  touched = false;

  add(ref: MemberRef): void {
    // Ids are uuids; anything else cannot name a user or group of ours.
    if (!isUuid(ref.value)) throw invalidValue('A member "value" must be the id of a User or Group.');
    const id = ref.value.toLowerCase();
    this.touched = true;
    this.removed.delete(id);
    this.added.set(id, { ...ref, value: id });
  }

  remove(id: string): void {
    this.touched = true;
    if (!isUuid(id)) return; // matches no membership
    const lower = id.toLowerCase();
    this.added.delete(lower);
    if (!this.removeAll) this.removed.add(lower);
  }

  clear(): void {
    this.touched = true;
    this.removeAll = true;
    this.removed.clear();
    this.added.clear();
  }

  isEmpty(): boolean {
    return !this.removeAll && this.removed.size === 0 && this.added.size === 0;
  }

  result(): MemberChanges {
    return { add: [...this.added.values()], remove: this.removeAll ? 'all' : [...this.removed] };
  }
}
