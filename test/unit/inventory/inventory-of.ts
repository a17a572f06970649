// Test helper: builds an inventory from INI text, the way loadInventory would.
import { parseIniInventory } from '../../../src/inventory/ini.js';
import { InventoryData } from '../../../src/inventory/inventory-data.js';
import type { Inventory } from '../../../src/inventory/types.js';

/** An inventory from INI text (reconciled, no vars dirs), for tests that only need groups and hosts. */
export function inventoryOf(ini: string): Inventory {
  const data = new InventoryData(() => {});
  parseIniInventory(data, '/test/hosts', ini);
  data.reconcile();
  data.inventory.sources = ['/test/hosts'];
  return data.inventory;
}
