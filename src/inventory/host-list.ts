import type { InventoryData } from './inventory-data.js';
import { parseAddress } from './parse-address.js';

/**
 * Ansible's host_list plugin: `-i 'web1,db1:2222,'` adds each name to `ungrouped`
 * (a `:port` is split off when the name is a valid address; ranges are not expanded).
 */
export function parseHostList(data: InventoryData, hostList: string): void {
  for (const item of hostList.split(',')) {
    const h = item.trim();
    if (!h) continue;
    const parsed = parseAddress(h, false);
    const host = parsed?.host ?? h;
    if (!data.inventory.hosts.has(host)) data.addHost(host, 'ungrouped', parsed?.port);
  }
}
