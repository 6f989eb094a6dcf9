// Inventory items, written one Graph page at a time so memory holds one page whatever the
// tenant's size. One multi-row INSERT per page: the page travels as a single JSON parameter and
// is unnested by the database (one round trip, no parameter-count limit).
import type { Db } from '../../db/database.ts';

export interface InventoryTarget {
  workspaceId: string;
  connectionId: string;
  runId: number;
}

export async function insertInventoryPage(db: Db, t: InventoryTarget, collection: string, items: object[]): Promise<void> {
  if (items.length === 0) return;
  await db.workspaceTx(t.workspaceId, (q) =>
    q.query(
      `INSERT INTO inventory_items (run_id, workspace_id, connection_id, collection, external_id, data)
       SELECT $1, $2, $3, $4, e->>'id', e FROM jsonb_array_elements($5::jsonb) AS e
       WHERE jsonb_typeof(e->'id') = 'string'
       ON CONFLICT DO NOTHING`,
      [t.runId, t.workspaceId, t.connectionId, collection, JSON.stringify(items)],
    ),
  );
}

/** After a complete inventory only its items are kept: older runs' items of the connection go. */
export async function deleteOlderInventory(db: Db, t: InventoryTarget): Promise<void> {
  await db.workspaceTx(t.workspaceId, (q) => q.query('DELETE FROM inventory_items WHERE connection_id = $1 AND run_id <> $2', [t.connectionId, t.runId]));
}
