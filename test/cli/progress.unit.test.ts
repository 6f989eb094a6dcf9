// Progress on a terminal is one line rewritten in place; anywhere else it is whole lines, at most
// one a second, and the final count once: no carriage returns in a log.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { progress } from '../../src/cli/progress.ts';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { written, out: { isTTY, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream };
}

test('on a terminal: \\r updates and a final newline', () => {
  const s = stream(true);
  const p = progress((n) => `re-wrapped ${n}`, s.out);
  p.update(1);
  p.update(2);
  p.done(2);
  assert.deepEqual(s.written, ['\rre-wrapped 1', '\rre-wrapped 2', '\rre-wrapped 2\n']);
});

test('not on a terminal: whole lines, throttled to one a second, the final count once', () => {
  const s = stream(false);
  let now = 10_000;
  const p = progress(
    (n) => `re-wrapped ${n}`,
    s.out,
    () => now,
  );
  p.update(1); // shown
  p.update(2); // within the second: not shown
  now += 1000;
  p.update(3); // shown
  p.done(5);
  assert.deepEqual(s.written, ['re-wrapped 1\n', 're-wrapped 3\n', 're-wrapped 5\n']);
  const q = stream(false);
  const p2 = progress(
    (n) => `n=${n}`,
    q.out,
    () => now,
  );
  p2.update(7);
  p2.done(7);
  assert.deepEqual(q.written, ['n=7\n'], 'the final count is not repeated');
  assert.ok(!s.written.join('').includes('\r'));
});
