/**
 * Questions main puts to the person itself, in a dialog the renderer does not draw: adding a
 * host, weakening a policy, taking newer locality data. A compromised page can ask main to do
 * these things, but only the person, answering main's own dialog, can say yes.
 */

export interface ConfirmRequest {
  /** The window title; short. */
  title: string;
  /** The question, in one sentence. */
  message: string;
  /** What follows from a yes: the host, the countries, the difference. Plain text. */
  detail: string;
  /** The button that says yes, as a verb ("Add target", "Allow and save"). */
  confirmLabel: string;
}

export interface ConfirmDialog {
  /** True only when the person chose `confirmLabel`; closing or cancelling is no. */
  confirm(request: ConfirmRequest): Promise<boolean>;
}
