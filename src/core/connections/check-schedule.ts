// When a connection's next periodic health check is due: the interval (at least one second) plus a
// random share of the jitter, so connections created or checked together spread out. One rule,
// written here in both forms it is needed in: JavaScript (a check just recorded, a connection just
// created) and SQL (the scheduler advancing every due connection in one statement).
import type { MicrosoftConfig } from '../../config.ts';

export type CheckSchedule = Pick<MicrosoftConfig, 'healthCheckIntervalSeconds' | 'healthCheckJitterSeconds'>;

/** The rule's two numbers: the interval it never goes below, and the jitter spread over it. */
export function checkInterval(s: CheckSchedule): { baseSeconds: number; jitterSeconds: number } {
  return { baseSeconds: Math.max(s.healthCheckIntervalSeconds, 1), jitterSeconds: s.healthCheckJitterSeconds };
}

/** Seconds from now until the next check. */
export function nextCheckIn(s: CheckSchedule): number {
  const { baseSeconds, jitterSeconds } = checkInterval(s);
  return baseSeconds + Math.random() * jitterSeconds;
}

/** The same rule in SQL, a fresh random share per row; the parameters hold checkInterval's two numbers. */
export function nextCheckAtSql(baseParam: string, jitterParam: string): string {
  return `now() + make_interval(secs => ${baseParam} + random() * ${jitterParam})`;
}
