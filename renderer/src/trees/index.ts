/**
 * The equipment tree view (issue 5 item 5) and its pieces.
 *
 * @example
 * import { EquipmentView } from './trees';
 */
export { EquipmentView } from './EquipmentView';
