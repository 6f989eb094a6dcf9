// The delay before the next attempt: exponential (base · 2^(attempt-1), capped) with jitter, a
// random 50–100 % of it, so receivers coming back are not hit by every sender at once.
export function retryDelaySeconds(attempt: number, baseSeconds: number, maxSeconds: number, random: () => number = Math.random): number {
  const exp = Math.min(baseSeconds * 2 ** Math.max(attempt - 1, 0), maxSeconds);
  return exp * (0.5 + random() * 0.5);
}
