import { loadData } from '../../src/util/data-path.js';

interface PermissionTable {
  permissions: Record<string, { protectionLevel: string; group?: string; label?: string }>;
}

function table(): PermissionTable['permissions'] {
  return loadData<PermissionTable>('permissions.json').permissions;
}

/** Base protection level of a platform permission (`dangerous`, `normal`, `signature`…), or undefined for non-platform names. */
export function protectionLevel(name: string): string | undefined {
  return table()[name]?.protectionLevel.split('|')[0];
}

export function isDangerous(name: string): boolean {
  return protectionLevel(name) === 'dangerous';
}

export function permissionLabel(name: string): string | undefined {
  return table()[name]?.label;
}
