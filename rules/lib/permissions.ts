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

/**
 * Runtime permission groups as the system's permission dialog shows them (AOSP
 * PermissionController, PermissionMapping.java): one prompt per group, so "two groups in one
 * request" is what the user experiences as a bundle. The platform manifest stopped carrying
 * groups at API 29, hence this table.
 */
const GROUPS: Record<string, string[]> = {
  LOCATION: ['ACCESS_FINE_LOCATION', 'ACCESS_COARSE_LOCATION', 'ACCESS_BACKGROUND_LOCATION'],
  PHONE: ['READ_PHONE_STATE', 'READ_PHONE_NUMBERS', 'CALL_PHONE', 'ANSWER_PHONE_CALLS', 'ADD_VOICEMAIL', 'USE_SIP', 'ACCEPT_HANDOVER'],
  CALL_LOG: ['READ_CALL_LOG', 'WRITE_CALL_LOG', 'PROCESS_OUTGOING_CALLS'],
  CONTACTS: ['READ_CONTACTS', 'WRITE_CONTACTS', 'GET_ACCOUNTS'],
  CALENDAR: ['READ_CALENDAR', 'WRITE_CALENDAR'],
  CAMERA: ['CAMERA'],
  MICROPHONE: ['RECORD_AUDIO'],
  SMS: ['SEND_SMS', 'RECEIVE_SMS', 'READ_SMS', 'RECEIVE_WAP_PUSH', 'RECEIVE_MMS', 'READ_CELL_BROADCASTS'],
  STORAGE: ['READ_EXTERNAL_STORAGE', 'WRITE_EXTERNAL_STORAGE', 'ACCESS_MEDIA_LOCATION', 'READ_MEDIA_AUDIO', 'READ_MEDIA_IMAGES', 'READ_MEDIA_VIDEO', 'READ_MEDIA_VISUAL_USER_SELECTED'],
  SENSORS: ['BODY_SENSORS', 'BODY_SENSORS_BACKGROUND'],
  ACTIVITY_RECOGNITION: ['ACTIVITY_RECOGNITION'],
  NEARBY_DEVICES: ['BLUETOOTH_ADVERTISE', 'BLUETOOTH_CONNECT', 'BLUETOOTH_SCAN', 'UWB_RANGING', 'NEARBY_WIFI_DEVICES'],
  NOTIFICATIONS: ['POST_NOTIFICATIONS'],
};

const GROUP_OF = new Map<string, string>(Object.entries(GROUPS).flatMap(([g, ps]) => ps.map((p) => [`android.permission.${p}`, g] as [string, string])));

/** The runtime permission group of a dangerous platform permission (`LOCATION`, `PHONE`…). */
export function runtimeGroup(name: string): string | undefined {
  return GROUP_OF.get(name);
}
