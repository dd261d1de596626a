// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatRecoveryKit, generateRecoveryKey } from '../../../../../src-renderer/vault/crypto/recovery-key.ts';
import { splitRecoveryKey, type RecoveryShare } from '../../../../../src-renderer/vault/crypto/recovery-shares.ts';
import { splitKit, type SplitRequest } from '../../../../../src-renderer/vault/session/recovery-share-actions.ts';
import type { UnlockOutcome } from '../../../../../src-renderer/vault/session/vault-service.ts';
import { ShareUnlock } from '../../../../../src-renderer/vault/ui/ShareUnlock.tsx';
import { SplitRecoveryForm } from '../../../../../src-renderer/vault/ui/SplitRecoveryForm.tsx';

const VAULT = '3f2a9c1e-0b4d-4e6f-8a7b-1c2d3e4f5a6b';
const OTHER_VAULT = '5b1e07aa-0b4d-4e6f-8a7b-1c2d3e4f5a6b';
const PASS = 'lantern meadow quartz bicycle harbour';

const saveText = vi.fn(async (_request: { stem: string; content: string }) => ({ ok: true as const, value: { saved: true, path: '/home/me/share.txt' } }));
const print = vi.fn(async () => ({ ok: true as const, value: { printed: true } }));

beforeEach(() => {
  saveText.mockClear();
  print.mockClear();
  Object.defineProperty(window, 'caravan', { configurable: true, value: { files: { saveText }, app: { print } } });
});
afterEach(cleanup);

const type = (element: HTMLElement, value: string) => fireEvent.change(element, { target: { value } });

describe('SplitRecoveryForm', () => {
  it('asks for the kit, offers 2 ≤ k ≤ n ≤ 10, and shows one sheet per share with save and print', async () => {
    const kit = formatRecoveryKit(generateRecoveryKey());
    const requests: SplitRequest[] = [];
    const split = async (request: SplitRequest) => {
      requests.push(request);
      return splitKit(
        { checkRecoveryKit: async () => ({ ok: true }), resetWithRecovery: async () => ({ ok: false, code: 'x', message: 'x', waitMs: 0 }) },
        request,
      );
    };
    render(<SplitRecoveryForm vaultId={VAULT} split={split} />);
    const make = screen.getByRole('button', { name: 'Make shares' });
    expect((make as HTMLButtonElement).disabled).toBe(true);
    type(screen.getByLabelText('Recovery key'), kit);

    const total = screen.getByLabelText('Shares to make') as HTMLSelectElement;
    const needed = screen.getByLabelText('Shares needed to recover') as HTMLSelectElement;
    expect([...total.options].map((o) => o.value)).toEqual(['2', '3', '4', '5', '6', '7', '8', '9', '10']);
    type(needed, '3');
    type(total, '2'); // fewer shares than needed: k follows n down
    expect(needed.value).toBe('2');
    expect([...needed.options].map((o) => o.value)).toEqual(['2']);
    type(total, '3');
    expect(screen.getByText(/Any 2 of the 3 shares open your vault; one share alone reveals nothing/)).toBeTruthy();

    fireEvent.click(make);
    expect(await screen.findByText(/3 shares made; any 2 of them open your vault/)).toBeTruthy();
    expect(requests).toEqual([{ kit, vaultId: VAULT, threshold: 2, total: 3, kitFrom: 'typed' }]);
    const sheets = [1, 2, 3].map((n) => screen.getByTestId(`recovery-share-${n}`));
    expect(within(sheets[1]!).getByRole('heading', { name: 'Share 2 of 3' })).toBeTruthy();
    expect(within(sheets[1]!).getByRole('list', { name: 'Share 2 of 3, 18 groups' }).querySelectorAll('code')).toHaveLength(18);

    // Save: who it is for goes on the sheet's file, with the share and how to use it.
    type(within(sheets[1]!).getByLabelText('Who is it for?'), 'Ana (sister)');
    fireEvent.click(within(sheets[1]!).getByRole('button', { name: 'Save share 2 as a file…' }));
    await waitFor(() => expect(saveText).toHaveBeenCalledTimes(1));
    const saved = saveText.mock.calls[0]![0];
    expect(saved.stem).toBe('caravan-recovery-share-2-of-3');
    const shareText = [...sheets[1]!.querySelectorAll('code')].map((c) => c.textContent).join('-');
    expect(saved.content).toContain(`Share 2 of 3: ${shareText}`);
    expect(saved.content).toContain('Kept by: Ana (sister)');
    expect(saved.content).toContain('Any 2 of the 3 shares');
    expect(await within(sheets[1]!).findByRole('status')).toHaveProperty('textContent', 'Saved to /home/me/share.txt');

    // Print: only the chosen sheet is printable while it prints, so one share per page.
    let printableDuringPrint: string[] = [];
    let bodyMark: string | undefined;
    print.mockImplementationOnce(async () => {
      printableDuringPrint = [...document.querySelectorAll('.printable')].map((e) => e.getAttribute('data-testid') ?? '');
      bodyMark = document.body.dataset.printing; // app.css hides every other printable (the kit at first run) under it
      return { ok: true as const, value: { printed: true } };
    });
    fireEvent.click(within(sheets[2]!).getByRole('button', { name: 'Print share 3…' }));
    expect(await within(sheets[2]!).findByText('Sent to the printer.')).toBeTruthy();
    expect(printableDuringPrint).toEqual(['recovery-share-3']);
    expect(bodyMark).toBe('recovery-share');
    expect(document.querySelectorAll('.printable')).toHaveLength(0);
    expect(document.body.dataset.printing).toBeUndefined();

    // A printer that fails leaves the sheets usable and says so.
    print.mockImplementationOnce(async () => {
      throw new Error('the printer went away');
    });
    fireEvent.click(within(sheets[0]!).getByRole('button', { name: 'Print share 1…' }));
    expect(await within(sheets[0]!).findByText('Printing failed: the printer went away')).toBeTruthy();
    expect((within(sheets[1]!).getByRole('button', { name: 'Print share 2…' }) as HTMLButtonElement).disabled).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByTestId('recovery-share-1')).toBeNull();
  });

  it('uses the kit it is given at vault creation without asking for it, and shows a refusal in words', async () => {
    const kit = formatRecoveryKit(generateRecoveryKey());
    const split = vi.fn(async () => ({ ok: false as const, message: 'This recovery key is valid but belongs to a different vault.' }));
    render(<SplitRecoveryForm vaultId={VAULT} kit={kit} split={split} />);
    expect(screen.queryByLabelText('Recovery key')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Make shares' }));
    expect((await screen.findByRole('alert')).textContent).toBe('This recovery key is valid but belongs to a different vault.');
    expect(split).toHaveBeenCalledWith({ kit, vaultId: VAULT, threshold: 2, total: 3, kitFrom: 'new-vault' });
  });
});

