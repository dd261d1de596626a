/**
 * Ctrl/Cmd+K: one field to reach every action, screen, client and project. Arrow keys move,
 * Enter runs, Escape closes; it is a combobox with a listbox, so screen readers follow along.
 */
import { useId, useMemo, useState } from 'react';
import { useStore } from '../app/store.ts';
import { SCREENS } from '../nav/screens.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { type Command, rankCommands, screenCommands } from './commands.ts';

export function CommandPalette({ open, onClose, modKey }: { open: boolean; onClose: () => void; modKey: string }) {
  // The dialog mounts its content only while open, so the body starts empty each time.
  return (
    <Dialog title="Go to or do…" open={open} onClose={onClose}>
      <PaletteBody onClose={onClose} modKey={modKey} />
    </Dialog>
  );
}

function PaletteBody({ onClose, modKey }: { onClose: () => void; modKey: string }) {
  const navigate = useStore((s) => s.navigate);
  const request = useStore((s) => s.request);
  const lockVault = useStore((s) => s.lockVault);
  const timer = useStore((s) => s.timer);
  const timerCommand = useStore((s) => s.timerCommand);
  const clients = useStore((s) => s.clients);
  const projects = useStore((s) => s.projects);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();

  const commands: Command[] = useMemo(
    () => [
      { id: 'new-block', label: 'New time block', hint: `${modKey}+E`, keywords: 'add log time entry track', run: () => request('time', 'new-block') },
      { id: 'new-client', label: 'New client', keywords: 'add create customer', run: () => request('clients', 'new-client') },
      { id: 'new-project', label: 'New project', keywords: 'add create', run: () => request('projects', 'new-project') },
      {
        id: 'import-bundle',
        label: 'Import a project bundle',
        keywords: 'caravan file open receive hand-off',
        run: () => request('projects', 'import-bundle'),
      },
      {
        id: 'open-history',
        label: 'History and restore…',
        keywords: 'undo restore deleted changes as of version',
        run: () => request('sync', 'open-history'),
      },
      { id: 'search', label: 'Search time blocks', hint: `${modKey}+F`, keywords: 'find filter notes', run: () => request('time', 'search') },
      timer && timer.status !== 'idle'
        ? { id: 'timer', label: 'Stop the timer', hint: `${modKey}+Alt+T`, keywords: 'deep work pomodoro', run: () => void timerCommand({ type: 'stop' }) }
        : { id: 'timer', label: 'Start the timer', hint: `${modKey}+Alt+T`, keywords: 'deep work pomodoro focus', run: () => request('today', 'start-timer') },
      { id: 'lock', label: 'Lock Caravan', hint: `${modKey}+L`, keywords: 'vault close', run: () => lockVault() },
      ...screenCommands(SCREENS, navigate, modKey),
      ...clients.map((c) => ({ id: `client:${c.id}`, label: c.name, hint: 'Client', keywords: c.company ?? '', run: () => navigate('clients') })),
      ...projects.map((p) => ({
        id: `project:${p.id}`,
        label: `${clients.find((c) => c.id === p.clientId)?.name ?? ''} · ${p.name}`,
        hint: 'Project',
        run: () => navigate('projects'),
      })),
    ],
    [modKey, request, navigate, lockVault, clients, projects, timer, timerCommand],
  );
  const matches = useMemo(() => rankCommands(commands, query), [commands, query]);

  const run = (command: Command | undefined) => {
    if (!command) return;
    onClose();
    command.run();
  };

  return (
    <>
      <input
        autoComplete="off"
        className="palette-input"
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={matches[active] ? `${listId}-${active}` : undefined}
        aria-label="Command"
        placeholder="Type a command, screen, client or project"
        autoFocus
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') setActive((i) => Math.min(i + 1, matches.length - 1));
          else if (event.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
          else if (event.key === 'Enter') run(matches[active]);
          else return;
          event.preventDefault();
        }}
      />
      <ul id={listId} role="listbox" className="palette-list" aria-label="Matching commands">
        {matches.length === 0 && <li className="muted">Nothing matches “{query}”.</li>}
        {matches.map((command, index) => (
          <li
            key={command.id}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            className={index === active ? 'active' : ''}
            onMouseEnter={() => setActive(index)}
            onClick={() => run(command)}
          >
            <span>{command.label}</span>
            {command.hint && <span className="muted small">{command.hint}</span>}
          </li>
        ))}
      </ul>
    </>
  );
}
