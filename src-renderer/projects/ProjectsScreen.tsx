/** Projects by client, with status, billing, estimate and hours logged. */
import { FileDown, FileUp, Pencil, Plus, Trash2 } from 'lucide-react';
import { useCallback, useMemo, useState } from 'react';
import { useIntent } from '../nav/use-intent.ts';
import { useStore } from '../app/store.ts';
import type { Project } from '../domain/project.ts';
import { formatMoney } from '../reports/money.ts';
import { formatHours } from '../time/format.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { ScreenHeader } from '../ui/ScreenHeader.tsx';
import { WorkspaceState } from '../workspace/WorkspaceState.tsx';
import { BILLING_LABELS, STATUS_LABELS } from './project-form.ts';
import { ProjectForm } from './ProjectForm.tsx';
import { ProjectDetail } from './ProjectDetail.tsx';
import { ExportBundlePanel } from '../bundle/ui/ExportBundlePanel.tsx';
import { ImportBundlePanel } from '../bundle/ui/ImportBundlePanel.tsx';
import { errorMessage } from '../ui/error-message.ts';

function billingSummary(project: Project): string {
  const b = project.billing;
  switch (b.kind) {
    case 'hourly':
      return `${formatMoney(b.rateMinor, project.currency)}/h`;
    case 'retainer':
      return `${formatMoney(b.feeMinor, project.currency)}/month for ${formatHours(b.hoursPerMonth * 3_600_000)}`;
    default:
      return `${BILLING_LABELS[b.kind]} ${formatMoney(b.feeMinor, project.currency)}`;
  }
}