describe('ShareUnlock', () => {
  let shares: RecoveryShare[];
  beforeEach(async () => {
    shares = await splitRecoveryKey(generateRecoveryKey(), VAULT, 3, 5);
  });

  function renderUnlock(
    recover = vi.fn(async (): Promise<UnlockOutcome> => ({
      ok: false,
      code: 'shares-wrong-key',
      message: 'These shares fit together but do not open this vault.',
      waitMs: 0,
    })),
  ) {
    const onOpened = vi.fn(async () => {});
    render(<ShareUnlock vaultId={VAULT} onBack={vi.fn()} onOpened={onOpened} recover={recover} expectedMs={async () => 10} />);
    return { recover, onOpened };
  }

  it('adds a field per share needed, counts progress in words, and marks each field', async () => {
    renderUnlock();
    expect(screen.getAllByRole('textbox')).toHaveLength(2);
    expect(screen.getByTestId('share-progress').textContent).toBe('No share read yet.');
    type(screen.getByLabelText('First share'), shares[3]!.text.toLowerCase());
    expect(screen.getByLabelText('Third share')).toBeTruthy();
    expect(screen.getByTestId('share-progress').textContent).toBe('1 of 3 shares: 2 more are needed.');
    expect(screen.getByText('Share 4 of 5 (any 3 open the vault) ✓')).toBeTruthy();

    // A share typed twice: refused on its field, said in words and tied to the field for screen readers.
    const second = screen.getByLabelText('Second share');
    type(second, shares[3]!.text);
    expect(second.getAttribute('aria-invalid')).toBe('true');
    const note = document.getElementById(second.getAttribute('aria-describedby') ?? '');
    expect(note?.textContent).toBe('This is the same share as the first one (share 4 of 5). Type a different share.');

    // A share of another vault.
    const theirs = await splitRecoveryKey(generateRecoveryKey(), OTHER_VAULT, 3, 5);
    type(second, theirs[0]!.text);
    expect(screen.getByText(/This share belongs to another vault \(its vault tag is 5b1e07; this vault’s is 3f2a9c\)/)).toBeTruthy();

    // A partial share is not scolded while being typed, only once the field is left.
    type(second, shares[0]!.text.slice(0, 20));
    expect(second.getAttribute('aria-invalid')).toBeNull();
    fireEvent.blur(second);
    expect(second.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/A share has 18 groups of 4 characters; this one has 16 characters/)).toBeTruthy();

    type(second, shares[0]!.text);
    type(screen.getByLabelText('Third share'), shares[1]!.text);
    expect(screen.getByTestId('share-progress').textContent).toBe('3 of 3 shares: enough to recover.');
  });

  it('needs enough shares and a new passphrase before it tries, then shows the outcome', async () => {
    const { recover, onOpened } = renderUnlock();
    const submit = screen.getByRole('button', { name: 'Unlock and set new passphrase' }) as HTMLButtonElement;
    type(screen.getByLabelText('First share'), shares[0]!.text);
    type(screen.getByLabelText('Second share'), shares[1]!.text);
    type(screen.getByLabelText('New passphrase'), PASS);
    type(screen.getByLabelText('Type it again'), PASS);
    expect(submit.disabled).toBe(true); // 2 of 3
    type(screen.getByLabelText('Third share'), shares[4]!.text);
    await waitFor(() => expect(submit.disabled).toBe(false), { timeout: 4000 });
    fireEvent.click(submit);
    expect((await screen.findByRole('alert')).textContent).toBe('These shares fit together but do not open this vault.');
    expect(recover).toHaveBeenCalledWith([shares[0]!.text, shares[1]!.text, shares[4]!.text], PASS);
    expect(onOpened).not.toHaveBeenCalled();
  });
});
