/** A workspace setting: a key and a JSON value, encrypted under the workspace key. */
import { z } from 'zod';
import { idSchema } from './common.ts';

/** Schema version of a stored Setting. */
export const SETTING_VERSION = 1;

/** Fields of a stored setting. The id is the setting's key (`autoLockMinutes`) and is stored in clear. */
export const settingFields = z.strictObject({
  id: idSchema,
  /** Any JSON value; the feature that owns the key validates its shape when reading it. */
  value: z.json(),
});

/** A stored setting. */
export const settingSchema = settingFields;
/** A stored setting. */
export type Setting = z.infer<typeof settingSchema>;
