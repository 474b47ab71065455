/**
 * The equipment tree view (domain reference §7) and its pieces.
 *
 * @example
 * import { EquipmentView } from './trees';
 */
export { EquipmentView } from './EquipmentView';
export { useTreeStore } from './tree-store';
