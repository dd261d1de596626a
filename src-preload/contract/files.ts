/** Files the person chooses in main's dialogs: a text or PDF to save, a folder for a sync target. */
import { z } from 'zod';
import { BASE64_RE, noArgs, type InvokeMap } from './spec.ts';
import { folderHandleSchema } from './target.ts';

/** A file name offered in a save dialog: no folder, no characters a file system refuses. */
export const plainFileNameSchema = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[^/\\:*?"<>|\0]+$/, 'must be a plain file name');

export const saveTextRequestSchema = z
  .strictObject({
    /** File name offered in the dialog, e.g. `caravan-recovery-kit.txt`. */
    suggestedName: plainFileNameSchema,
    /** The text, or with `encoding: 'base64'` the bytes of a binary file (a PDF). */
    content: z.string().max(50 * 1024 * 1024),
    encoding: z.enum(['utf8', 'base64']).optional(),
    /** e.g. `[{ name: 'Text', extensions: ['txt'] }]` */
    filters: z
      .array(z.strictObject({ name: z.string().max(60), extensions: z.array(z.string().regex(/^[a-z0-9]{1,8}$/)).max(8) }))
      .max(8),
  })
  .refine((r) => r.encoding !== 'base64' || BASE64_RE.test(r.content), 'content must be base64');
export type SaveTextRequest = z.infer<typeof saveTextRequestSchema>;

export const saveTextResultSchema = z.discriminatedUnion('saved', [
  z.strictObject({ saved: z.literal(true), path: z.string() }),
  z.strictObject({ saved: z.literal(false) }),
]);
export type SaveTextResult = z.infer<typeof saveTextResultSchema>;

export const filesInvoke = {
  /** Asks where to save a text file (the person chooses; nothing is written if they cancel). */
  'files:saveText': { args: z.tuple([saveTextRequestSchema]), result: saveTextResultSchema },
  /**
   * Asks the person for a folder (a sync target) in main's own picker: a handle to add it with, and
   * its real path to show; null when they cancelled. A network share, a device or system path is refused.
   */
  'files:chooseFolder': { args: noArgs, result: z.strictObject({ handle: folderHandleSchema, path: z.string() }).nullable() },
} satisfies InvokeMap<'files'>;
