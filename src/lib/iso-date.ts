// Timestamps leave the service as ISO 8601 strings in UTC, whether the driver gave a Date or a
// string; an absent one stays null.
export function iso(d: Date | string): string;
export function iso(d: Date | string | null): string | null;
export function iso(d: Date | string | null): string | null {
  return d === null ? null : new Date(d).toISOString();
}
