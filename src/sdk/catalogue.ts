import { loadData } from '../util/data-path.js';
import type { PackerCatalogue, SdkCatalogue } from './types.js';

/** rules/data/sdks.json, read once per process (loadData caches it). */
export function loadCatalogue(): SdkCatalogue {
  return loadData<SdkCatalogue>('sdks.json');
}

/** rules/data/packers.json, read once per process. */
export function loadPackers(): PackerCatalogue {
  return loadData<PackerCatalogue>('packers.json');
}