export function ProjectsScreen() {
  const clients = useStore((s) => s.clients);
  const projects = useStore((s) => s.projects);
  const blocks = useStore((s) => s.blocks);
  const deleteProject = useStore((s) => s.deleteProject);
  const notify = useStore((s) => s.notify);
  const navigate = useStore((s) => s.navigate);
  const [editing, setEditing] = useState<Project | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Project | null>(null);
  const [opened, setOpened] = useState<string | null>(null);
  const [exporting, setExporting] = useState<Project | null>(null);
  const [importing, setImporting] = useState(false);
  const openedProject = projects.find((p) => p.id === opened);
  const exportingClient = clients.find((c) => c.id === exporting?.clientId);
  useIntent(
    'new-project',
    useCallback(() => setEditing('new'), []),
    clients.length > 0,
  );
  useIntent(
    'import-bundle',
    useCallback(() => setImporting(true), []),
  );
  const logged = useMemo(() => {
    const ms = new Map<string, number>();
    for (const b of blocks) ms.set(b.projectId, (ms.get(b.projectId) ?? 0) + (b.end - b.start));
    return ms;
  }, [blocks]);
  const byClient = useMemo(
    () => clients.map((client) => ({ client, projects: projects.filter((p) => p.clientId === client.id) })).filter((g) => g.projects.length > 0),
    [clients, projects],
  );

  const remove = async (project: Project) => {
    setDeleting(null);
    try {
      await deleteProject(project.id);
      notify(`${project.name} deleted.`);
    } catch (error) {
      notify(errorMessage(error), { tone: 'error' });
    }
  };

  return (
    <section className="screen wide" aria-labelledby="screen-title">
      <ScreenHeader title="Projects">
        <button type="button" className="button" onClick={() => setImporting(true)}>
          <FileUp aria-hidden size={16} /> Import bundle…
        </button>
        <button type="button" className="button primary" disabled={clients.length === 0} onClick={() => setEditing('new')}>
          <Plus aria-hidden size={16} /> New project
        </button>
      </ScreenHeader>
      <WorkspaceState>
        {clients.length === 0 ? (
          <div className="empty-state">
            <p className="empty-title">Projects belong to a client</p>
            <p>Create your first client, then add their projects here.</p>
            <button type="button" className="button primary" onClick={() => navigate('clients')}>
              Go to Clients
            </button>
          </div>
        ) : byClient.length === 0 ? (
          <div className="empty-state">
            <p className="empty-title">No projects yet</p>
            <p>A project holds the billing terms (hourly, fixed, value-based or retainer) and the estimate your time is measured against.</p>
            <button type="button" className="button primary" onClick={() => setEditing('new')}>
              <Plus aria-hidden size={16} /> New project
            </button>
          </div>
        ) : (
          byClient.map(({ client, projects: list }) => (
            <div key={client.id} className="group">
              <h2>{client.name}</h2>
              <table className="list-table projects-table">
                <thead>
                  <tr>
                    <th scope="col">Project</th>
                    <th scope="col">Status</th>
                    <th scope="col">Billing</th>
                    <th scope="col">Logged</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((p) => {
                    const hours = (logged.get(p.id) ?? 0) / 3_600_000;
                    return (
                      <tr key={p.id}>
                        <th scope="row">
                          <button type="button" className="link-button row-title" onClick={() => setOpened(p.id)}>
                            {p.name}
                          </button>
                        </th>
                        <td>
                          <span className={`status-pill ${p.status}`}>{STATUS_LABELS[p.status]}</span>
                        </td>
                        <td>{billingSummary(p)}</td>
                        <td>
                          {formatHours(logged.get(p.id) ?? 0)}
                          {p.estimateHours !== undefined && p.estimateHours > 0 && (
                            <span className={hours > p.estimateHours ? 'over' : 'muted'}> of {p.estimateHours} h</span>
                          )}
                        </td>
                        <td className="row-actions">
                          <button
                            type="button"
                            className="icon-button"
                            aria-label={`Export ${p.name} as a bundle`}
                            title="Export as a bundle"
                            onClick={() => setExporting(p)}
                          >
                            <FileDown aria-hidden size={16} />
                          </button>
                          <button type="button" className="icon-button" aria-label={`Edit ${p.name}`} onClick={() => setEditing(p)}>
                            <Pencil aria-hidden size={16} />
                          </button>
                          <button type="button" className="icon-button" aria-label={`Delete ${p.name}`} onClick={() => setDeleting(p)}>
                            <Trash2 aria-hidden size={16} />
                          </button>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          ))
        )}
      </WorkspaceState>
      <Dialog title={editing === 'new' ? 'New project' : 'Edit project'} open={editing !== null} onClose={() => setEditing(null)} wide>
        <ProjectForm
          {...(editing && editing !== 'new' ? { project: editing } : {})}
          onDone={(saved) => {
            setEditing(null);
            if (saved) notify(`${saved.name} saved.`);
          }}
        />
      </Dialog>
      <Dialog title={openedProject ? `${openedProject.name}: playbook` : 'Project'} open={openedProject !== undefined} onClose={() => setOpened(null)} wide>
        {openedProject && <ProjectDetail project={openedProject} />}
        <div className="button-row">
          <button type="button" className="button" onClick={() => setOpened(null)}>
            Close
          </button>
        </div>
      </Dialog>
      <Dialog
        title={exporting ? `Export ${exporting.name} as a bundle` : 'Export bundle'}
        open={exporting !== null && exportingClient !== undefined}
        onClose={() => setExporting(null)}
        wide
      >
        {exporting && exportingClient && <ExportBundlePanel project={exporting} client={exportingClient} onClose={() => setExporting(null)} />}
      </Dialog>
      <Dialog title="Import a project bundle" open={importing} onClose={() => setImporting(false)} wide>
        <ImportBundlePanel onClose={() => setImporting(false)} />
      </Dialog>
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this project?"
        message={`“${deleting?.name ?? ''}” will be deleted. A project with time blocks cannot be deleted; set it to Done or Cancelled instead.`}
        confirmLabel="Delete project"
        onCancel={() => setDeleting(null)}
        onConfirm={() => deleting && void remove(deleting)}
      />
    </section>
  );
}
