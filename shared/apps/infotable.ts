import { setOwn } from '../model/own';
/**
 * Infotables as ThingWorx's REST API writes them: `{ dataShape: { fieldDefinitions }, rows }`, and
 * reading infotable parameters from a JSON body (rows given as `{ rows: [...] }` or a plain array).
 *
 * @example
 * infotable('PTC.SCA.SCO.ContextPermissionsDataShape', { ContextName: 'STRING', PermissionType: 'STRING' },
 *   [{ ContextName: 'DefaultContext', PermissionType: 'Read' }]);
 */

export type FieldDefinition = {
  name: string;
  description: string;
  baseType: string;
  ordinal: number;
  aspects: Record<string, unknown>;
};
export type InfoTable = {
  dataShape: { name: string; fieldDefinitions: Record<string, FieldDefinition> };
  rows: Record<string, unknown>[];
};

export function infotable(
  name: string,
  fields: Record<string, string>,
  rows: Record<string, unknown>[],
): InfoTable {
  const fieldDefinitions: Record<string, FieldDefinition> = {};
  Object.entries(fields).forEach(([field, baseType], i) => {
    setOwn(fieldDefinitions, field, {
      name: field,
      description: '',
      baseType,
      ordinal: i + 1,
      aspects: {},
    });
  });
  return { dataShape: { name, fieldDefinitions }, rows };
}

export const SHAPES = {
  ContextPermissions: [
    'PTC.SCA.SCO.ContextPermissionsDataShape',
    { ContextName: 'STRING', PermissionType: 'STRING' },
  ],
  EntityPermissions: [
    'PTC.SCA.SCO.EntityPermissionsDataShape',
    { Entity: 'THINGNAME', PermissionType: 'STRING' },
  ],
  EntityPermissionInContext: [
    'PTC.SCA.SCO.EntityPermissionInContextDataShape',
    { EntityName: 'THINGNAME', Permissions: 'INFOTABLE' },
  ],
  EntityPermissionList: [
    'PTC.SCA.SCO.EntityPermissionListDataShape',
    { UserOrUserGroupName: 'STRING', Type: 'STRING', PermissionType: 'STRING' },
  ],
  EquipmentContextSettings: [
    'PTC.SCA.SCO.EquipmentContextSettingsDataShape',
    {
      ContextName: 'STRING',
      Description: 'STRING',
      Enabled: 'BOOLEAN',
      EquipmentRelationshipSettings: 'STRING',
      LocalizationToken: 'STRING',
      Network: 'STRING',
    },
  ],
  SimpleEquipmentStructureTree: [
    'PTC.SCA.SCO.SimpleEquipmentStructureTree',
    {
      displayName: 'STRING',
      from: 'STRING',
      hasChildren: 'BOOLEAN',
      isAsset: 'BOOLEAN',
      networkName: 'STRING',
      path: 'STRING',
      to: 'STRING',
    },
  ],
  EquipmentOrContextList: [
    'PTC.SCA.SCO.EquipmentOrContextListDataShape',
    { Name: 'STRING', Type: 'STRING' },
  ],
  UserNameList: ['PTC.SCA.SCO.UserNameListDataShape', { UserName: 'USERNAME' }],
  UserGroupNameList: ['PTC.SCA.SCO.UserGroupNameListDataShape', { UserGroupName: 'GROUPNAME' }],
} as const satisfies Record<string, readonly [string, Record<string, string>]>;

export function shaped(shape: keyof typeof SHAPES, rows: Record<string, unknown>[]): InfoTable {
  const [name, fields] = SHAPES[shape];
  return infotable(name, fields, rows);
}

/** Rows of an infotable parameter, or undefined when the value is not an infotable. */
export function rowsOf(value: unknown): Record<string, unknown>[] | undefined {
  const rows = Array.isArray(value)
    ? value
    : value !== null &&
        typeof value === 'object' &&
        Array.isArray((value as { rows?: unknown }).rows)
      ? (value as { rows: unknown[] }).rows
      : undefined;
  if (!rows) return undefined;
  return rows.map(r =>
    r !== null && typeof r === 'object' && !Array.isArray(r) ? (r as Record<string, unknown>) : {},
  );
}
