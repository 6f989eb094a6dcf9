// The check-interval-with-jitter rule is written once in two languages (src/core/connections/
// check-schedule.ts): the JavaScript form and the SQL form must give values in the same range,
// the interval (never below one second) plus a share of the jitter.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkInterval, nextCheckAtSql, nextCheckIn } from '../../src/core/connections/check-schedule.ts';
import { openDatabase, type OpenedDb } from '../../src/db/connect.ts';

let opened: OpenedDb;
before(async () => {
  opened = await openDatabase({ memory: true });
});
after(() => opened.db.close());

const schedules = [
  { healthCheckIntervalSeconds: 3600, healthCheckJitterSeconds: 300 },
  { healthCheckIntervalSeconds: 0, healthCheckJitterSeconds: 0 },
  { healthCheckIntervalSeconds: 10, healthCheckJitterSeconds: 0 },
];

describe('next health check: one rule, JavaScript and SQL', () => {
  test('the interval never goes below one second', () => {
    assert.deepEqual(checkInterval({ healthCheckIntervalSeconds: 0, healthCheckJitterSeconds: 5 }), { baseSeconds: 1, jitterSeconds: 5 });
    assert.deepEqual(checkInterval({ healthCheckIntervalSeconds: 60, healthCheckJitterSeconds: 0 }), { baseSeconds: 60, jitterSeconds: 0 });
  });

  for (const s of schedules) {
    test(`interval ${s.healthCheckIntervalSeconds} s, jitter ${s.healthCheckJitterSeconds} s: both forms within [base, base + jitter]`, async () => {
      const { baseSeconds, jitterSeconds } = checkInterval(s);
      const js = Array.from({ length: 200 }, () => nextCheckIn(s));
      // now() is the transaction's start, the same for the whole statement.
      const rows = await opened.db.query<{ s: number }>(
        `SELECT extract(epoch FROM (${nextCheckAtSql('$1', '$2')}) - now())::float8 AS s FROM generate_series(1, 200)`,
        [baseSeconds, jitterSeconds],
      );
      const sql = rows.map((r) => Number(r.s));
      for (const v of [...js, ...sql]) {
        assert.ok(v >= baseSeconds - 1e-6 && v <= baseSeconds + jitterSeconds + 1e-6, `${v} in [${baseSeconds}, ${baseSeconds + jitterSeconds}]`);
      }
      // Each row draws its own share: with jitter, the values spread out.
      if (jitterSeconds > 0) {
        assert.ok(new Set(sql.map((v) => v.toFixed(3))).size > 100, 'SQL draws per row');
        assert.ok(new Set(js.map((v) => v.toFixed(3))).size > 100, 'JavaScript draws per call');
      }
    });
  }
});
